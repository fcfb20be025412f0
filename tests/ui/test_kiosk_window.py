"""Kiosk mode's window: full screen and frameless; close, minimise and quit keys do
nothing until the session ends; our text leaves the clipboard at each reset."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
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


@pytest.fixture
def kiosk_window(qtbot: QtBot) -> Iterator[tuple[MainWindow, KioskGuard]]:
    win = MainWindow(journey(kiosk_mode=True), QtExecutor(), open_url=lambda _u: None)
    guard = show_kiosk(win)
    qtbot.waitExposed(win)
    yield win, guard
    guard.release()  # as the session's end would: the window's shutdown runs
    win.close()
    win.deleteLater()


def test_full_screen_frameless_and_close_is_ignored(
    qtbot: QtBot, kiosk_window: tuple[MainWindow, KioskGuard]
) -> None:
    win, guard = kiosk_window
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


def test_the_session_ending_lets_the_window_close_cleanly(
    kiosk_window: tuple[MainWindow, KioskGuard],
) -> None:
    win, guard = kiosk_window
    guard.release()  # what Windows log-off / shutdown (commitDataRequest, aboutToQuit) does
    assert win.close() is True
    assert not win.isVisible()
    assert win._closing  # the window's normal shutdown ran


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


def test_done_page_offers_no_browser_on_a_kiosk(qtbot: QtBot) -> None:
    from dataclasses import replace

    from PySide6.QtWidgets import QPushButton

    from tests.ui.states import done_state

    for kiosk in (False, True):
        win = MainWindow(journey(kiosk_mode=kiosk), QtExecutor(), open_url=lambda _u: None)
        qtbot.addWidget(win)
        win.show()
        win.show_state(replace(done_state(), kiosk=kiosk))
        for name in ("homeButton", "nhsmailPortalButton"):
            found = win.findChild(QPushButton, name)
            assert found is not None and found.isVisible() is not kiosk, (name, kiosk)
