"""The stylesheet follows the system: its text size, and a high-contrast theme's own colours."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from smartcard_linker.flow.state import JourneyState
from smartcard_linker.ui.executor import QtExecutor
from smartcard_linker.ui.main_window import MainWindow
from smartcard_linker.ui.style import (
    apply_style,
    contrast_colours,
    follow_os,
    os_high_contrast,
    stylesheet,
)
from tests.ui import a11y
from tests.ui.gallery import PAGES
from tests.ui.states import journey


@pytest.fixture
def system_font(qapp: QApplication) -> Iterator[QFont]:
    original = QFont(qapp.font())
    yield original
    qapp.setFont(original)
    apply_style(qapp, "light")


def heading_points(qtbot: QtBot) -> float:
    win = MainWindow(journey(), QtExecutor(), open_url=lambda _u: None)
    qtbot.addWidget(win)
    win.show()
    win.show_state(PAGES["start"])
    title = win.findChild(QLabel, "startTitle")
    assert title is not None
    return title.font().pointSizeF()


def test_text_grows_with_the_system_font_size(
    qtbot: QtBot, qapp: QApplication, system_font: QFont
) -> None:
    apply_style(qapp, "light")
    before = heading_points(qtbot)
    bigger = QFont(system_font)
    bigger.setPointSizeF(system_font.pointSizeF() * 2)
    qapp.setFont(bigger)  # what the OS does when the user doubles the text size
    qtbot.waitUntil(lambda: f"{bigger.pointSizeF() * 11 / 9:.1f}pt" in qapp.styleSheet())
    after = heading_points(qtbot)
    assert after == pytest.approx(before * 2, rel=0.02)
    assert f"{bigger.pointSizeF() * 11 / 9:.1f}pt" in qapp.styleSheet()  # body text


# A user's own contrast theme (Windows lets people pick every one of these colours).
USER_CONTRAST = {
    QPalette.ColorRole.Window: "#1C1C00",
    QPalette.ColorRole.WindowText: "#FFF8D0",
    QPalette.ColorRole.Button: "#000033",
    QPalette.ColorRole.ButtonText: "#FFFFFF",
    QPalette.ColorRole.Link: "#9FE8FF",
    QPalette.ColorRole.Highlight: "#FFD400",
    QPalette.ColorRole.HighlightedText: "#000000",
}


def test_high_contrast_uses_the_users_colours_and_only_those(
    qtbot: QtBot, qapp: QApplication
) -> None:
    palette = QPalette()
    for role, colour in USER_CONTRAST.items():
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, "#A0A0A0")
    sheet = stylesheet("contrast", qapp.font(), contrast_colours(palette))
    used = {c.upper() for c in re.findall(r"#[0-9A-Fa-f]{6}\b", sheet)}
    assert used <= {*USER_CONTRAST.values(), "#A0A0A0"}
    assert {"#1C1C00", "#FFF8D0", "#9FE8FF", "#FFD400"} <= used
    qapp.setStyleSheet(sheet)
    try:
        win = MainWindow(journey(), QtExecutor(), open_url=lambda _u: None)
        qtbot.addWidget(win)
        win.show()
        win.activateWindow()
        qtbot.waitActive(win)
        problems = []
        for name in ("start", "error-locked", "review-names-differ"):
            win.show_state(PAGES[name])
            problems += [f"{name}: {p}" for p in a11y.low_contrast(win)]
        win.show_state(JourneyState())
        assert not problems, "\n".join(problems)
    finally:
        apply_style(qapp, "light")


def test_the_os_decides_when_no_theme_is_forced(qapp: QApplication) -> None:
    """What the app does at start-up: follow the OS (here: no contrast preference)."""
    follow_os(qapp)
    try:
        assert not os_high_contrast()
        assert apply_style(qapp) in ("light", "dark")
        assert os_high_contrast() is False  # asking twice is safe too
    finally:
        apply_style(qapp, "light")
