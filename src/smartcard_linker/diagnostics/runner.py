"""Every provider at once under one deadline; one that misses it is named, not waited for.

Providers run on daemon threads: a DNS lookup or a stuck driver call cannot be
cancelled, so the report is taken at the deadline and such a thread is left to
finish (or die with the process) on its own.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from smartcard_linker.config import LoadedSettings
from smartcard_linker.diagnostics.context import DiagnosticsContext
from smartcard_linker.diagnostics.model import Check, Report, SectionResult, Status

log = logging.getLogger(__name__)

DEFAULT_DEADLINE_S = 4.5  # goal < 5 s with every host silent; the hard limit is 10 s


@dataclass(frozen=True)
class Provider:
    """A section of the report. ``empty`` is what its keys hold when it did not finish."""

    name: str
    run: Callable[[DiagnosticsContext], SectionResult]
    empty: dict[str, Any] = field(default_factory=dict)


def _default_providers() -> list[Provider]:
    from smartcard_linker.diagnostics import card, last_journey, network, station, system

    return [
        Provider("system", system.collect, {"app": {}, "system": {}, "settings": []}),
        Provider(
            "card",
            card.collect,
            {"service": {"state": "unknown"}, "readers": [], "modules": [], "tokens": []},
        ),
        Provider("network", network.collect, {"network": {"proxy": {}, "targets": []}}),
        Provider("last_journey", last_journey.collect, {"last_journey": None}),
        Provider("station_counters", station.collect, {"station_counters": None}),
    ]


PROVIDERS: list[Provider] = []
"""The extension point: append a Provider (e.g. kiosk station counters) to add a section."""


def providers() -> list[Provider]:
    if not PROVIDERS:
        PROVIDERS.extend(_default_providers())
    return list(PROVIDERS)


def collect(
    loaded: LoadedSettings,
    *,
    log_dir: Path | None = None,
    deadline_s: float = DEFAULT_DEADLINE_S,
    only: list[Provider] | None = None,
) -> Report:
    started = time.monotonic()
    context = DiagnosticsContext(loaded, log_dir, deadline=started + deadline_s)
    chosen = only if only is not None else providers()
    results: dict[str, SectionResult] = {}
    done = threading.Condition()

    def run(provider: Provider) -> None:
        try:
            result = provider.run(context)
        except Exception as exc:  # a broken check is a finding, not a crash
            log.warning("diagnostics: %s failed", provider.name, exc_info=True)
            result = SectionResult(dict(provider.empty))
            result.check(
                f"{provider.name}.error",
                Status.PROBLEM,
                f"The {provider.name} check failed unexpectedly",
                f"{type(exc).__name__}: {exc}"[:300],
            )
        with done:
            results[provider.name] = result
            done.notify_all()

    for provider in chosen:
        threading.Thread(
            target=run, args=(provider,), name=f"diag-{provider.name}", daemon=True
        ).start()
    with done:
        done.wait_for(lambda: len(results) == len(chosen), timeout=deadline_s + 0.3)
        finished = dict(results)
    return _assemble(chosen, finished, deadline_s, started)


def _assemble(
    chosen: list[Provider], finished: dict[str, SectionResult], deadline_s: float, started: float
) -> Report:
    """The report from what finished; each provider that did not is named as a problem."""
    data: dict[str, Any] = {}
    checks: list[Check] = []
    incomplete: list[str] = []
    for provider in chosen:
        result = finished.get(provider.name)
        if result is None:
            incomplete.append(provider.name)
            data.update(provider.empty)
            checks.append(
                Check(
                    f"{provider.name}.deadline",
                    Status.PROBLEM,
                    f"The {provider.name} checks did not finish within {deadline_s:.1f} s",
                    "Something on this computer is not answering (a driver, the smart card "
                    "service or a network lookup).",
                )
            )
            continue
        data.update(result.data)
        checks.extend(result.checks)
    return Report(
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        duration_ms=round((time.monotonic() - started) * 1000),
        data=data,
        checks=checks,
        incomplete=incomplete,
    )
