"""Run every benchmark in bench/ and print one table of figures (goal, measured, verdict).

Each ``bench_*.py`` runs in its own process (so one cannot skew another's memory or
start-up figures) with ``--json``; the figures are merged into one table and written
to ``bench/results/latest.json`` for comparison between versions (with the commit,
the machine and each benchmark's run time; a benchmark's extra files such as the
journey's raw samples land next to it). ``--compare OLD.json`` prints each figure's
previous median beside the new one. The command exits non-zero only if a benchmark
failed to run (or ran past ``--timeout``) — a figure that falls short is reported,
not fatal.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

from benchlib import Figure, format_table, settle  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (smoke run)")
    parser.add_argument("--only", nargs="*", help="run only these benchmarks (e.g. portal card)")
    parser.add_argument("--out", type=Path, default=BENCH_DIR / "results" / "latest.json")
    parser.add_argument("--compare", type=Path, help="an earlier results JSON to compare with")
    parser.add_argument(
        "--timeout", type=float, default=1200, help="seconds one benchmark may take (failure)"
    )
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    previous = _load_previous(args.compare) if args.compare else {}
    load_before = _loadavg()
    commit = _commit()  # before the benchmarks write their files under bench/results/

    scripts = sorted(BENCH_DIR.glob("bench_*.py"))
    if args.only:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in args.only]
    figures: list[Figure] = []
    failed: list[str] = []
    durations: dict[str, float] = {}
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(BENCH_DIR), str(BENCH_DIR.parent)])}
    for script in scripts:
        name = script.stem.removeprefix("bench_")
        waited = settle(15.0 if args.quick else 90.0)
        print(f"== {name} ... (after {waited:.0f} s for the machine to settle)", flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "figures.json"
            command = [sys.executable, str(script), "--json", str(out)]
            if args.quick:
                command.append("--quick")
            started = time.monotonic()
            try:
                code = subprocess.run(
                    command, env=env, check=False, timeout=args.timeout
                ).returncode
            except subprocess.TimeoutExpired:
                code = -1
                print(f"!! {name} ran past {args.timeout:g} s", flush=True)
            took = time.monotonic() - started
            durations[name] = round(took, 1)
            if code != 0:
                print(f"!! {name} failed to run (exit {code})", flush=True)
                failed.append(name)
                continue
            for extra in Path(tmp).glob("figures-*"):
                kept = args.out.with_name(f"{args.out.stem}-{extra.name.removeprefix('figures-')}")
                shutil.copyfile(extra, kept)
            if out.exists():
                for row in json.loads(out.read_text()):
                    row.pop("verdict", None)
                    row["name"] = f"[{name}] {row['name']}"
                    figures.append(Figure(**row))
            print(f"== {name} done in {took:.0f} s", flush=True)

    print()
    print(format_table(figures))
    if previous:
        print()
        print(_comparison(figures, previous, args.compare))
    args.out.write_text(
        json.dumps(
            {
                "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "commit": commit,
                "quick": args.quick,
                "machine": {
                    "cpus": os.cpu_count(),
                    "python": sys.version.split()[0],
                    "platform": platform.platform(),
                },
                "durations_s": durations,
                # 1-minute load average before and after: other work on the machine skews figures
                "loadavg_1min": {"before": load_before, "after": _loadavg()},
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


def _loadavg() -> float | None:
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def _commit() -> str:
    """The commit measured, marked ``-dirty`` when the work tree has changes (read
    before the run: the journey's samples land in bench/results/ as it goes)."""

    def git(*command: str) -> str:
        done = subprocess.run(
            ["git", *command], cwd=BENCH_DIR.parent, capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    head = git("rev-parse", "--short", "HEAD") or "unknown"
    return head + ("-dirty" if git("status", "--porcelain", "--untracked-files=no") else "")


def _load_previous(path: Path) -> dict[str, dict[str, object]]:
    data = json.loads(path.read_text())
    rows = data["figures"] if isinstance(data, dict) else data
    return {str(row["name"]): row for row in rows}


def _comparison(figures: list[Figure], previous: dict[str, dict[str, object]], path: Path) -> str:
    """Each figure's median now and in ``path``, with the change in per cent."""
    lines = [f"compared with {path}:"]
    for f in figures:
        old = previous.get(f.name)
        if old is None:
            continue
        before = float(str(old["median"]))
        change = (f.median - before) / before * 100 if before else 0.0
        lines.append(f"  {f.name}: {before:.3g} → {f.median:.3g} {f.unit} ({change:+.0f} %)")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
