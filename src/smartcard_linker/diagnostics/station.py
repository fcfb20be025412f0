"""The kiosk station's counters in the report: counts, codes and seconds, no personal data."""

from __future__ import annotations

from smartcard_linker.diagnostics.context import DiagnosticsContext
from smartcard_linker.diagnostics.model import SectionResult
from smartcard_linker.station_counters import StationCounters, default_counters_path


def collect(context: DiagnosticsContext) -> SectionResult:
    """Links made, failures by reason code and the median time per person on this station."""
    return SectionResult({"station_counters": StationCounters(default_counters_path()).summary()})
