"""Kiosk sign-in in a browser the app starts itself, with a profile it throws away.

The provider's logout endpoint clears cookies only in the browser that loads it,
so on a shared station the person's browser session would outlive the app's
sign-out. Here each sign-in gets a fresh ``--user-data-dir`` (and an InPrivate or
incognito window where the browser is Edge or Chrome); :meth:`ThrowawayBrowser.close`
ends that browser's whole process group and deletes the profile. Profiles left
by a crash or a power cut are deleted the next time the app builds the launcher.

Blocking (process waits, file deletion): call it from a worker, never the GUI thread.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

log = logging.getLogger(__name__)

PROFILE_ROOT_NAME = "SmartcardLinker-signin"
EXIT_WAIT_S = 3.0  # how long a browser gets to exit before it is killed
DELETE_TRIES = 10  # Windows holds a dying process's files for a moment
DELETE_PAUSE_S = 0.2
# Flags every Chromium browser (Edge, Chrome) understands: no first-run pages, no sync.
COMMON_FLAGS = ("--no-first-run", "--no-default-browser-check", "--disable-sync")
PRIVATE_FLAGS = {"msedge": "--inprivate", "microsoft-edge": "--inprivate"}
INCOGNITO = "--incognito"  # Chrome and Chromium
# Its own process group, so closing it reaches the renderer and GPU processes too.
_NEW_GROUP = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0) if sys.platform == "win32" else 0


def _program_files_candidates() -> list[Path]:
    bases = [os.environ.get(v) for v in ("ProgramFiles(x86)", "ProgramFiles", "LOCALAPPDATA")]
    found: list[Path] = []
    for base in filter(None, bases):
        found.append(Path(base) / "Microsoft" / "Edge" / "Application" / "msedge.exe")
    for base in filter(None, bases):
        found.append(Path(base) / "Google" / "Chrome" / "Application" / "chrome.exe")
    return found


def find_browser() -> str | None:
    """Edge first (every Windows 10/11 kiosk has it), then Chrome, then Chromium."""
    if sys.platform == "win32":
        candidates = _program_files_candidates()
    elif sys.platform == "darwin":
        candidates = [
            Path("/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"),
            Path("/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"),
        ]
    else:
        names = ("microsoft-edge", "google-chrome", "chromium", "chromium-browser")
        candidates = [Path(p) for p in map(shutil.which, names) if p]
    return next((str(p) for p in candidates if p.is_file()), None)


def private_window_flag(program: str) -> str | None:
    """``--inprivate`` for Edge, ``--incognito`` for Chrome/Chromium, None for others."""
    stem = program.replace("\\", "/").rsplit("/", 1)[-1].lower().removesuffix(".exe")
    if stem in PRIVATE_FLAGS:
        return PRIVATE_FLAGS[stem]
    if stem.startswith(("chrome", "google-chrome", "chromium")):
        return INCOGNITO
    return None


def default_profile_root() -> Path:
    return Path(tempfile.gettempdir()) / PROFILE_ROOT_NAME


class ThrowawayBrowser:
    """Opens each sign-in URL in a new browser process on a new, empty profile."""

    def __init__(self, program: str | None = None, *, profile_root: Path | None = None) -> None:
        self.program = program
        self.profile_root = profile_root or default_profile_root()
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._profile: Path | None = None
        self._sweep()

    @property
    def running(self) -> bool:
        with self._lock:
            return self._process is not None and self._process.poll() is None

    def command(self, program: str, profile: Path, url: str) -> list[str]:
        args = [program, f"--user-data-dir={profile}", *COMMON_FLAGS]
        private = private_window_flag(program)
        if private:
            args.append(private)
        return [*args, url]

    def open(self, url: str) -> bool:
        """``open_browser`` contract: True once the browser process started."""
        self.close()  # one sign-in, one browser
        program = self.program or find_browser()
        if not program:
            log.warning("kiosk sign-in: no Edge or Chrome found (set kiosk_browser)")
            return False
        self.profile_root.mkdir(parents=True, exist_ok=True)
        profile = Path(tempfile.mkdtemp(prefix="profile-", dir=self.profile_root))
        try:
            process = subprocess.Popen(
                self.command(program, profile, url),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                close_fds=True,
                creationflags=_NEW_GROUP,
                start_new_session=sys.platform != "win32",
            )
        except OSError as exc:
            log.warning("kiosk sign-in: the browser did not start: %s", type(exc).__name__)
            _delete(profile)
            return False
        with self._lock:
            self._process, self._profile = process, profile
        return True

    def close(self) -> None:
        """End the browser (its whole process group) and delete its profile."""
        with self._lock:
            process, self._process = self._process, None
            profile, self._profile = self._profile, None
        if process is not None:
            _end(process)
        if profile is not None and not _delete(profile):
            log.warning("kiosk sign-in: a browser profile could not be deleted yet")
        self._sweep()

    def _sweep(self) -> None:
        """Delete profiles nobody uses (a crash, a power cut, a delete that failed)."""
        with self._lock:
            current = self._profile
        try:
            leftovers = [p for p in self.profile_root.iterdir() if p != current]
        except OSError:
            return
        for path in leftovers:
            _delete(path, tries=1)


def _end(process: subprocess.Popen[bytes]) -> None:
    if sys.platform == "win32":
        # /T: the browser's renderer and GPU processes too; /F: it has no window to ask.
        subprocess.run(
            ["taskkill", "/T", "/F", "/PID", str(process.pid)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
            timeout=10,
        )
        try:
            process.wait(EXIT_WAIT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(EXIT_WAIT_S)
        return
    _signal_group(process.pid, signal.SIGTERM)
    try:
        process.wait(EXIT_WAIT_S)
    except subprocess.TimeoutExpired:
        _signal_group(process.pid, signal.SIGKILL)
        process.wait(EXIT_WAIT_S)
    _signal_group(process.pid, signal.SIGKILL)  # children that outlived their parent


def _signal_group(group: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(group, sig)


def _delete(path: Path, *, tries: int = DELETE_TRIES) -> bool:
    for attempt in range(tries):
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            return True
        if attempt + 1 < tries:
            time.sleep(DELETE_PAUSE_S)
    return False
