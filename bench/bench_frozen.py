"""Frozen app (PyInstaller onedir): start-up of --version and --print-config, and onedir size.

Run scripts/build_app.sh first; without dist/SmartcardLinker this prints a hint and exits 0.
The first --version run after a build is reported on its own (files not yet in the page
cache: the nearest to a cold start without root); the others are warm starts.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import Figure, arg_parser, report

ROOT = Path(__file__).resolve().parents[1]
ONEDIR = ROOT / "dist" / "SmartcardLinker"
EXE = ONEDIR / ("SmartcardLinker-debug.exe" if sys.platform == "win32" else "SmartcardLinker-debug")


def _env(scratch: Path) -> dict[str, str]:
    """A clean profile with the three required settings, so --print-config exits 0."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SMARTCARD_LINKER_")}
    env.update(
        HOME=str(scratch),
        XDG_CONFIG_HOME=str(scratch / "config"),
        XDG_STATE_HOME=str(scratch / "state"),
        QT_QPA_PLATFORM="offscreen",
        SMARTCARD_LINKER_PORTAL_URL="https://portal.example.test/",
        SMARTCARD_LINKER_CLIENT_ID="00000000-0000-0000-0000-000000000000",
        SMARTCARD_LINKER_API_SCOPE="api://link/.default",
    )
    return env


def _time_ms(args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, env=env, check=True, capture_output=True)
    return (time.perf_counter() - start) * 1000


def _size_mb(path: Path) -> float:
    """Bytes of regular files (PyInstaller links some libraries; a link is not counted twice)."""
    files = (p for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1_000_000


def main() -> int:
    args = arg_parser(__doc__ or "").parse_args()
    if not EXE.exists():
        print("frozen build not found, run scripts/build_app.sh")
        return 0
    runs = 5 if args.quick else 20
    with tempfile.TemporaryDirectory() as tmp:
        env = _env(Path(tmp))
        first = _time_ms([str(EXE), "--version"], env)
        version = [_time_ms([str(EXE), "--version"], env) for _ in range(runs)]
        config = [_time_ms([str(EXE), "--print-config"], env) for _ in range(runs)]
    figures = [
        Figure.from_samples(
            "frozen --version, first run after build",
            "ms",
            1000,
            [first],
            note="bootloader + unpacking nothing (onedir) + Python start; page cache may be warm",
        ),
        Figure.from_samples(
            "frozen --version (warm)",
            "ms",
            300,
            version,
            note="~100 ms is PyInstaller's PySide6 run-time hook importing shiboken6; app code: ms",
        ),
        Figure.from_samples(
            "frozen --print-config (warm)", "ms", 500, config, note="config layers + TOML"
        ),
        Figure.from_samples(
            "onedir size",
            "MB",
            250,
            [_size_mb(ONEDIR)],
            note=f"{ONEDIR.relative_to(ROOT)} on {sys.platform}; Qt is most of it",
        ),
    ]
    report(figures, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
