"""The last journey's outcome, read back from the app's log (code, step, time, request id)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from smartcard_linker.diagnostics.context import DiagnosticsContext
from smartcard_linker.diagnostics.model import SectionResult, Status
from smartcard_linker.flow.journey_log import OUTCOME_PREFIX

TAIL_BYTES = 512_000


def _log_files(directory: Path) -> list[Path]:
    from smartcard_linker.logs import LOG_FILE_NAME

    files = [directory / LOG_FILE_NAME] + [directory / f"{LOG_FILE_NAME}.{i}" for i in range(1, 6)]
    return [f for f in files if f.is_file()]


def parse_outcome(line: str) -> dict[str, Any]:
    """``2026-12-01 08:13:40,123 INFO ... journey outcome: error code=x step=y request_id=z``."""
    _, _, rest = line.partition(OUTCOME_PREFIX)
    words = rest.split()
    outcome: dict[str, Any] = {
        "outcome": words[0] if words else "unknown",
        "time": line[:19] if line[:4].isdigit() else None,
        "code": None,
        "step": None,
        "request_id": None,
        "reference": None,
    }
    for word in words[1:]:
        key, sep, value = word.partition("=")
        if sep and key in outcome:
            outcome[key] = None if value == "none" else value
    return outcome


def find_last_outcome(directory: Path) -> tuple[dict[str, Any] | None, Path | None]:
    for path in _log_files(directory):  # newest file first
        try:
            with path.open("rb") as handle:
                handle.seek(max(0, path.stat().st_size - TAIL_BYTES))
                text = handle.read().decode("utf-8", "replace")
        except OSError:
            continue
        lines = [line for line in text.splitlines() if OUTCOME_PREFIX in line]
        if lines:
            return parse_outcome(lines[-1]), path
    return None, None


def collect(context: DiagnosticsContext) -> SectionResult:
    from smartcard_linker.logs import default_log_dir

    directory = context.log_dir or default_log_dir()
    outcome, path = find_last_outcome(directory)
    result = SectionResult({"last_journey": outcome})
    if outcome is None:
        result.check("journey.last", Status.OK, "No journey outcome in the log yet", str(directory))
    elif outcome["outcome"] == "error":
        result.check(
            "journey.last",
            Status.WARNING,
            f"The last journey ended with error {outcome['code']} at step {outcome['step']}",
            f"{outcome['time']} (log time), request id {outcome['request_id'] or 'none'}; "
            f"log {path}",
        )
    else:
        result.check(
            "journey.last",
            Status.OK,
            f"The last journey: {outcome['outcome']}",
            f"{outcome['time']} (log time); log {path}",
        )
    return result
