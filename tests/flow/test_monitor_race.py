"""Regression: the card monitor's first status must not be overwritten by a stale reading.

Seen in the journey benchmark: about one start in fifteen stayed on "card service
unavailable" although pcscd was running, because the worker read the monitor's
status before the monitor had connected, and that reading reached the flow after
the monitor's own "connected" event.
"""

from __future__ import annotations

from typing import TypeVar

from smartcard_linker.card.model import CardEventKind, MonitorStatus
from smartcard_linker.flow.journey import Journey
from tests.flow.doubles import NOW, DeferredExecutor, FakeServices
from tests.flow.harness import make_settings

T = TypeVar("T")


def test_monitor_connected_event_is_not_undone_by_a_stale_status() -> None:
    services = FakeServices()
    monitor = services.monitor
    monitor._status = MonitorStatus.SERVICE_UNAVAILABLE  # started, not yet connected
    executor = DeferredExecutor()

    def monitor_connects() -> None:
        monitor._status = MonitorStatus.RUNNING
        monitor._emit(CardEventKind.STATUS_CHANGED, None)

    executor.between = monitor_connects
    journey = Journey(make_settings(), services, executor, clock=lambda: NOW)
    journey.start_up()
    executor.run_all()
    checks = {check.key: check.status.value for check in journey.state.readiness}
    assert checks["service"] == "ok", checks
    assert checks["reader"] == "ok", checks
    assert journey.state.ready
