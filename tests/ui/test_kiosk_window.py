"""Kiosk mode's window: full screen and frameless; close, minimise and quit keys do
nothing until the session ends; our text leaves the clipboard at each reset."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from smartcard_linker.flow.state import JourneyState, Step
from smartcard_linker.ui import clipboard
from smartcard_linker.ui.executor import QtExecutor
from smartcard_linker.ui.kiosk_window import ClipboardCleaner, KioskGuard, show_kiosk
from smartcard_linker.ui.main_window import MainWindow
from tests.ui.states import error_state, journey


def kiosk_window(qtbot: QtBot) -> tuple[MainWindow, KioskGuard]:
    win = MainWindow(journey(kiosk_mode=True), QtExecutor(), open_url=lambda _u: None)
    qtbot.addWidget(win)
    guard = show_kiosk(win)
    qtbot.waitExposed(win)
    return win, guard


def test_full_screen_frameless_and_close_is_ignored(qtbot: QtBot) -> None:
    win, guard = kiosk_window(qtbot)
    assert win.isFullScreen()
    assert win.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert win.close() is False
    assert win.isVisible() and guard.ignored_closes == 1
    for key, modifiers in (
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ):
        QTest.keyClick(win, key, modifiers)
    assert win.isVisible()
    win.showMinimized()
    qtbot.waitUntil(lambda: win.isFullScreen() and not win.isMinimized())


def test_the_session_ending_lets_the_window_close_cleanly(qtbot: QtBot) -> None:
    win, guard = kiosk_window(qtbot)
    guard.release()  # what Windows log-off / shutdown (commitDataRequest, aboutToQuit) does
    assert win.close() is True
    assert not win.isVisible()
    assert win.journey._shut_down  # the window's normal shutdown ran


def test_a_reset_takes_our_text_off_the_clipboard() -> None:
    board = QGuiApplication.clipboard()
    cleaner = ClipboardCleaner()
    cleaner(JourneyState())
    clipboard.copy_text(error_state().error.support_text())  # type: ignore[union-attr]
    cleaner(error_state())
    assert "Error code" in board.text()
    cleaner(JourneyState(step=Step.START))
    assert board.text() == ""

    board.setText("the person's own note")  # not ours: it stays
    cleaner(error_state())
    cleaner(JourneyState(step=Step.START))
    assert board.text() == "the person's own note"
