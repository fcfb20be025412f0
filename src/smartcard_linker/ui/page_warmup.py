"""Draw each hidden page once, off screen, while nobody is waiting for it.

The first time Qt shows a page it does work it does not do again: the review page took
about 20 ms to its first paint against 3-5 ms afterwards, in the wait between the PIN and
the review (docs/performance.md). Drawing each page once into a throwaway pixmap, one page
per idle moment after the window appears, moves about 5 ms of that to a time when the
person is reading the start page or signing in. The pages are empty then: nothing of any
person is drawn.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QStackedWidget, QWidget

# The first page after the window's own first paint (never before it: that is the
# start-up figure); then one page per gap, the GUI thread answering input and timers in
# between (one page takes 5-12 ms to draw on a slow machine, well under the 50 ms stall
# goal).
FIRST_AFTER_MS = 200
GAP_MS = 40


class PageWarmup(QObject):
    """Draws ``pages`` of ``stack`` one at a time, skipping the page on screen."""

    def __init__(self, stack: QStackedWidget, pages: Iterable[QWidget]) -> None:
        super().__init__(stack)
        self._stack = stack
        self._waiting = list(pages)
        self._started = False

    def start(self) -> None:
        """Once; later calls (the window shown again) do nothing."""
        if self._started:
            return
        self._started = True
        QTimer.singleShot(FIRST_AFTER_MS, self, self._next)

    @property
    def done(self) -> bool:
        return not self._waiting

    def _next(self) -> None:
        while self._waiting:
            page = self._waiting.pop(0)
            if page is not self._stack.currentWidget():
                page.resize(self._stack.size())  # as the stack will show it
                page.grab()
                break
        if self._waiting:
            QTimer.singleShot(GAP_MS, self, self._next)
