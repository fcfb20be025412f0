"""Shared shape for every benchmark: figures with a goal, printed and written as JSON.

Each ``bench/bench_*.py`` builds a list of Figure and calls ``report()``; the
``bench/run_all.py`` command runs them all and prints one table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass
class Figure:
    name: str  # e.g. "portal flows/s (SQLite)"
    unit: str  # "ms", "flows/s", "MB", "%"
    goal: float | None  # None: informative only
    lower_is_better: bool
    median: float
    minimum: float
    maximum: float
    runs: int
    note: str = ""  # where the time goes, the floor below our code, ...

    @property
    def verdict(self) -> str:
        if self.goal is None:
            return "info"
        ok = self.median <= self.goal if self.lower_is_better else self.median >= self.goal
        return "pass" if ok else "short"

    @classmethod
    def from_samples(
        cls,
        name: str,
        unit: str,
        goal: float | None,
        samples: Sequence[float],
        *,
        lower_is_better: bool = True,
        note: str = "",
    ) -> Figure:
        return cls(
            name,
            unit,
            goal,
            lower_is_better,
            statistics.median(samples),
            min(samples),
            max(samples),
            len(samples),
            note,
        )


def format_table(figures: Sequence[Figure]) -> str:
    rows = [("figure", "goal", "measured (median, min–max)", "runs", "verdict")]
    for f in figures:
        goal = "—" if f.goal is None else f"{'≤' if f.lower_is_better else '≥'} {f.goal:g} {f.unit}"
        rows.append(
            (
                f.name,
                goal,
                f"{f.median:.3g} {f.unit} ({f.minimum:.3g}–{f.maximum:.3g})",
                str(f.runs),
                f.verdict,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    notes = [f"- {f.name}: {f.note}" for f in figures if f.note]
    return "\n".join(lines + (["", *notes] if notes else []))


def report(figures: Sequence[Figure], json_path: Path | None) -> None:
    print(format_table(figures))
    if json_path:
        json_path.write_text(
            json.dumps([asdict(f) | {"verdict": f.verdict} for f in figures], indent=2)
        )


def arg_parser(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions (smoke run)")
    return parser


def settle(limit_s: float = 90.0, load: float = 0.6) -> float:
    """Wait (at most ``limit_s``) for the previous measurement's after-effects to pass:
    files written back to disk and the 1-minute load average down to ``load``. On this
    kind of VM a benchmark run right after a long busy one measured up to a third slower
    (the UI start-up: 0.53 s right after the portal benchmark, 0.29 s on its own).
    Returns the seconds waited."""
    started = time.monotonic()
    deadline = started + limit_s
    os.sync()
    while time.monotonic() < deadline:
        if os.getloadavg()[0] <= load:
            break
        time.sleep(1.0)
    return time.monotonic() - started


def proc_status_kb(*keys: str) -> dict[str, int]:
    """Fields of this process's /proc/self/status (VmRSS, VmHWM, Threads, ...), as the
    kernel gives them (sizes in kB)."""
    found: dict[str, int] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in keys:
            found[key] = int(rest.split()[0])
    return found


def say(prefix: str, kind: str, payload: str = "") -> None:
    """One line of a measured child process's report to its parent, marked ``prefix``."""
    sys.stdout.write(f"{prefix}{kind} {payload}\n")
    sys.stdout.flush()
