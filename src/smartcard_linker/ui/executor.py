"""The flow's ``Executor`` for Qt: work on a thread pool, results on the GUI thread.

Workers never touch a widget: a finished task emits a queued signal carrying
the callback, so the flow only ever runs on the GUI thread. ``shutdown`` stops
delivering and joins every worker (quit never leaves a thread behind).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)
T = TypeVar("T")


class _Relay(QObject):
    deliver = Signal(object)


class QtExecutor:
    def __init__(self, max_threads: int = 4) -> None:
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(max_threads)
        self._pool.setExpiryTimeout(5000)
        self._relay = _Relay()
        self._relay.deliver.connect(self._run_callback, Qt.ConnectionType.QueuedConnection)
        self._closed = False

    def submit(
        self,
        task: Callable[[], T],
        on_ok: Callable[[T], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        if self._closed:
            return
        relay = self._relay

        def run() -> None:
            try:
                value = task()
            except Exception as exc:
                failure = exc  # ``exc`` is unbound after the block; keep a reference
                relay.deliver.emit(lambda: on_error(failure))
            else:
                relay.deliver.emit(lambda: on_ok(value))

        self._pool.start(run)

    def post(self, callback: Callable[[], None]) -> None:
        """Thread-safe: queue ``callback`` for the GUI thread."""
        if not self._closed:
            self._relay.deliver.emit(callback)

    @Slot(object)
    def _run_callback(self, callback: Callable[[], None]) -> None:
        if not self._closed:
            callback()

    def active_threads(self) -> int:
        return self._pool.activeThreadCount()

    def wait_idle(self, timeout_ms: int = 10_000) -> bool:
        """Tests and shutdown: wait until every worker has finished."""
        return self._pool.waitForDone(timeout_ms)

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Stop delivering results and join the workers; False if one is still running."""
        self._closed = True
        done = self._pool.waitForDone(timeout_ms)
        if not done:
            log.warning("a worker was still running at quit")
        return done
