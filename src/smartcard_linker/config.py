"""Layered settings: what IT, the installer, the machine and the user configured.

Sources, highest first (a higher source wins; a Windows policy value also locks
the setting so no lower layer can change it):

1. Windows policy key     HKLM\\SOFTWARE\\Policies\\NHS\\SmartcardLinker   (Group Policy / Intune)
2. Windows deployment key HKLM\\SOFTWARE\\NHS\\SmartcardLinker            (written by the MSI)
3. machine-wide file      %ProgramData%\\SmartcardLinker\\config.toml or
                          /etc/smartcard-linker/config.toml
4. per-user file          <platformdirs user config dir>/config.toml  (or ``--config FILE``)
5. command-line flags (``--set key=value``), then environment ``SMARTCARD_LINKER_<KEY>``
6. built-in defaults

No Qt here: the settings are loaded before any window exists, and a bad value
becomes a ``ConfigProblem`` the app shows on screen instead of crashing.
"""

from __future__ import annotations

import itertools
import os
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal, Protocol
from urllib.parse import urlsplit

from smartcard_linker.card.nhs_issuers import DEFAULT_NHS_CARD_ISSUERS

APP_NAME = "SmartcardLinker"
APP_AUTHOR = "NHS"
POLICY_KEY = r"SOFTWARE\Policies\NHS\SmartcardLinker"
DEPLOYMENT_KEY = r"SOFTWARE\NHS\SmartcardLinker"
ENV_PREFIX = "SMARTCARD_LINKER_"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


@dataclass(frozen=True)
class Settings:
    """The effective settings. Field docs are the configuration reference (``--print-config``)."""

    portal_url: str = ""
    """Link API portal base URL (https). Required."""
    authority: str = "https://login.microsoftonline.com/nhs.net"
    """NHSmail (Entra ID) authority URL, https, with the tenant as its path."""
    client_id: str = ""
    """The app's client (application) id registered in the NHSmail tenant. Required."""
    api_scope: str = ""
    """The portal API scope the access token is requested for. Required."""
    pkcs11_modules: tuple[str, ...] = ()
    """PKCS#11 module paths to try first (card middleware); known OS defaults follow."""
    nhs_card_issuers: tuple[str, ...] = DEFAULT_NHS_CARD_ISSUERS
    """Issuing CAs whose card certificates make an NHS Smartcard: RFC 4514 names, ';'-separated,
    each optionally followed by '|keyid=HEX' (authority key identifier)."""
    extra_nhs_card_issuers: tuple[str, ...] = ()
    """More issuer rules on top of nhs_card_issuers (a test or sandbox PKI), same form."""
    kiosk_mode: bool = False
    """Shared pre-registration station: nothing of one person remains for the next."""
    kiosk_idle_timeout_s: int = 120
    """Kiosk: reset the journey after this many idle seconds."""
    kiosk_done_timeout_s: int = 30
    """Kiosk: reset this many seconds after a link is done."""
    product_name: str = "NHSmail"
    """Name of the mail service in user text ("NHSmail" or "NHS.net Connect")."""
    local_admin_text: str = (
        "Contact your Local Administrator (your organisation's IT service desk or "
        "Registration Authority team)."
    )
    """First line of help: who to contact locally."""
    helpdesk_url: str = "https://support.nhs.net/"
    """Helpdesk web page (https), shown after the Local Administrator."""
    helpdesk_phone: str = ""
    """Helpdesk phone number, shown with the helpdesk link when set."""
    link_home_url: str = ""
    """"Go to Link My NHS Accounts home" target (https); empty: the portal's origin."""
    nhsmail_portal_url: str = "https://portal.nhs.net/"
    """"Go to NHSmail portal" target (https)."""
    self_service_unlock_url: str = "https://digital.nhs.uk/unlock"
    """Where a person with a locked card can unlock it themselves (https)."""
    log_level: str = "INFO"
    """DEBUG, INFO, WARNING or ERROR."""
    extra_ca_file: str | None = None
    """PEM file of extra CAs trusted on top of the OS store (TLS inspection, sandbox)."""
    signin_timeout_s: int = 300
    """Give up waiting for the browser sign-in after this many seconds."""
    pin_pad_timeout_s: int = 90
    """How long to wait for a PIN typed on a PIN-pad reader."""
    remember_sign_in: bool = True
    """Keep the sign-in (encrypted) between runs on a personal desktop; ignored in kiosk mode."""

    @property
    def effective_link_home_url(self) -> str:
        if self.link_home_url:
            return self.link_home_url
        parts = urlsplit(self.portal_url)
        return f"{parts.scheme}://{parts.netloc}/" if parts.netloc else ""


REQUIRED = ("portal_url", "client_id", "api_scope")
_URL_KEYS = frozenset(
    {
        "portal_url",
        "authority",
        "helpdesk_url",
        "link_home_url",
        "nhsmail_portal_url",
        "self_service_unlock_url",
    }
)
_POSITIVE_INT_KEYS = frozenset(
    {"kiosk_idle_timeout_s", "kiosk_done_timeout_s", "signin_timeout_s", "pin_pad_timeout_s"}
)
_FIELD_TYPES: dict[str, str] = {
    "pkcs11_modules": "list",
    "nhs_card_issuers": "issuers",
    "extra_nhs_card_issuers": "issuers",
    "kiosk_mode": "bool",
    "remember_sign_in": "bool",
    "extra_ca_file": "path",
    **{k: "int" for k in _POSITIVE_INT_KEYS},
}
KEYS: tuple[str, ...] = tuple(f.name for f in fields(Settings))


def field_docs() -> dict[str, str]:
    """Each setting's docstring, read from this file (admin templates and docs share one text).

    Parsed on demand, not at import: start-up does not pay for it.
    """
    import ast

    docs: dict[str, str] = {}

    try:
        tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    except OSError:  # frozen builds may ship bytecode only
        return docs
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.name == "Settings":
            body = node.body
            for first, second in itertools.pairwise(body):
                if (
                    isinstance(first, ast.AnnAssign)
                    and isinstance(first.target, ast.Name)
                    and isinstance(second, ast.Expr)
                    and isinstance(second.value, ast.Constant)
                ):
                    docs[first.target.id] = str(second.value.value)
    return docs


@dataclass(frozen=True)
class ConfigProblem:
    """A bad value, named by source and key, with what was expected."""

    source: str
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.key}: {self.message}"


@dataclass(frozen=True)
class Layer:
    """One configuration source: its name, its raw values, whether it locks them."""

    name: str
    values: Mapping[str, Any]
    locks: bool = False


@dataclass
class LoadedSettings:
    settings: Settings
    origins: dict[str, str]  # key -> source name that set the effective value
    locked: frozenset[str]
    problems: list[ConfigProblem] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # every layer consulted, highest first

    @property
    def ok(self) -> bool:
        return not self.problems

    def describe(self) -> str:
        """The effective settings and where each came from (``--print-config``)."""
        lines = ["Smartcard Linker settings (effective value  <- source)", ""]
        width = max(len(k) for k in KEYS)
        for key in KEYS:
            value = getattr(self.settings, key)
            if isinstance(value, tuple):
                value = "; ".join(value) if value else "(none)"
            elif value in ("", None):
                value = "(not set)"
            lock = "  [locked by policy]" if key in self.locked else ""
            lines.append(f"{key.ljust(width)} = {value}  <- {self.origins[key]}{lock}")
        lines += ["", "Sources consulted, highest first:"]
        lines += [f"  {s}" for s in self.sources]
        if self.problems:
            lines += ["", "Problems:"] + [f"  {p}" for p in self.problems]
        return "\n".join(lines)


class RegistryReader(Protocol):
    """Reads the values under one HKLM key. The only part that cannot run off Windows."""

    def read(self, key: str) -> Mapping[str, Any] | None: ...


class WindowsRegistryReader:
    """Reads HKLM with ``winreg``; REG_SZ → str, REG_DWORD → int, REG_MULTI_SZ → list."""

    def read(self, key: str) -> Mapping[str, Any] | None:
        import importlib

        winreg: Any = importlib.import_module("winreg")

        values: dict[str, Any] = {}
        try:
            handle = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key)
        except OSError:
            return None
        with handle:
            index = 0
            while True:
                try:
                    name, data, _kind = winreg.EnumValue(handle, index)
                except OSError:
                    break
                values[str(name)] = data
                index += 1
        return values


def default_registry() -> RegistryReader | None:
    return WindowsRegistryReader() if sys.platform == "win32" else None


def machine_config_path() -> Path:
    if sys.platform == "win32":
        base = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return Path(base) / APP_NAME / "config.toml"
    if sys.platform == "darwin":
        return Path("/Library/Application Support") / APP_NAME / "config.toml"
    return Path("/etc/smartcard-linker/config.toml")


def user_config_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)) / "config.toml"


def _read_toml(path: Path, name: str) -> tuple[Layer | None, list[ConfigProblem]]:
    if not path.exists():
        return None, []
    import tomllib  # only when a file exists: it costs start-up time

    try:
        raw = _read_regular_file(path)
    except _NotRegularFile as exc:
        return None, [ConfigProblem(name, "(file)", str(exc))]
    except OSError as exc:
        return None, [ConfigProblem(name, "(file)", f"cannot be read: {exc.strerror or exc}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [
            ConfigProblem(
                name, "(file)", f"is not UTF-8 text (byte {exc.start + 1}); save it as UTF-8"
            )
        ]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [ConfigProblem(name, "(file)", f"is not valid TOML: {exc}")]
    # Accept both a flat file and one with a [smartcard_linker] table.
    table = data.get("smartcard_linker", data)
    if not isinstance(table, dict):
        return None, [ConfigProblem(name, "smartcard_linker", "expected a table of settings")]
    return Layer(name, table), []


MAX_CONFIG_BYTES = 1_000_000


class _NotRegularFile(Exception):
    """A FIFO, device, socket or directory named as a settings file."""


def _read_regular_file(path: Path) -> bytes:
    """The file's bytes; a FIFO or device is refused without opening it (no hang)."""
    import stat

    if not stat.S_ISREG(path.stat().st_mode):
        kind = "a directory" if path.is_dir() else "not a regular file (a pipe or device?)"
        raise _NotRegularFile(f"is {kind}; expected a TOML file")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)  # swapped for a FIFO after the check: still no wait
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise _NotRegularFile("is not a regular file (a pipe or device?); expected a TOML file")
        data = handle.read(MAX_CONFIG_BYTES + 1)
    if len(data) > MAX_CONFIG_BYTES:
        raise _NotRegularFile(f"is larger than {MAX_CONFIG_BYTES} bytes; expected a TOML file")
    return data


def _env_layer(environ: Mapping[str, str]) -> Layer:
    values = {
        key[len(ENV_PREFIX) :].lower(): value
        for key, value in environ.items()
        if key.startswith(ENV_PREFIX) and key != ENV_PREFIX + "CONFIG"
    }
    return Layer("environment (SMARTCARD_LINKER_*)", values)


def _refuse_control_characters(raw: Any) -> Any:
    """``raw`` itself; newlines, escape codes and other control characters are refused."""
    items = raw if isinstance(raw, list | tuple) else [raw]
    for item in items:
        if isinstance(item, str):
            bad = next((c for c in item if unicodedata.category(c) == "Cc"), None)
            if bad is not None:
                raise ValueError(
                    f"contains a control character (U+{ord(bad):04X}); "
                    "expected text without newlines, tabs or escape codes"
                )
    return raw


def _coerce(key: str, raw: Any, from_text: bool) -> Any:
    """Turn one raw value into the field's type, or raise ValueError saying what is expected."""
    kind = _FIELD_TYPES.get(key, "str")
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int) and raw in (0, 1):  # REG_DWORD
            return bool(raw)
        if isinstance(raw, str) and from_text:
            lowered = raw.strip().lower()
            if lowered in ("1", "true", "yes", "on"):
                return True
            if lowered in ("0", "false", "no", "off"):
                return False
        raise ValueError(f"expected true or false, got {raw!r}")
    if kind == "int":
        if isinstance(raw, bool):
            raise ValueError(f"expected a whole number of seconds, got {raw!r}")
        if isinstance(raw, str) and from_text:
            try:
                raw = int(raw.strip())
            except ValueError:
                raise ValueError(f"expected a whole number of seconds, got {raw!r}") from None
        if not isinstance(raw, int):
            raise ValueError(f"expected a whole number of seconds, got {raw!r}")
        if not 1 <= raw <= 86_400:
            raise ValueError(f"expected a number of seconds from 1 to 86400, got {raw}")
        return raw
    if kind == "list":
        return _paths(raw, from_text)
    if kind == "issuers":
        return _issuer_rules(raw)
    if not isinstance(raw, str):
        raise ValueError(f"expected text, got {type(raw).__name__} {raw!r}")
    value = raw.strip()
    if kind == "path":
        if not value:
            return None
        path = Path(value).expanduser()
        if not path.is_file() or not os.access(path, os.R_OK):
            raise ValueError(f"expected a readable PEM file, {value!r} is not one")
        return str(path)
    if key in _URL_KEYS and value:
        parts = urlsplit(value)
        if parts.scheme != "https" or not parts.netloc:
            raise ValueError(f"expected an https:// URL, got {value!r}")
        if key == "authority" and parts.path.strip("/") == "":
            raise ValueError(
                f"expected the tenant in the path (https://host/<tenant>), got {value!r}"
            )
    if key == "log_level":
        value = value.upper()
        if value not in LOG_LEVELS:
            raise ValueError(f"expected one of {', '.join(LOG_LEVELS)}, got {raw!r}")
    if key == "product_name" and not 1 <= len(value) <= 40:
        raise ValueError("expected a name of 1 to 40 characters")
    return value


def _paths(raw: Any, from_text: bool) -> tuple[str, ...]:
    """A list of file paths: a list, or text separated by ``os.pathsep`` (``;`` in the registry)."""
    if isinstance(raw, str):
        items = [p.strip() for p in raw.split(os.pathsep if from_text else ";")]
        return tuple(p for p in items if p)
    if isinstance(raw, list | tuple) and all(isinstance(p, str) for p in raw):
        return tuple(p for p in raw if p)
    raise ValueError(f"expected a list of file paths, got {raw!r}")


def _issuer_rules(raw: Any) -> tuple[str, ...]:
    """A list of NHS issuer rules, each checked (``card.recognition.IssuerRule``)."""
    if isinstance(raw, str):
        items = [p.strip() for p in raw.split(";")]
    elif isinstance(raw, list | tuple) and all(isinstance(p, str) for p in raw):
        items = [p.strip() for p in raw]
    else:
        raise ValueError(f"expected a list of issuer names, got {raw!r}")
    from smartcard_linker.card.recognition import IssuerRule

    rules = tuple(p for p in items if p)
    for rule in rules:
        IssuerRule.parse(rule)
    return rules


def resolve(layers: Iterable[Layer]) -> LoadedSettings:
    """Merge layers (highest first) over the defaults; bad values are reported and skipped."""
    layers = list(layers)
    chosen: dict[str, Any] = {}
    origins = {key: "built-in default" for key in KEYS}
    locked: set[str] = set()
    problems: list[ConfigProblem] = []
    for layer in layers:
        from_text = layer.name.startswith(("environment", "command line"))
        for raw_key, raw in layer.values.items():
            key = str(raw_key).strip().lower()
            if key not in KEYS:
                problems.append(
                    ConfigProblem(
                        layer.name, str(raw_key), "is not a known setting (see --print-config)"
                    )
                )
                continue
            if key in chosen:
                continue  # a higher layer already decided this key
            try:
                chosen[key] = _coerce(key, _refuse_control_characters(raw), from_text)
            except ValueError as exc:
                problems.append(ConfigProblem(layer.name, key, str(exc)))
                continue
            origins[key] = layer.name
            if layer.locks:
                locked.add(key)
    settings = replace(Settings(), **chosen)
    for key in REQUIRED:
        if not getattr(settings, key):
            problems.append(
                ConfigProblem("effective settings", key, "is required and no source sets it")
            )
    return LoadedSettings(
        settings,
        origins,
        frozenset(locked),
        problems,
        [layer.name for layer in layers] + ["built-in default"],
    )


def parse_assignments(assignments: Iterable[str]) -> tuple[dict[str, str], list[ConfigProblem]]:
    """``--set key=value`` flags → a mapping (problems for ones without ``=``)."""
    values: dict[str, str] = {}
    problems: list[ConfigProblem] = []
    for item in assignments:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            problems.append(ConfigProblem("command line", item, "expected --set key=value"))
            continue
        values[key.strip()] = value
    return values, problems


def load_settings(
    *,
    cli_values: Mapping[str, str] | None = None,
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
    registry: RegistryReader | Literal["os"] | None = "os",
    machine_file: Path | None = None,
    user_file: Path | None = None,
) -> LoadedSettings:
    """Load every layer in precedence order. ``registry`` is the Windows boundary."""
    environ = os.environ if environ is None else environ
    reader = default_registry() if registry == "os" else registry
    layers: list[Layer] = []
    problems: list[ConfigProblem] = []
    if reader is not None:
        for key, name, locks in (
            (POLICY_KEY, f"Windows policy (HKLM\\{POLICY_KEY})", True),
            (DEPLOYMENT_KEY, f"Windows deployment (HKLM\\{DEPLOYMENT_KEY})", False),
        ):
            values = reader.read(key)
            if values:
                layers.append(Layer(name, values, locks=locks))
    machine = machine_file or machine_config_path()
    env_config = environ.get(ENV_PREFIX + "CONFIG")
    user = config_file or (Path(env_config) if env_config else None) or user_file
    user = user or user_config_path()
    for path, label in ((machine, "machine file"), (user, "user file")):
        layer, layer_problems = _read_toml(path, f"{label} {path}")
        problems += layer_problems
        if layer:
            layers.append(layer)
    named = config_file or (Path(env_config) if env_config else None)
    if named is not None and not named.exists():
        how = "--config" if config_file else f"{ENV_PREFIX}CONFIG"
        problems.append(
            ConfigProblem(f"user file {named}", "(file)", f"does not exist (named by {how})")
        )
    layers.append(Layer("command line (--set)", dict(cli_values or {})))
    layers.append(_env_layer(environ))
    loaded = resolve(layers)
    loaded.problems[:0] = problems
    return loaded
