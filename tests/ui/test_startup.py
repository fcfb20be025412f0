"""Start-up stays light: the first page appears without importing any adapter's heavy modules."""

from __future__ import annotations

from testkit.startup_probe import launch


def test_first_page_without_heavy_imports() -> None:
    result = launch()
    assert result["page"] == "startPage"
    assert result["heavy_imported"] == []
    # How fast it appears is a benchmark figure (bench/bench_ui.py), never a timed assertion:
    # this machine's speed drifts too much for a limit to mean anything here.
    assert isinstance(result["from_spawn_s"], float)
