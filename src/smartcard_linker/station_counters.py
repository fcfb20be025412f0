"""Per-station counters for a kiosk's registration lead: links made, failures by reason
code and the median time per person. Counts, codes and seconds only: no names, emails,
card numbers, references or times of day, so nothing here identifies anyone.

Kept in a small JSON file in the app's data directory (written whenever a count
changes, atomically), so the figures survive a restart of the app. A journey
listener (:meth:`StationCounters.observe`) reads them off the state snapshots; no
Qt here.
"""

from __future__ import annotations

import json
import logging
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smartcard_linker.flow.state import JourneyState, Step

log = logging.getLogger(__name__)

FILE_NAME = "station-counters.json"
FORMAT = 1
KEEP_DURATIONS = 1000  # the median is over the most recent people who linked


def default_counters_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("SmartcardLinker", "NHS")) / FILE_NAME


@dataclass
class Figures:
    links_made: int = 0
    failures: dict[str, int] = field(default_factory=dict)
    durations_s: list[float] = field(default_factory=list)  # start → linked, per person

    @property
    def median_s(self) -> float | None:
        return statistics.median(self.durations_s) if self.durations_s else None

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "links_made": self.links_made,
            "failures": dict(sorted(self.failures.items())),
            "durations_s": [round(d, 1) for d in self.durations_s[-KEEP_DURATIONS:]],
        }

    @classmethod
    def from_json(cls, data: Any) -> Figures:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("not a counters file of this version")
        failures = data.get("failures", {})
        durations = data.get("durations_s", [])
        links = data.get("links_made", 0)
        if not (
            isinstance(links, int)
            and isinstance(failures, dict)
            and all(isinstance(k, str) and isinstance(v, int) for k, v in failures.items())
            and isinstance(durations, list)
            and all(isinstance(d, int | float) for d in durations)
        ):
            raise ValueError("unexpected values in the counters file")
        return cls(links, dict(failures), [float(d) for d in durations])


class StationCounters:
    """The figures for one station, loaded from and saved to ``path``."""

    def __init__(self, path: Path, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.path = path
        self._clock = clock
        self._started: float | None = None
        self._step: Step | None = None
        self._stop: str | None = None  # the code of the card stop already counted
        self.figures = self._load()

    def _load(self) -> Figures:
        try:
            return Figures.from_json(json.loads(self.path.read_text(encoding="utf-8")))
        except FileNotFoundError:
            return Figures()
        except (OSError, ValueError) as exc:  # a damaged file starts the counts again
            log.warning("station counters could not be read, starting again: %s", exc)
            return Figures()

    def save(self) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_suffix(".tmp")
            temporary.write_text(json.dumps(self.figures.to_json()), encoding="utf-8")
            os.replace(temporary, self.path)
        except OSError as exc:  # counting must never stop a link
            log.warning("station counters could not be saved: %s", exc.strerror or exc)

    # ---- journey listener ----------------------------------------------------------
    def observe(self, state: JourneyState) -> None:
        """Count on the transitions: start → linked (a link and its time), → error or
        blocked, or a card stopped on the card page (a failure with its code)."""
        step, previous = state.step, self._step
        self._step = step
        stop = state.card_stop.code if state.card_stop else None
        if stop is not None and stop != self._stop:
            self._fail(stop)  # the card page stopped this card: a failure too
        self._stop = stop
        if step is previous:
            return
        if step is Step.START:
            self._started = None
        elif previous is Step.START and self._started is None:
            self._started = self._clock()  # the person pressed Start
        if step is Step.DONE and state.link is not None:
            self.figures.links_made += 1
            if self._started is not None:
                self.figures.durations_s.append(self._clock() - self._started)
                del self.figures.durations_s[:-KEEP_DURATIONS]
            self._started = None
            self.save()
        elif step is Step.ERROR and state.error is not None:
            self._fail(state.error.code)
        elif step is Step.BLOCKED and state.blocker is not None:
            self._fail(state.blocker.code)

    def _fail(self, code: str) -> None:
        self.figures.failures[code] = self.figures.failures.get(code, 0) + 1
        self.save()

    # ---- reading -------------------------------------------------------------------
    def summary(self) -> dict[str, Any]:
        """The figures as data (the diagnostics report's ``station_counters`` section)."""
        median = self.figures.median_s
        return {
            "links_made": self.figures.links_made,
            "failures": dict(sorted(self.figures.failures.items())),
            "median_s_per_person": round(median, 1) if median is not None else None,
            "people_timed": len(self.figures.durations_s),
        }

    def describe(self) -> str:
        """The figures as text, for ``--station-counters`` and the diagnostics report."""
        figures = self.figures
        median = figures.median_s
        people = len(figures.durations_s)
        time_text = f"{median:.0f} s over the last {people}" if median is not None else "-"
        lines = [
            "Station counters (this station, since the counts began; no personal data)",
            f"  links made:               {figures.links_made}",
            f"  median time per person:   {time_text}",
            "  failures by reason code:" + ("" if figures.failures else "  none"),
        ]
        lines += [f"    {code}: {n}" for code, n in sorted(figures.failures.items())]
        lines.append(f"  file: {self.path}")
        return "\n".join(lines)
