"""Tell screen readers what changed: a page's heading, and any error or warning on it.

Focus alone is not enough: when a page changes, focus lands on its first action and a
screen reader would say only "Retry, button". An announcement event (Qt 6.8) reads the
heading and the problem first. ``announced`` carries the same words, so tests (and a
debugging session) can see what a screen reader was told.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent


class Announcer(QObject):
    announced = Signal(str, bool)  # the words, and whether they interrupt (assertive)

    def announce(self, source: QObject, text: str, *, urgent: bool = False) -> None:
        """Announce ``text`` for ``source``; ``urgent`` for errors, which interrupt speech."""
        text = " ".join(text.split())
        if not text:
            return
        event = QAccessibleAnnouncementEvent(source, text)
        event.setPoliteness(
            QAccessible.AnnouncementPoliteness.Assertive
            if urgent
            else QAccessible.AnnouncementPoliteness.Polite
        )
        QAccessible.updateAccessibility(event)
        self.announced.emit(text, urgent)
