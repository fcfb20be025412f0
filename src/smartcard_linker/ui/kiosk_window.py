"""Kiosk mode's window: full screen, frameless, and no way out for the person at it.

Close (Alt+F4, the taskbar), minimise and the usual quit keys do nothing; leaving
kiosk mode is an administrator's action (Shell Launcher configuration or a policy,
docs/deployment.md), never a key trick. The app still ends cleanly when Windows
logs off or shuts down: Qt emits ``commitDataRequest`` and then ``aboutToQuit``,
and both release the guard, so the window's normal shutdown runs.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from smartcard_linker.flow.state import JourneyState, Step
from smartcard_linker.ui import clipboard

# Standard sequences a widget or the platform may treat as "close" or "quit".
_BLOCKED_KEYS = (
    QKeySequence.StandardKey.Close,
    QKeySequence.StandardKey.Quit,
)


class KioskGuard(QObject):
    """Event filter on the window (close, minimise) and the application (quit keys)."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("kioskGuard")
        self._window = window
        self.released = False
        self.ignored_closes = 0
        window.installEventFilter(self)
        app = QApplication.instance()
        if isinstance(app, QGuiApplication):
            app.installEventFilter(self)
            # The connection holds this guard (its Python side) for as long as the window
            # lives, and takes the application-wide filter away with the window.
            window.destroyed.connect(lambda *_: app.removeEventFilter(self))
            app.commitDataRequest.connect(self.release)  # Windows log-off or shutdown
            app.aboutToQuit.connect(self.release)

    def release(self, *_args: object) -> None:
        """The session is ending (or the app is quitting): let the window close."""
        self.released = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if watched is self._window:
            if kind == QEvent.Type.Close and not self.released:
                event.ignore()
                self.ignored_closes += 1
                return True
            if kind == QEvent.Type.WindowStateChange and self._window.isMinimized():
                QTimer.singleShot(0, self._window.showFullScreen)  # minimising is undone
        if kind in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and isinstance(
            event, QKeyEvent
        ):
            return self._is_quit_key(event)
        return False

    @staticmethod
    def _is_quit_key(event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_F4 and event.modifiers() & (
            Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier
        ):
            return True
        return any(event.matches(sequence) for sequence in _BLOCKED_KEYS)


def show_kiosk(window: QWidget) -> KioskGuard:
    """Frameless and full screen, with the guard installed (call instead of ``show``)."""
    window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
    guard = KioskGuard(window)
    window.showFullScreen()
    return guard


class ClipboardCleaner:
    """Journey listener: each reset to the start page takes our text off the clipboard."""

    def __init__(self) -> None:
        self._step: Step | None = None

    def __call__(self, state: JourneyState) -> None:
        if state.step is Step.START and self._step not in (None, Step.START):
            clipboard.clear_ours()
        self._step = state.step
