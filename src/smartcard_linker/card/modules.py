"""Where the PKCS#11 module (card middleware) is: configuration first, then known paths."""

from __future__ import annotations

import os
import sys
import sysconfig
from collections.abc import Sequence
from pathlib import Path

from smartcard_linker.card.errors import ModuleNotFound


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


def default_module_paths(platform: str | None = None) -> list[str]:
    """Known module locations for this OS, most specific first.

    NHS Credential Management (Oberthur/IDEMIA middleware) paths are listed only
    where documented; OpenSC is the common route on Linux and macOS.
    """
    platform = platform or sys.platform
    if platform.startswith("win"):
        system = os.environ.get("SYSTEMROOT", r"C:\Windows")
        program_files = os.environ.get("PROGRAMFILES", r"C:\Program Files")
        return [
            rf"{program_files}\OpenSC Project\OpenSC\pkcs11\opensc-pkcs11.dll",
            rf"{system}\System32\opensc-pkcs11.dll",
        ]
    if platform == "darwin":
        return [
            "/Library/OpenSC/lib/opensc-pkcs11.so",
            "/opt/homebrew/lib/opensc-pkcs11.so",
            "/usr/local/lib/opensc-pkcs11.so",
            "/usr/local/lib/pkcs11/opensc-pkcs11.so",
        ]
    paths: list[str] = []
    for directory in _multiarch_dirs():
        paths += [f"{directory}/opensc-pkcs11.so", f"{directory}/pkcs11/opensc-pkcs11.so"]
    return paths


def find_module(configured: Sequence[str] = (), *, use_defaults: bool = True) -> str:
    """The first existing module: configured paths in order, then the OS defaults.

    Raises ModuleNotFound listing what was tried (paths only, nothing secret).
    """
    tried: list[str] = []
    candidates = list(configured) + (default_module_paths() if use_defaults else [])
    for candidate in candidates:
        path = os.path.expandvars(os.path.expanduser(candidate))
        tried.append(path)
        if Path(path).is_file():
            return path
    raise ModuleNotFound("no PKCS#11 module found; tried: " + ", ".join(tried))
