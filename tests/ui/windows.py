"""The wizard window on plain states (no services reached), shown and active."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from smartcard_linker.ui.executor import QtExecutor
from smartcard_linker.ui.main_window import MainWindow
from tests.ui.states import journey


def open_window(qtbot: QtBot, **settings: object) -> MainWindow:
    win = MainWindow(journey(**settings), QtExecutor(), open_url=lambda _u: None)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    return win
