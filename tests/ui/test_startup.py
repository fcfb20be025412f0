"""Start-up stays light: the first page appears without importing any adapter's heavy modules."""

from __future__ import annotations

from testkit.startup_probe import launch


def test_first_page_without_heavy_imports() -> None:
    result = launch()
    assert result["page"] == "startPage"
    assert result["heavy_imported"] == []
    assert isinstance(result["from_spawn_s"], float)
    assert result["from_spawn_s"] < 3.0  # the 0.4 s goal is measured by bench/bench_ui.py
