"""Where the PKCS#11 modules (card middleware) are: configured paths first, then known ones.

The known list per OS covers what NHS machines have, in this order:

1. Oberthur (IDEMIA) AWP, ``OcsCryptoki``: the middleware NHS England names for
   Series 8 (Oberthur) cards;
2. OpenSC ``opensc-pkcs11``: PIV cards (NHS Series 9/10 are IDEMIA PIV cards) through
   OpenSC's own PIV driver, and the common route on Linux and macOS.

On Windows, Series 9/10 cards are normally served by the PIV minidriver (CNG), which
has no PKCS#11 module: such a machine needs OpenSC installed for this app. Each
path's source is in docs/smartcard.md ("Middleware"). When several modules are
present, the card layer uses the one that sees a token in the chosen reader.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from smartcard_linker.card.errors import ModuleNotFound

OBERTHUR_AWP = "Oberthur AWP"
OPENSC = "OpenSC"
CONFIGURED = "configured"


@dataclass(frozen=True)
class KnownModule:
    """A module location: what it is and where it is expected."""

    name: str  # "OpenSC", "Oberthur AWP", "configured"
    path: str


def _multiarch_dirs() -> list[str]:
    """Library directories of this machine (Debian multiarch first), no hard-coded arch."""
    dirs: list[str] = []
    multiarch = sysconfig.get_config_var("MULTIARCH")
    if multiarch:
        dirs.append(f"/usr/lib/{multiarch}")
    machine = os.uname().machine if hasattr(os, "uname") else ""
    if machine:
        dirs.append(f"/usr/lib/{machine}-linux-gnu")
    dirs += ["/usr/lib64", "/usr/lib", "/usr/local/lib"]
    return list(dict.fromkeys(dirs))


def default_modules(platform: str | None = None) -> list[KnownModule]:
    """The known module locations for an OS, in the documented order."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        system = os.environ.get("SYSTEMROOT", r"C:\Windows")
        program_files = os.environ.get("PROGRAMFILES", r"C:\Program Files")
        return [
            KnownModule(OBERTHUR_AWP, rf"{system}\System32\OcsCryptoki.dll"),
            KnownModule(OPENSC, rf"{program_files}\OpenSC Project\OpenSC\pkcs11\opensc-pkcs11.dll"),
            KnownModule(OPENSC, rf"{system}\System32\opensc-pkcs11.dll"),
        ]
    if platform == "darwin":
        return [
            KnownModule(OBERTHUR_AWP, "/Library/AWP/lib/libOcsCryptoki.dylib"),
            KnownModule(OPENSC, "/Library/OpenSC/lib/opensc-pkcs11.so"),
            KnownModule(OPENSC, "/opt/homebrew/lib/opensc-pkcs11.so"),
            KnownModule(OPENSC, "/usr/local/lib/opensc-pkcs11.so"),
        ]
    modules = [KnownModule(OBERTHUR_AWP, "/usr/local/AWP/lib/libOcsCryptoki.so")]
    for directory in _multiarch_dirs():
        modules += [
            KnownModule(OPENSC, f"{directory}/opensc-pkcs11.so"),
            KnownModule(OPENSC, f"{directory}/pkcs11/opensc-pkcs11.so"),
        ]
    return modules


def default_module_paths(platform: str | None = None) -> list[str]:
    return [m.path for m in default_modules(platform)]


def candidates(
    configured: Sequence[str] = (), *, use_defaults: bool = True, platform: str | None = None
) -> list[KnownModule]:
    """Configured paths first (in order), then the OS defaults; duplicates dropped."""
    found: dict[str, KnownModule] = {}
    listed = [KnownModule(CONFIGURED, p) for p in configured]
    if use_defaults:
        listed += default_modules(platform)
    for module in listed:
        path = os.path.expandvars(os.path.expanduser(module.path))
        found.setdefault(os.path.normcase(path), KnownModule(module.name, path))
    return list(found.values())


def find_modules(configured: Sequence[str] = (), *, use_defaults: bool = True) -> list[KnownModule]:
    """Every existing module, in order; raises ModuleNotFound listing the places looked."""
    looked = candidates(configured, use_defaults=use_defaults)
    present = [m for m in looked if Path(m.path).is_file()]
    if not present:
        raise ModuleNotFound(
            "no PKCS#11 module found; looked in: " + ", ".join(m.path for m in looked),
            tried=tuple(m.path for m in looked),
        )
    return present


def find_module(configured: Sequence[str] = (), *, use_defaults: bool = True) -> str:
    """The first existing module: configured paths in order, then the OS defaults."""
    return find_modules(configured, use_defaults=use_defaults)[0].path


def module_name(path: str) -> str:
    """A readable name for a module path (for the readiness check and diagnostics)."""
    base = os.path.basename(path).lower()
    if "ocscryptoki" in base:
        return OBERTHUR_AWP
    if "opensc" in base:
        return OPENSC
    if "softhsm" in base:
        return "SoftHSM"
    return os.path.basename(path)
