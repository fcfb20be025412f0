"""The app, the OS, Python and Qt, and the effective settings with their sources and locks."""

from __future__ import annotations

import platform
import re
import sys
from typing import Any

from smartcard_linker import __version__
from smartcard_linker.config import KEYS
from smartcard_linker.diagnostics.context import DiagnosticsContext
from smartcard_linker.diagnostics.model import SectionResult, Status
from smartcard_linker.diagnostics.privacy import is_secret_key, mask_url_credentials


def _qt_version() -> str | None:
    """Qt's version without importing Qt here (only smartcard_linker.ui imports it)."""
    core = sys.modules.get("PySide6.QtCore")  # the window already loaded it
    if core is not None:
        return f"Qt {core.qVersion()}"
    from importlib import metadata

    for dist in ("PySide6-Essentials", "PySide6"):
        try:
            # PySide6 wheels bundle the Qt release of the same version number.
            return f"Qt {metadata.version(dist)} ({dist})"
        except metadata.PackageNotFoundError:
            continue
    return None


def _os_name() -> str:
    if sys.platform == "win32":
        release, version, _csd, _ptype = platform.win32_ver()
        return f"Windows {release} ({version})"
    if sys.platform == "darwin":
        return f"macOS {platform.mac_ver()[0]}"
    try:
        info = platform.freedesktop_os_release()
        name = info.get("PRETTY_NAME") or info.get("NAME", "Linux")
    except OSError:
        name = "Linux"
    return f"{name} (kernel {platform.release()})"


def _setting_value(key: str, value: Any) -> Any:
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, str) and is_secret_key(key) and value:
        return "(set, hidden)"
    if isinstance(value, str) and "://" in value:
        return mask_url_credentials(value)
    return value


def collect(context: DiagnosticsContext) -> SectionResult:
    result = SectionResult()
    frozen = bool(getattr(sys, "frozen", False))
    result.data["app"] = {
        "version": __version__,
        "build": "frozen" if frozen else "source",
        "executable": sys.executable,
    }
    result.data["system"] = {
        "os": _os_name(),
        "machine": platform.machine(),
        "python": platform.python_version(),
        "qt": _qt_version(),
    }
    loaded = context.loaded
    result.data["settings"] = [
        {
            "key": key,
            "value": _setting_value(key, getattr(loaded.settings, key)),
            "source": loaded.origins.get(key, "built-in default"),
            "locked": key in loaded.locked,
        }
        for key in KEYS
    ]
    if loaded.problems:
        for problem in loaded.problems:
            result.check(
                "settings."
                + (re.sub(r"[^a-z0-9_]+", "_", problem.key.lower()).strip("_") or "file"),
                Status.PROBLEM,
                f"Settings problem: {problem.key}",
                str(problem),
            )
    else:
        result.check("settings", Status.OK, "Settings are complete and valid")
    return result
