"""The runner's deadline and its extension point: a provider that never returns is named."""

from __future__ import annotations

import threading

from smartcard_linker.config import Settings
from smartcard_linker.diagnostics.context import DiagnosticsContext, app_context
from smartcard_linker.diagnostics.model import SectionResult, Status
from smartcard_linker.diagnostics.render import as_text, report_json
from smartcard_linker.diagnostics.runner import Provider, collect


def test_a_provider_that_never_returns_is_reported_not_waited_for() -> None:
    release = threading.Event()

    def stuck(_context: DiagnosticsContext) -> SectionResult:
        release.wait()  # like a DNS lookup or a driver call that never comes back
        return SectionResult()

    def counters(_context: DiagnosticsContext) -> SectionResult:
        result = SectionResult({"station": {"links_today": 3}})
        result.check("station", Status.OK, "Station counters read")
        return result

    loaded, _ = app_context(Settings())
    try:
        report = collect(
            loaded,
            deadline_s=0.3,
            only=[
                Provider("stuck", stuck, {"stuck": None}),
                Provider("station", counters, {"station": {}}),
            ],
        )
    finally:
        release.set()
    data = report_json(report)
    assert data["incomplete"] == ["stuck"] and data["stuck"] is None
    assert data["healthy"] is False
    assert [(c["id"], c["status"]) for c in data["checks"]] == [
        ("stuck.deadline", "problem"),
        ("station", "ok"),
    ]
    # an extension section reaches the copied text too
    assert 'Station\n  {"links_today": 3}' in as_text(report)
