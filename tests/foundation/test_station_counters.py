"""Per-station counters: counted from the journey's snapshots, saved to a real file,
read back after a restart, and holding nothing that identifies a person."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from smartcard_linker.flow.state import JourneyState, Step
from smartcard_linker.station_counters import FILE_NAME, StationCounters
from tests.ui.states import ACCOUNT, IDENTITY, done_state, error_state


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def person_links(counters: StationCounters, clock: Clock, seconds: float) -> None:
    counters.observe(JourneyState())
    counters.observe(JourneyState(step=Step.SIGNING_IN))
    clock.now += seconds
    counters.observe(done_state())
    counters.observe(JourneyState())  # the kiosk resets


def test_links_failures_and_median_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    clock = Clock()
    counters = StationCounters(path, clock=clock)
    person_links(counters, clock, 90)
    person_links(counters, clock, 150)
    counters.observe(JourneyState(step=Step.SIGNING_IN))
    counters.observe(error_state())
    counters.observe(JourneyState())
    person_links(counters, clock, 100)

    again = StationCounters(path, clock=clock)  # the app restarted
    assert again.figures.links_made == 3
    assert again.figures.median_s == 100
    assert again.figures.failures == {error_state().error.code: 1}  # type: ignore[union-attr]
    text = again.describe()
    assert "links made:               3" in text and "100 s over the last 3" in text

    saved = path.read_text(encoding="utf-8")
    for personal in (ACCOUNT.email, ACCOUNT.display_name, IDENTITY.uuid, "LNK-"):
        assert personal not in saved
    assert set(json.loads(saved)) == {"format", "links_made", "failures", "durations_s"}


def test_a_damaged_file_starts_the_counts_again(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    path.write_text("{not json", encoding="utf-8")
    counters = StationCounters(path)
    assert counters.figures.links_made == 0
    counters.observe(JourneyState())
    counters.observe(error_state())
    assert json.loads(path.read_text(encoding="utf-8"))["failures"]


def test_station_counters_flag_prints_them(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "smartcard_linker", "--station-counters"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "links made:               0" in done.stdout
    assert "failures by reason code:  none" in done.stdout


def test_the_diagnostics_report_carries_the_counters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from smartcard_linker.config import load_settings
    from smartcard_linker.diagnostics.runner import collect, providers
    from smartcard_linker.station_counters import default_counters_path

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    clock = Clock()
    counters = StationCounters(default_counters_path(), clock=clock)
    person_links(counters, clock, 120)
    counters.observe(error_state())
    loaded = load_settings(environ={}, registry=None, user_file=tmp_path / "none.toml")
    station = [p for p in providers() if p.name == "station_counters"]
    report = collect(loaded, only=station, deadline_s=2.0)
    assert report.data["station_counters"] == {
        "links_made": 1,
        "failures": {error_state().error.code: 1},  # type: ignore[union-attr]
        "median_s_per_person": 120.0,
        "people_timed": 1,
    }
