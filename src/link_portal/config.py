"""The portal's typed configuration: one TOML file, overridable by environment variables.

Every field has an environment variable ``LINK_PORTAL_<FIELD>`` (upper case), so the
same config works from a file, a container environment or the CLI's flags.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from link_protocol.message import normalize_origin

MAX_CHALLENGE_TTL_S = 300
# Upper bounds: a typo (an extra zero) must not quietly weaken a check.
MAX_TOKEN_LEEWAY_S = 300  # clock skew tolerated on exp/nbf
MAX_JWKS_MIN_REFRESH_S = 3600  # a rotated issuer key must be picked up within the hour
MAX_BODY_BYTES = 1024 * 1024
# Calls at once per worker (docs/link-api.md, Performance): SQLite has one writer and
# every call writes, so a second thread would only queue for it while contending for
# the GIL; PostgreSQL's calls overlap their waits on the server.
SQLITE_CALLS_AT_ONCE = 1
POSTGRESQL_CALLS_AT_ONCE = 4
ENV_PREFIX = "LINK_PORTAL_"
REQUIRED = ("database_url", "public_origin", "issuer", "tenant_id", "nhs_trust")
CONFIG_ENV = "LINK_PORTAL_CONFIG"


class ConfigError(ValueError):
    """The configuration is incomplete or inconsistent (message names the field)."""


@dataclass(frozen=True)
class RateLimit:
    """At most ``count`` calls per ``per_s`` seconds for one account."""

    count: int
    per_s: float


@dataclass(frozen=True)
class PortalConfig:
    database_url: str = "sqlite:///link-portal.db"
    public_origin: str = "https://127.0.0.1:8443"
    issuer: str = ""
    jwks_url: str = ""  # empty: discovered from <issuer>/.well-known/openid-configuration
    audience: tuple[str, ...] = ("api://smartcard-linker-portal",)
    tenant_id: str = ""
    # the delegated scope a token's ``scp`` must contain (app-only tokens have none)
    required_scope: str = "Link.ReadWrite"
    # the app registrations whose tokens are accepted (``azp``/``appid``); empty: any
    client_ids: tuple[str, ...] = ()
    nhs_trust: str = ""  # PEM file or directory of PEM files: NHS root CAs (trust anchors)
    nhs_intermediates: str = ""  # PEM file or directory: NHS SubCAs (never anchors)
    crl_files: tuple[str, ...] = ()  # DER or PEM; re-read when past their nextUpdate
    # revocation when a CRL is configured for the issuer but is missing, out of date or
    # badly signed: "fail-closed" refuses the card (certificate_untrusted), "fail-open"
    # accepts it as not revoked
    crl_missing: str = "fail-closed"
    ocsp: bool = True  # ask the responder a certificate names (AIA), when it names one
    ocsp_timeout_s: float = 3.0
    # the NHS certificate policy OID a card certificate must carry; empty: not checked.
    # No public source gives the NHS Care Identity policy OID: set it from the CA's CP.
    certificate_policy_oid: str = ""
    jwks_ca_file: str = ""  # extra CA for fetching the JWKS (empty: system store)
    aup_url: str = "https://portal.nhs.net/aup"
    challenge_ttl_s: int = 120
    link_request_ttl_s: int = 600
    challenge_rate: RateLimit = field(default_factory=lambda: RateLimit(30, 60.0))
    link_request_rate: RateLimit = field(default_factory=lambda: RateLimit(20, 60.0))
    token_leeway_s: int = 60
    jwks_min_refresh_s: float = 30.0
    max_body_bytes: int = 64 * 1024
    log_level: str = "info"
    # Calls a worker process runs at once, each on its own database connection. 0: by
    # backend (SQLITE_CALLS_AT_ONCE, POSTGRESQL_CALLS_AT_ONCE).
    database_connections: int = 0

    def __post_init__(self) -> None:
        if not self.issuer:
            raise ConfigError("issuer is required")
        if not self.tenant_id:
            raise ConfigError("tenant_id is required")
        if not self.audience:
            raise ConfigError("audience is required")
        if not self.nhs_trust:
            raise ConfigError("nhs_trust (PEM file or directory of NHS CAs) is required")
        try:
            origin = normalize_origin(self.public_origin)
        except ValueError as exc:
            raise ConfigError(f"public_origin: {exc}") from exc
        object.__setattr__(self, "public_origin", origin)
        if not 10 <= self.challenge_ttl_s <= MAX_CHALLENGE_TTL_S:
            raise ConfigError(f"challenge_ttl_s must be 10..{MAX_CHALLENGE_TTL_S}")
        if not 30 <= self.link_request_ttl_s <= 3600:
            raise ConfigError("link_request_ttl_s must be 30..3600")
        url = self.database_url.strip()
        if url.startswith("sqlite") and (url.endswith(":memory:") or url.rstrip("/") == "sqlite:"):
            raise ConfigError(
                "database_url: the portal needs a database file (an in-memory SQLite is neither "
                "shared by worker processes nor kept across a restart)"
            )
        if not 0 <= self.database_connections <= 100:
            raise ConfigError("database_connections must be 1..100 (0: by backend)")
        if not 0 <= self.token_leeway_s <= MAX_TOKEN_LEEWAY_S:
            raise ConfigError(f"token_leeway_s must be 0..{MAX_TOKEN_LEEWAY_S}")
        if not 1 <= self.jwks_min_refresh_s <= MAX_JWKS_MIN_REFRESH_S:
            raise ConfigError(f"jwks_min_refresh_s must be 1..{MAX_JWKS_MIN_REFRESH_S}")
        if not 1024 <= self.max_body_bytes <= MAX_BODY_BYTES:
            raise ConfigError(f"max_body_bytes must be 1024..{MAX_BODY_BYTES}")
        if self.crl_missing not in ("fail-closed", "fail-open"):
            raise ConfigError("crl_missing must be fail-closed or fail-open")
        if not 0.1 <= self.ocsp_timeout_s <= 30:
            raise ConfigError("ocsp_timeout_s must be 0.1..30")
        if not self.required_scope.strip() or " " in self.required_scope.strip():
            raise ConfigError("required_scope must be one scope name")
        for name in ("challenge_rate", "link_request_rate"):
            rate = getattr(self, name)
            if rate.count < 1 or rate.per_s <= 0:
                raise ConfigError(f"{name} must allow at least one call per positive period")

    @property
    def calls_at_once(self) -> int:
        """``database_connections``, or the backend's default when it is 0."""
        if self.database_connections:
            return self.database_connections
        sqlite = self.database_url.strip().startswith("sqlite")
        return SQLITE_CALLS_AT_ONCE if sqlite else POSTGRESQL_CALLS_AT_ONCE

    def with_overrides(self, **changes: Any) -> PortalConfig:
        return replace(self, **changes)


def _coerce(name: str, value: Any) -> Any:
    """Turn TOML/env values into the field's type."""
    if name in ("audience", "crl_files", "client_ids"):
        if isinstance(value, str):
            return tuple(v.strip() for v in value.split(",") if v.strip())
        return tuple(str(v) for v in value)
    if name in ("challenge_rate", "link_request_rate"):
        if isinstance(value, RateLimit):
            return value
        if isinstance(value, str):  # "30/60" = 30 calls per 60 seconds
            count, _, per = value.partition("/")
            return RateLimit(int(count), float(per or 60))
        if isinstance(value, Mapping):
            return RateLimit(int(value["count"]), float(value.get("per_s", 60)))
        raise ConfigError(f"{name}: expected 'COUNT/SECONDS' or a table")
    if name in (
        "challenge_ttl_s",
        "link_request_ttl_s",
        "token_leeway_s",
        "max_body_bytes",
        "database_connections",
    ):
        return int(value)
    if name in ("jwks_min_refresh_s", "ocsp_timeout_s"):
        return float(value)
    if name == "ocsp":
        if isinstance(value, str):
            return value.strip().lower() in ("1", "true", "yes", "on")
        return bool(value)
    return str(value)


def load_config(
    path: Path | str | None = None,
    *,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> PortalConfig:
    """File < environment < explicit overrides (CLI flags). Unknown keys are errors."""
    env = os.environ if env is None else env
    known = {f.name for f in fields(PortalConfig)}
    values: dict[str, Any] = {}
    path = path or env.get(CONFIG_ENV)
    if path:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        section = data.get("portal", data)
        unknown = set(section) - known
        if unknown:
            raise ConfigError(f"unknown config keys: {', '.join(sorted(unknown))}")
        values.update(section)
    for name in known:
        env_value = env.get(ENV_PREFIX + name.upper())
        if env_value is not None:
            values[name] = env_value
    for name, value in (overrides or {}).items():
        if name not in known:
            raise ConfigError(f"unknown config key {name!r}")
        if value is not None:
            values[name] = value
    try:
        return PortalConfig(**{k: _coerce(k, v) for k, v in values.items()})
    except (TypeError, ValueError, KeyError) as exc:
        if isinstance(exc, ConfigError):
            raise
        raise ConfigError(str(exc)) from exc


def dump_config_toml(config: PortalConfig) -> str:
    """A TOML rendering of ``config`` (what ``load_config`` reads back): the settings
    that differ from the defaults, so the file says what was chosen."""
    lines = ["[portal]"]
    for f in fields(PortalConfig):
        value = getattr(config, f.name)
        default = f.default_factory() if f.default_factory is not MISSING else f.default
        if value == default and f.name not in REQUIRED:
            continue
        if isinstance(value, RateLimit):
            lines.append(f'{f.name} = "{value.count}/{value.per_s:g}"')
        elif isinstance(value, tuple):
            lines.append(f"{f.name} = [{', '.join(_toml_str(v) for v in value)}]")
        elif isinstance(value, bool):
            lines.append(f"{f.name} = {'true' if value else 'false'}")
        elif isinstance(value, int | float):
            lines.append(f"{f.name} = {value}")
        else:
            lines.append(f"{f.name} = {_toml_str(str(value))}")
    return "\n".join(lines) + "\n"


def _toml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
