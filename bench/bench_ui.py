"""App start-up: from spawning the process to the first page on screen (offscreen Qt).

Goal ≤ 0.4 s cold start. The probe (testkit/startup_probe.py) builds the real
window with lazy services that are never built, so the figure is Python + Qt +
our UI; the adapters load later on workers.
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchlib import Figure, arg_parser, report

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # testkit/, shared with tests
from testkit.startup_probe import launch

ROOT = Path(__file__).resolve().parents[1]


def probe() -> dict[str, float]:
    data = launch()
    if data.get("heavy_imported"):
        raise SystemExit(f"heavy modules imported at start: {data['heavy_imported']}")
    return {k: float(v) for k, v in data.items() if isinstance(v, int | float)}


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
