"""Kiosk clocks: when the idle timer runs, the visible warning before any reset, "I'm
still here", and the done page's live countdown (short timeouts; real Qt timers)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from smartcard_linker.flow.state import JourneyState, Step
from smartcard_linker.ui.kiosk_timers import KioskTimers
from tests.ui.states import ACCOUNT, done_state, pin_request, settings


class Flow:
    def __init__(self) -> None:
        self.idle = 0
        self.done = 0

    def idle_timeout(self) -> None:
        self.idle += 1

    def done_timeout(self) -> None:
        self.done += 1


@pytest.fixture
def clocks(qtbot: QtBot) -> Iterator[tuple[KioskTimers, Flow, list[int]]]:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    flow = Flow()
    ticks: list[int] = []
    timers = KioskTimers(
        flow,
        settings(kiosk_mode=True, kiosk_idle_timeout_s=1, kiosk_done_timeout_s=2),
        window,
        ticks.append,
    )
    timers.warning_s = 2
    yield timers, flow, ticks
    timers.stop()


ACCOUNT_PAGE = JourneyState(step=Step.ACCOUNT, account=ACCOUNT, kiosk=True)


def test_no_idle_timer_on_an_empty_start_page_or_while_signing_in(
    clocks: tuple[KioskTimers, Flow, list[int]],
) -> None:
    timers, _flow, _ticks = clocks
    timers.show_state(JourneyState(kiosk=True))
    assert not timers.idle_timer.isActive()
    timers.show_state(ACCOUNT_PAGE)
    assert timers.idle_timer.isActive() and timers.idle_timer.interval() == 1000
    timers.show_state(JourneyState(step=Step.SIGNING_IN, kiosk=True))
    assert not timers.idle_timer.isActive()  # the browser sign-in keeps its own timeout


def test_the_open_pin_dialog_holds_idle_off_until_its_own_timeout(
    clocks: tuple[KioskTimers, Flow, list[int]],
) -> None:
    timers, _flow, _ticks = clocks
    timers.show_state(JourneyState(step=Step.PIN, account=ACCOUNT, pin=pin_request(), kiosk=True))
    assert timers.idle_timer.interval() == 90_000  # pin_pad_timeout_s, longer than idle


def test_a_warning_counts_down_before_the_reset(
    qtbot: QtBot, clocks: tuple[KioskTimers, Flow, list[int]]
) -> None:
    timers, flow, _ticks = clocks
    timers.show_state(ACCOUNT_PAGE)
    qtbot.waitUntil(timers.warning.isVisible, timeout=5000)
    assert "clears itself in 2 seconds" in timers.warning.seconds.text()
    assert flow.idle == 0  # nothing reset yet: the person can still say so
    qtbot.mouseClick(timers.warning.still_here, Qt.MouseButton.LeftButton)
    assert not timers.warning.isVisible() and timers.idle_timer.isActive()
    assert flow.idle == 0

    qtbot.waitUntil(timers.warning.isVisible, timeout=5000)
    qtbot.waitUntil(lambda: flow.idle == 1, timeout=5000)
    assert not timers.warning.isVisible()


def test_the_done_page_counts_down_live(
    qtbot: QtBot, clocks: tuple[KioskTimers, Flow, list[int]]
) -> None:
    timers, flow, ticks = clocks
    timers.show_state(ACCOUNT_PAGE)
    timers.show_state(done_state())
    assert ticks == [2] and not timers.idle_timer.isActive()
    qtbot.waitUntil(lambda: flow.done == 1, timeout=5000)
    assert ticks == [2, 1, 0]
