"""The journey log's outcome line is what ``--diagnose`` reads back as the last journey."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from smartcard_linker.config import Settings
from smartcard_linker.diagnostics.context import DiagnosticsContext, app_context
from smartcard_linker.diagnostics.last_journey import collect as last_journey
from smartcard_linker.flow.journey_log import JourneyLogger
from smartcard_linker.flow.msg import msg
from smartcard_linker.flow.state import ErrorReport, JourneyState, Step
from smartcard_linker.logs import setup_logging


def test_the_last_error_in_the_log_is_reported(tmp_path: Path) -> None:
    setup_logging("INFO", tmp_path)
    try:
        logger = JourneyLogger()
        logger(JourneyState())
        error = ErrorReport(
            code="portal_unreachable",
            title=msg("t", "Cannot reach the portal"),
            message=msg("t", "m"),
            action=msg("t", "a"),
            retry_allowed=True,
            retry_label=msg("t", "Retry"),
            occurred_at=datetime.now(UTC),
            step=Step.REVIEW,
            request_id="abc123",
        )
        logger(JourneyState(step=Step.ERROR, error=error))
    finally:
        setup_logging("WARNING", tmp_path / "after")
    loaded, _ = app_context(Settings())
    result = last_journey(DiagnosticsContext(loaded, tmp_path))
    last = result.data["last_journey"]
    assert last["outcome"] == "error" and last["code"] == "portal_unreachable"
    assert last["step"] == "review" and last["request_id"] == "abc123" and last["time"]
    [check] = result.checks
    assert check.status == "warning" and "portal_unreachable" in check.summary
