"""Readers and cards watched on one thread, woken only by PC/SC events.

One loop over ``SCardGetStatusChange`` with an infinite timeout, including the
``\\\\?PnP?\\Notification`` pseudo-reader so reader arrival/removal wakes it too;
``stop()`` cancels the wait with ``SCardCancel`` and joins the thread. When the
smart card service is down, the loop retries with a short backoff (the only
timed wait). Events are delivered on the monitor thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from smartcard_linker.card import atr as atr_table
from smartcard_linker.card.model import CardEvent, CardEventKind, MonitorStatus, ReaderState

log = logging.getLogger(__name__)

PNP_READER = "\\\\?PnP?\\Notification"
INFINITE = 0xFFFFFFFF
BACKOFF_S = (0.1, 0.25, 0.5, 1.0, 2.0)
NO_PNP_POLL_S = 1.0  # only where the PC/SC stack lacks PnP notifications


class PcscCardMonitor:
    """CardMonitor over pyscard's low-level ``smartcard.scard`` API."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._context: Any = None
        self._readers: tuple[ReaderState, ...] = ()
        self._status = MonitorStatus.STOPPED
        self._on_event: Callable[[CardEvent], None] = lambda _e: None
        self._pnp_supported = True

    # -- CardMonitor ---------------------------------------------------------
    def start(self, on_event: Callable[[CardEvent], None]) -> None:
        if self._thread is not None:
            raise RuntimeError("monitor already started")
        from smartcard import scard  # noqa: F401  (load now: fail in the caller, not the thread)

        self._on_event = on_event
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="card-monitor", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        thread = self._thread
        if thread is None:
            return
        self._stop.set()
        deadline = time.monotonic() + timeout
        # SCardCancel only cancels a wait already in progress: if the thread was
        # between two waits, cancel again until it has seen the stop flag.
        while thread.is_alive() and time.monotonic() < deadline:
            self._cancel()
            thread.join(0.05)
        if thread.is_alive():
            log.warning("card monitor thread did not stop within %.1f s", timeout)
        self._thread = None
        with self._lock:
            self._status = MonitorStatus.STOPPED

    def readers(self) -> tuple[ReaderState, ...]:
        with self._lock:
            return self._readers

    def status(self) -> MonitorStatus:
        with self._lock:
            return self._status

    # -- internals -----------------------------------------------------------
    def _cancel(self) -> None:
        from smartcard import scard

        with self._lock:
            if self._context is not None:
                scard.SCardCancel(self._context)

    def _emit(self, kind: CardEventKind, **details: Any) -> None:
        with self._lock:
            event = CardEvent(kind, self._readers, self._status, **details)
        try:
            self._on_event(event)
        except Exception:  # a faulty listener must not kill the monitor
            log.exception("card event listener failed")

    def _set_status(self, status: MonitorStatus) -> None:
        with self._lock:
            changed = self._status != status
            self._status = status
        if changed:
            self._emit(CardEventKind.STATUS_CHANGED)

    def _set_readers(self, readers: tuple[ReaderState, ...]) -> None:
        with self._lock:
            self._readers = readers

    def _run(self) -> None:
        from smartcard import scard

        attempt = 0
        while not self._stop.is_set():
            hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            if hresult != scard.SCARD_S_SUCCESS:
                self._service_down()
                self._stop.wait(BACKOFF_S[min(attempt, len(BACKOFF_S) - 1)])
                attempt += 1
                continue
            attempt = 0
            with self._lock:
                self._context = context
            try:
                if not self._stop.is_set():
                    self._watch(context)
            finally:
                with self._lock:
                    self._context = None
                scard.SCardReleaseContext(context)
            if not self._stop.is_set():
                self._stop.wait(BACKOFF_S[0])

    def _service_down(self) -> None:
        had_cards = [r for r in self.readers() if r.has_card]
        self._set_readers(())
        for reader in had_cards:
            self._emit(CardEventKind.CARD_REMOVED, reader=reader.name)
        self._set_status(MonitorStatus.SERVICE_UNAVAILABLE)

    def _list_readers(self, context: Any) -> list[str] | None:
        """Reader names, [] when none, None when the service went away."""
        from smartcard import scard

        hresult, names = scard.SCardListReaders(context, [])
        if hresult == scard.SCARD_S_SUCCESS:
            return [n for n in names if n != PNP_READER]
        if hresult == scard.SCARD_E_NO_READERS_AVAILABLE:
            return []
        return None

    def _watch(self, context: Any) -> None:
        """Follow one PC/SC context until the service goes away or stop() is called."""
        from smartcard import scard

        service_gone = {
            scard.SCARD_E_NO_SERVICE,
            scard.SCARD_E_SERVICE_STOPPED,
            scard.SCARD_E_INVALID_HANDLE,
            scard.SCARD_F_COMM_ERROR,
        }
        pnp_state = scard.SCARD_STATE_UNAWARE
        states: dict[str, int] = {}
        names = self._list_readers(context)
        while not self._stop.is_set():
            if names is None:
                self._service_down()
                return
            self._sync_readers(names, states)
            query: list[tuple[str, int]] = [(n, states[n]) for n in names]
            if self._pnp_supported:
                query.insert(0, (PNP_READER, pnp_state))
            timeout = INFINITE if self._pnp_supported else int(NO_PNP_POLL_S * 1000)
            if not query:  # no readers and no PnP: wait for one to appear
                if self._stop.wait(NO_PNP_POLL_S):
                    return
                names = self._list_readers(context)
                continue
            hresult, results = scard.SCardGetStatusChange(context, timeout, query)
            if self._stop.is_set() or hresult == scard.SCARD_E_CANCELLED:
                continue
            if hresult in service_gone:
                self._service_down()
                return
            if hresult == scard.SCARD_E_UNKNOWN_READER and self._pnp_supported and not names:
                self._pnp_supported = False  # stack without PnP notifications
                continue
            if hresult == scard.SCARD_E_TIMEOUT:
                names = self._list_readers(context)
                continue
            if hresult != scard.SCARD_S_SUCCESS:
                names = self._list_readers(context)  # a reader vanished mid-wait
                continue
            readers_changed = False
            for name, event_state, atr in results:
                if name == PNP_READER:
                    if event_state & scard.SCARD_STATE_CHANGED:
                        readers_changed = True
                    pnp_state = event_state & ~scard.SCARD_STATE_CHANGED
                    continue
                self._card_change(name, event_state, bytes(atr or b""), states)
            if readers_changed:
                names = self._list_readers(context)

    def _sync_readers(self, names: list[str], states: dict[str, int]) -> None:
        """Publish the reader list when it differs from what listeners know."""
        from smartcard import scard

        current = {r.name: r for r in self.readers()}
        wanted = MonitorStatus.RUNNING if names else MonitorStatus.NO_READER
        if list(current) == names and self.status() == wanted:
            return
        for gone in set(current) - set(names):
            states.pop(gone, None)
            if current[gone].has_card:
                self._set_readers(tuple(r for r in self.readers() if r.name != gone))
                self._emit(CardEventKind.CARD_REMOVED, reader=gone)
        for name in names:
            states.setdefault(name, scard.SCARD_STATE_UNAWARE)
        self._set_readers(tuple(current.get(n, ReaderState(n, has_card=False)) for n in names))
        self._set_status(wanted)
        if list(current) != names:
            self._emit(CardEventKind.READERS_CHANGED)

    def _card_change(self, name: str, event_state: int, atr: bytes, states: dict[str, int]) -> None:
        from smartcard import scard

        states[name] = event_state & ~scard.SCARD_STATE_CHANGED
        present = bool(event_state & scard.SCARD_STATE_PRESENT) and not bool(
            event_state & scard.SCARD_STATE_MUTE
        )
        before = {r.name: r for r in self.readers()}.get(name)
        if before is None:
            return
        if present and (not before.has_card or (atr and atr != before.atr)):
            kind = atr_table.lookup(atr)
            self._replace(ReaderState(name, True, atr, kind, before.pin_pad))
            self._emit(CardEventKind.CARD_INSERTED, reader=name, atr=atr, card_kind=kind)
        elif not present and before.has_card:
            self._replace(ReaderState(name, False, None, None, before.pin_pad))
            self._emit(CardEventKind.CARD_REMOVED, reader=name)

    def _replace(self, state: ReaderState) -> None:
        with self._lock:
            self._readers = tuple(state if r.name == state.name else r for r in self._readers)
