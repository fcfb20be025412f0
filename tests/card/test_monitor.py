"""The PC/SC monitor against a real private pcscd with vpcd readers and virtual cards."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest

from linker_sandbox.cards.virtual_card import VirtualCardRig
from linker_sandbox.processes.pcscd import PrivatePcscd
from smartcard_linker.card.model import CardEventKind, MonitorStatus
from smartcard_linker.card.monitor import PcscCardMonitor
from tests.fixtures_card import EventRecorder


@pytest.fixture
def monitor() -> Iterator[PcscCardMonitor]:
    m = PcscCardMonitor()
    yield m
    m.stop()  # cancels its wait at once (a hang here fails the test's timeout)
    assert m.status() == MonitorStatus.STOPPED


def _started(
    monitor: PcscCardMonitor, rig: VirtualCardRig, card_events: Callable[[], EventRecorder]
) -> EventRecorder:
    recorder = card_events()
    monitor.start(recorder)
    recorder.wait_for(CardEventKind.READERS_CHANGED)
    return recorder


def test_readers_are_listed(
    monitor: PcscCardMonitor, rig: VirtualCardRig, card_events: Callable[[], EventRecorder]
) -> None:
    _started(monitor, rig, card_events)
    assert [r.name for r in monitor.readers()] == [r.name for r in rig.readers]
    assert monitor.status() == MonitorStatus.RUNNING
    assert not any(r.has_card for r in monitor.readers())


def test_insert_and_remove_events_with_card_kind(
    monitor: PcscCardMonitor, rig: VirtualCardRig, card_events: Callable[[], EventRecorder]
) -> None:
    events = _started(monitor, rig, card_events)
    reader = rig.readers[0].name
    rig.insert("ready", reader)
    inserted = events.wait_for(CardEventKind.CARD_INSERTED, reader)
    assert inserted.atr and inserted.card_kind is not None
    assert inserted.card_kind.key == "idemia-piv"  # the PIV card wears an IDEMIA PIV ATR
    state = {r.name: r for r in monitor.readers()}[reader]
    assert state.has_card and state.atr == inserted.atr
    rig.remove(reader)
    events.wait_for(CardEventKind.CARD_REMOVED, reader)
    assert not {r.name: r for r in monitor.readers()}[reader].has_card


def test_two_readers_removed_in_either_order(
    monitor: PcscCardMonitor, rig: VirtualCardRig, card_events: Callable[[], EventRecorder]
) -> None:
    events = _started(monitor, rig, card_events)
    first, second = (r.name for r in rig.readers)
    rig.insert("ready", first)
    rig.insert("mfa", second)
    events.wait_for(CardEventKind.CARD_INSERTED, first)
    events.wait_for(CardEventKind.CARD_INSERTED, second)
    assert all(r.has_card for r in monitor.readers())
    rig.remove(second)  # last in, first out
    events.wait_for(CardEventKind.CARD_REMOVED, second)
    assert {r.name: r.has_card for r in monitor.readers()} == {first: True, second: False}
    rig.insert("linked", second)
    events.wait_for(CardEventKind.CARD_INSERTED, second)
    rig.remove(first)  # first in, first out
    events.wait_for(CardEventKind.CARD_REMOVED, first)
    assert {r.name: r.has_card for r in monitor.readers()} == {first: False, second: True}


def test_card_present_at_start_is_reported(
    monitor: PcscCardMonitor, rig: VirtualCardRig, card_events: Callable[[], EventRecorder]
) -> None:
    reader = rig.readers[1].name
    rig.insert("ready", reader)
    events = card_events()
    monitor.start(events)
    events.wait_for(CardEventKind.CARD_INSERTED, reader, timeout=5)


def test_service_stopped_and_restarted_while_monitoring(
    monitor: PcscCardMonitor, rig: VirtualCardRig, card_events: Callable[[], EventRecorder]
) -> None:
    events = _started(monitor, rig, card_events)
    reader = rig.readers[0].name
    rig.insert("ready", reader)
    events.wait_for(CardEventKind.CARD_INSERTED, reader)
    rig.pcscd.stop()
    events.wait_for(CardEventKind.CARD_REMOVED, reader)
    events.wait_for(
        CardEventKind.STATUS_CHANGED,
        predicate=lambda e: e.status == MonitorStatus.SERVICE_UNAVAILABLE,
    )
    assert monitor.status() == MonitorStatus.SERVICE_UNAVAILABLE
    assert monitor.readers() == ()
    rig.pcscd.start()
    rig.pcscd.wait_readers_listening()
    events.wait_for(
        CardEventKind.STATUS_CHANGED, predicate=lambda e: e.status == MonitorStatus.RUNNING
    )
    events.wait_for(CardEventKind.READERS_CHANGED)
    rig.insert("ready", reader)  # the next card works without restarting the monitor
    events.wait_for(CardEventKind.CARD_INSERTED, reader)


def test_stop_is_prompt_and_leaves_no_thread(
    rig: VirtualCardRig, card_events: Callable[[], EventRecorder]
) -> None:
    before = set(threading.enumerate())
    monitor = PcscCardMonitor()
    events = _started(monitor, rig, card_events)
    assert events.kinds()
    monitor.stop()
    assert set(threading.enumerate()) <= before
    assert monitor.status() == MonitorStatus.STOPPED


def test_monitor_starts_without_service_and_recovers(
    rig: VirtualCardRig, card_events: Callable[[], EventRecorder]
) -> None:
    rig.pcscd.stop()
    monitor = PcscCardMonitor()
    events = card_events()
    try:
        monitor.start(events)
        events.wait_for(
            CardEventKind.STATUS_CHANGED,
            predicate=lambda e: e.status == MonitorStatus.SERVICE_UNAVAILABLE,
        )
        rig.pcscd.start()
        events.wait_for(CardEventKind.READERS_CHANGED, timeout=6)
        assert monitor.status() == MonitorStatus.RUNNING
    finally:
        monitor.stop()
        assert monitor.status() == MonitorStatus.STOPPED


def test_no_reader_state_then_readers_arrive(
    monitor: PcscCardMonitor, rig: VirtualCardRig, card_events: Callable[[], EventRecorder]
) -> None:
    events = _started(monitor, rig, card_events)
    rig.pcscd.stop()
    bare = PrivatePcscd(rig.pcscd.directory, reader_count=0)  # same socket, no readers
    bare.start()
    try:
        events.wait_for(
            CardEventKind.STATUS_CHANGED, predicate=lambda e: e.status == MonitorStatus.NO_READER
        )
        assert monitor.readers() == () and monitor.status() == MonitorStatus.NO_READER
    finally:
        bare.stop()
    rig.pcscd.start()
    arrived = events.wait_for(CardEventKind.READERS_CHANGED, timeout=6)
    assert [r.name for r in arrived.readers] == [r.name for r in rig.readers]
    assert monitor.status() == MonitorStatus.RUNNING
