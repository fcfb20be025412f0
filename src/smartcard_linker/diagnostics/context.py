"""What the checks need to know: the loaded settings, the log directory, and the deadline.

``set_app_context`` is called once by ``__main__`` so the window's "Copy
diagnostics" reports the same settings sources as ``--diagnose``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from smartcard_linker.config import LoadedSettings, Settings


@dataclass(frozen=True)
class DiagnosticsContext:
    loaded: LoadedSettings
    log_dir: Path | None = None  # where the app's log is (None: the default log dir)
    deadline: float = field(default=0.0)  # time.monotonic() by which every check ends

    @property
    def settings(self) -> Settings:
        return self.loaded.settings

    def remaining(self, cap: float) -> float:
        """Seconds a step may take: at most ``cap``, never past the deadline."""
        return max(0.05, min(cap, self.deadline - time.monotonic()))


_app_loaded: LoadedSettings | None = None
_app_log_dir: Path | None = None


def set_app_context(loaded: LoadedSettings, log_file: Path | None) -> None:
    global _app_loaded, _app_log_dir
    _app_loaded = loaded
    _app_log_dir = log_file.parent if log_file else None


def app_context(settings: Settings) -> tuple[LoadedSettings, Path | None]:
    """The settings as ``__main__`` loaded them, or ``settings`` with unknown sources (tests)."""
    if _app_loaded is not None and _app_loaded.settings == settings:
        return _app_loaded, _app_log_dir
    from smartcard_linker.config import KEYS

    origins = {key: "given by the caller" for key in KEYS}
    return LoadedSettings(settings, origins, frozenset(), [], ["given by the caller"]), _app_log_dir
