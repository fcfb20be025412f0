"""Frozen app (PyInstaller onedir) beside the source app: the first page, --version,
--print-config and the onedir size.

The first page is the real app's: each run spawns the app (frozen: the onedir's debug exe;
source: ``python -m smartcard_linker``) with the same settings and a console log, and stops
the clock at its "first page on screen" log line (smartcard_linker/ui/launch.py: the first
event-loop turn after the window is shown). Frozen and source runs alternate in one run, so
the machine's drift hits both alike; the goal is frozen <= source.

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


FIRST_PAGE_LINE = b"first page on screen"


def _first_page_ms(args: list[str], env: dict[str, str], log_dir: Path) -> float:
    """Spawn the app, read its console log until the first page is on screen, stop it."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [*args, "--console-log", "--log-dir", str(log_dir)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            if FIRST_PAGE_LINE in line:
                return (time.perf_counter() - start) * 1000
        raise SystemExit(f"{args[0]} exited ({proc.wait()}) before its first page")
    finally:
        proc.kill()
        proc.wait()


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
    source_app = [sys.executable, "-m", "smartcard_linker"]
    with tempfile.TemporaryDirectory() as tmp:
        env = _env(Path(tmp))
        first = _time_ms([str(EXE), "--version"], env)
        version = [_time_ms([str(EXE), "--version"], env) for _ in range(runs)]
        config = [_time_ms([str(EXE), "--print-config"], env) for _ in range(runs)]
        source_env = dict(env, PYTHONPATH=str(ROOT / "src"))
        frozen_page: list[float] = []
        source_page: list[float] = []
        _first_page_ms([str(EXE)], env, Path(tmp) / "logs")  # warm the page cache for both
        _first_page_ms(source_app, source_env, Path(tmp) / "logs")
        for _ in range(max(3, runs // 2)):  # alternating: drift hits both alike
            frozen_page.append(_first_page_ms([str(EXE)], env, Path(tmp) / "logs"))
            source_page.append(_first_page_ms(source_app, source_env, Path(tmp) / "logs"))
    ratio = [f / s for f, s in zip(frozen_page, source_page, strict=True)]
    figures = [
        Figure.from_samples(
            "first page, frozen app (warm)",
            "ms",
            None,
            frozen_page,
            note="spawn to 'first page on screen' in the console log; real services, offscreen",
        ),
        Figure.from_samples(
            "first page, source app (warm)",
            "ms",
            None,
            source_page,
            note="python -m smartcard_linker, same settings, alternated with the frozen runs",
        ),
        Figure.from_samples(
            "first page, frozen / source",
            "x",
            1.0,
            ratio,
            note="per pair of runs; goal: frozen no slower than source",
        ),
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
            150 if sys.platform.startswith("linux") else None,  # the Linux goal (issue 18)
            [_size_mb(ONEDIR)],
            note=f"{ONEDIR.relative_to(ROOT)} on {sys.platform}; ICU data 32 MB, libpython, Qt",
        ),
    ]
    report(figures, args.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
