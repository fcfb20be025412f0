"""App start-up: from spawning the process to the first page on screen (offscreen Qt).

Goal ≤ 0.4 s cold start. The probe (tests/ui/startup_probe.py) builds the real
window with lazy services that are never built, so the figure is Python + Qt +
our UI; the adapters load later on workers.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from benchlib import Figure, arg_parser, report

ROOT = Path(__file__).resolve().parents[1]


def probe() -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PROBE_LAUNCHED_AT=str(time.time()))
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.startup_probe"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    data: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    if data.get("heavy_imported"):
        raise SystemExit(f"heavy modules imported at start: {data['heavy_imported']}")
    return data


def main() -> None:
    args = arg_parser(__doc__.splitlines()[0] if __doc__ else "").parse_args()
    runs = 3 if args.quick else 10
    probe()  # warm the OS file cache once; "cold" here means a new process
    samples = [probe() for _ in range(runs)]
    figures = [
        Figure.from_samples(
            "first page from process spawn",
            "s",
            0.4,
            [s["from_spawn_s"] for s in samples],
            note="interpreter + PySide6 import + window; no adapter module imported",
        ),
        Figure.from_samples(
            "first page after interpreter start",
            "s",
            None,
            [s["first_page_s"] for s in samples],
        ),
    ]
    report(figures, args.json)


if __name__ == "__main__":
    main()
