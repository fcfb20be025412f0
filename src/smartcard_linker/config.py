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

Layers 1-3 are *machine* layers (only an administrator can write them); 4-5 are *user*
layers. One rule keeps a setting out of the user's hands: a key in the machine-only set
is read from machine layers only. ``MACHINE_ONLY_KEYS`` are always in it; the
``machine_settings_only`` setting puts every key in it. Kiosk mode only goes one way from a
user layer: a user's ``kiosk_mode = false`` never turns off a kiosk that the policy, the
deployment key, the machine file or ``--kiosk`` switched on.

Fail closed: the highest layer that sets a key decides it. A bad value there is a
problem (which blocks Start) and the key stays at its default; a lower layer's value is
never used instead, so ``--print-config`` shows the bad value, not a value IT did not set.

No Qt here: the settings are loaded before any window exists, and a bad value
becomes a ``ConfigProblem`` the app shows on screen instead of crashing.
"""

from __future__ import annotations

import itertools
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from smartcard_linker import setting_values
from smartcard_linker.card.nhs_issuers import DEFAULT_NHS_CARD_ISSUERS
from smartcard_linker.registry import RegistryReader, default_registry
from smartcard_linker.translatable import QT_TRANSLATE_NOOP

APP_NAME = "SmartcardLinker"
APP_AUTHOR = "NHS"
POLICY_KEY = r"SOFTWARE\Policies\NHS\SmartcardLinker"
DEPLOYMENT_KEY = r"SOFTWARE\NHS\SmartcardLinker"
ENV_PREFIX = "SMARTCARD_LINKER_"


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
    kiosk_browser: str = ""
    """Kiosk: browser run on a throwaway profile per sign-in (msedge.exe path); empty: find one."""
    product_name: str = "NHSmail"
    """Name of the mail service in user text ("NHSmail" or "NHS.net Connect")."""
    local_admin_text: str = QT_TRANSLATE_NOOP(
        "Settings",
        "Contact your Local Administrator (your organisation's IT service desk or "
        "Registration Authority team).",
    )
    """First line of help: who to contact locally."""
    local_admin_text_cy: str = ""
    """Welsh version of local_admin_text; empty: the app's own Welsh for the built-in text."""
    language: str = ""
    """Language of the app: en-GB or cy (Welsh); empty: the computer's language."""
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
    machine_settings_only: bool = False
    """Use only IT's settings (policy, installer, machine file): ignore user file, --set, env."""

    @property
    def effective_link_home_url(self) -> str:
        if self.link_home_url:
            return self.link_home_url
        parts = urlsplit(self.portal_url)
        return f"{parts.scheme}://{parts.netloc}/" if parts.netloc else ""


REQUIRED = ("portal_url", "client_id", "api_scope")
# Keys never read from a user layer (the user file, --set, the environment).
MACHINE_ONLY_KEYS = frozenset({"machine_settings_only"})
PRODUCT_NAME_LENGTH = (1, 40)
SECONDS_RANGE = (1, 86_400)
URL_KEYS = frozenset(
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
    "machine_settings_only": "bool",
    "extra_ca_file": "path",
    "kiosk_browser": "program",
    **{k: "int" for k in _POSITIVE_INT_KEYS},
}
KEYS: tuple[str, ...] = tuple(f.name for f in fields(Settings))
_USER_MAY_ONLY_ENABLE = frozenset({"kiosk_mode"})


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
    """One configuration source: its name, its raw values, whether it locks them, and
    whether the person at the keyboard can write it (a user layer) or only IT can."""

    name: str
    values: Mapping[str, Any]
    locks: bool = False
    user: bool = False


@dataclass
class LoadedSettings:
    settings: Settings
    origins: dict[str, str]  # key -> source name that set the effective value
    locked: frozenset[str]
    problems: list[ConfigProblem] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # every layer consulted, highest first
    rejected: dict[str, Any] = field(default_factory=dict)  # key -> the bad value deciding it
    ignored: list[ConfigProblem] = field(default_factory=list)  # user values set aside
    user_file: Path | None = None  # the per-user file read (the language switch writes there)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def machine_only(self) -> bool:
        """True when the machine_settings_only rule is on (or its value is bad: fail closed)."""
        return self.settings.machine_settings_only or "machine_settings_only" in self.rejected

    def describe(self) -> str:
        """The effective settings and where each came from (``--print-config``)."""
        lines = ["Smartcard Linker settings (effective value  <- source)", ""]
        width = max(len(k) for k in KEYS)
        for key in KEYS:
            value = getattr(self.settings, key)
            if key in self.rejected:
                value = f"BAD VALUE {self.rejected[key]!r} (not used: see Problems)"
            elif isinstance(value, tuple):
                value = "; ".join(value) if value else "(none)"
            elif value in ("", None):
                value = "(not set)"
            lock = "  [locked by policy]" if key in self.locked else ""
            lines.append(f"{key.ljust(width)} = {value}  <- {self.origins[key]}{lock}")
        lines += ["", "Sources consulted, highest first:"]
        lines += [f"  {s}" for s in self.sources]
        if self.ignored:
            lines += ["", "Ignored (read from machine settings only):"]
            lines += [f"  {p}" for p in self.ignored]
        if self.problems:
            lines += ["", "Problems:"] + [f"  {p}" for p in self.problems]
        return "\n".join(lines)


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
    return Layer("environment (SMARTCARD_LINKER_*)", values, user=True)


def _coerce(key: str, raw: Any, from_text: bool) -> Any:
    """Turn one raw value into the field's type, or raise ValueError saying what is expected."""
    kind = _FIELD_TYPES.get(key, "str")
    if kind == "bool":
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int) and raw in (0, 1):  # REG_DWORD
            return bool(raw)
        if isinstance(raw, str):  # env, --set, and REG_SZ "1" as IT often writes it
            lowered = raw.strip().lower()
            if lowered in ("1", "true", "yes", "on"):
                return True
            if lowered in ("0", "false", "no", "off"):
                return False
        raise ValueError(f"expected true or false, got {raw!r}")
    if kind == "int":
        if isinstance(raw, bool):
            raise ValueError(f"expected a whole number of seconds, got {raw!r}")
        if isinstance(raw, str):  # env, --set, and REG_SZ "90"
            try:
                raw = int(raw.strip())
            except ValueError:
                raise ValueError(f"expected a whole number of seconds, got {raw!r}") from None
        if not isinstance(raw, int):
            raise ValueError(f"expected a whole number of seconds, got {raw!r}")
        low, high = SECONDS_RANGE
        if not low <= raw <= high:
            raise ValueError(f"expected a number of seconds from {low} to {high}, got {raw}")
        return raw
    if kind == "list":
        return setting_values.path_list(raw, from_text)
    if kind == "issuers":
        return setting_values.issuer_rules(raw)
    if not isinstance(raw, str):
        raise ValueError(f"expected text, got {type(raw).__name__} {raw!r}")
    value = raw.strip()
    if kind in ("path", "program"):
        return setting_values.checked_file(kind, value)
    if key in URL_KEYS and value:
        parts = urlsplit(value)
        if parts.scheme != "https" or not parts.netloc:
            raise ValueError(f"expected an https:// URL, got {value!r}")
        if key == "authority" and parts.path.strip("/") == "":
            raise ValueError(
                f"expected the tenant in the path (https://host/<tenant>), got {value!r}"
            )
    if key in _CHOICES:
        value = _CHOICES[key](value)
    low, high = PRODUCT_NAME_LENGTH
    if key == "product_name" and not low <= len(value) <= high:
        raise ValueError(f"expected a name of {low} to {high} characters")
    return value


_CHOICES = {"log_level": setting_values.log_level, "language": setting_values.language}


def _machine_settings_only(layers: list[Layer]) -> bool:
    """The machine-only switch, from the highest machine layer that sets it; a bad value
    there counts as on (fail closed: the problem is reported by ``resolve``)."""
    for layer in layers:
        if layer.user:
            continue
        for raw_key, raw in layer.values.items():
            if str(raw_key).strip().lower() == "machine_settings_only":
                try:
                    return bool(_coerce("machine_settings_only", raw, False))
                except ValueError:
                    return True
    return False


def _ignored(layer_name: str, key: str, machine_only: bool) -> ConfigProblem:
    """A user layer's value set aside, and why."""
    why = (
        "machine_settings_only is on"
        if machine_only
        else "only policy, the installer or the machine file can set it"
    )
    return ConfigProblem(layer_name, key, f"ignored: {why}")


def _checked(key: str, raw: Any, from_text: bool) -> tuple[Any, str]:
    """(value, "") for a good raw value, (None, what is wrong) for a bad one."""
    try:
        return _coerce(key, setting_values.refuse_control_characters(raw), from_text), ""
    except ValueError as exc:
        return None, str(exc)


def resolve(layers: Iterable[Layer]) -> LoadedSettings:
    """Merge layers (highest first) over the defaults.

    The highest layer that sets a key decides it, even with a bad value (reported, and the
    key kept at its default: fail closed). A user layer is skipped for machine-only keys.
    """
    layers = list(layers)
    machine_only = _machine_settings_only(layers)
    chosen: dict[str, Any] = {}
    decided: set[str] = set()
    rejected: dict[str, Any] = {}
    origins = {key: "built-in default" for key in KEYS}
    locked: set[str] = set()
    problems: list[ConfigProblem] = []
    ignored: list[ConfigProblem] = []
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
            if key in decided:
                continue  # a higher layer already decided this key
            if layer.user and (machine_only or key in MACHINE_ONLY_KEYS):
                ignored.append(_ignored(layer.name, key, machine_only))
                continue
            value, error = _checked(key, raw, from_text)
            if not error and layer.user and key in _USER_MAY_ONLY_ENABLE and value is False:
                continue  # a user layer may turn it on, never off: a lower layer decides
            decided.add(key)
            origins[key] = layer.name
            if layer.locks:
                locked.add(key)
            if error:
                problems.append(ConfigProblem(layer.name, key, error))
                rejected[key] = raw
            else:
                chosen[key] = value
    settings = replace(Settings(), **chosen)
    for key in REQUIRED:
        if not getattr(settings, key) and key not in rejected:
            problems.append(
                ConfigProblem("effective settings", key, "is required and no source sets it")
            )
    return LoadedSettings(
        settings,
        origins,
        frozenset(locked),
        problems,
        [layer.name for layer in layers] + ["built-in default"],
        rejected,
        ignored,
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
    user_problems: list[ConfigProblem] = []
    for path, label, is_user in ((machine, "machine file", False), (user, "user file", True)):
        layer, layer_problems = _read_toml(path, f"{label} {path}")
        (user_problems if is_user else problems).extend(layer_problems)
        if layer:
            layers.append(replace(layer, user=is_user))
    named = config_file or (Path(env_config) if env_config else None)
    if named is not None and not named.exists():
        how = "--config" if config_file else f"{ENV_PREFIX}CONFIG"
        user_problems.append(
            ConfigProblem(f"user file {named}", "(file)", f"does not exist (named by {how})")
        )
    layers.append(Layer("command line (--set)", dict(cli_values or {}), user=True))
    layers.append(_env_layer(environ))
    loaded = resolve(layers)
    if loaded.machine_only:  # a broken user file cannot block what IT configured
        loaded.ignored[:0] = user_problems
    else:
        problems += user_problems
    loaded.problems[:0] = problems
    loaded.user_file = user
    return loaded
