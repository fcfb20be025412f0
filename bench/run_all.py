"""Run every benchmark in bench/ and print one table of figures (goal, measured, verdict).

Each ``bench_*.py`` runs in its own process (so one cannot skew another's memory or
start-up figures) with ``--json``; the figures are merged into one table and written
to ``bench/results/latest.json`` for comparison between versions. The command exits
non-zero only if a benchmark failed to run — a figure that falls short is reported,
not fatal.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from benchlib import Figure, format_table  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (smoke run)")
    parser.add_argument("--only", nargs="*", help="run only these benchmarks (e.g. portal card)")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "results" / "latest.json")
    args = parser.parse_args(argv)

    scripts = sorted(BENCH_DIR.glob("bench_*.py"))
    if args.only:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in args.only]
    figures: list[Figure] = []
    failed: list[str] = []
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(BENCH_DIR), str(BENCH_DIR.parent)])}
    for script in scripts:
        name = script.stem.removeprefix("bench_")
        print(f"== {name} ...", flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "figures.json"
            command = [sys.executable, str(script), "--json", str(out)]
            if args.quick:
                command.append("--quick")
            started = time.monotonic()
            result = subprocess.run(command, env=env, check=False)
            took = time.monotonic() - started
            if result.returncode != 0:
                print(f"!! {name} failed to run (exit {result.returncode})", flush=True)
                failed.append(name)
                continue
            if out.exists():
                for row in json.loads(out.read_text()):
                    row.pop("verdict", None)
                    row["name"] = f"[{name}] {row['name']}"
                    figures.append(Figure(**row))
            print(f"== {name} done in {took:.0f} s", flush=True)

    print()
    print(format_table(figures))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
                "failed": failed,
                "figures": [vars(f) | {"verdict": f.verdict} for f in figures],
            },
            indent=2,
        )
    )
    print(f"\nfigures written to {args.out}")
    if failed:
        print(f"benchmarks that failed to run: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
