"""The accessibility check on every page and dialog, in light, dark and high contrast:
accessible names, Tab order, every action reachable on a 960×540 screen (1080p at 200 %),
text contrast; and the screenshots at 100 % and 200 % that go with it
(``artifacts/screenshots/a11y/<theme>/``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPixmap
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from smartcard_linker.flow.msg import msg
from smartcard_linker.flow.state import JourneyState, Step
from smartcard_linker.ui.pin_dialog import PinDialog
from smartcard_linker.ui.style import apply_style
from smartcard_linker.ui.widgets import Page
from tests.ui import a11y
from tests.ui.gallery import PAGES
from tests.ui.states import pin_request
from tests.ui.windows import open_window

SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots" / "a11y"
THEMES = ("light", "dark", "contrast")
SMALL_SCREEN = (960, 540)  # a 1920×1080 screen at 200 % scaling, in logical pixels
DESK = (900, 720)


@pytest.fixture(params=THEMES)
def theme(request: pytest.FixtureRequest, qapp: QApplication) -> Iterator[str]:
    apply_style(qapp, request.param)
    yield request.param
    apply_style(qapp, "light")


def save(widget: QWidget, path: Path, scale: int) -> None:
    """What ``widget`` looks like on a screen at ``scale`` × 100 %."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pixmap = QPixmap(widget.size() * scale)
    pixmap.setDevicePixelRatio(scale)
    pixmap.fill(Qt.GlobalColor.transparent)
    widget.render(pixmap)
    assert pixmap.save(str(path), "PNG"), path


def check(window: QWidget, where: str) -> list[str]:
    """Every finding of the check on what ``window`` shows now."""
    problems = [f"{where}: no accessible name: {name}" for name in a11y.unnamed(window)]
    first = QApplication.focusWidget()
    if isinstance(first, QPushButton) and a11y.focus_contrast(first) < a11y.AA_NORMAL_TEXT:
        problems.append(f"{where}: focused {first.objectName()} below 4.5:1")
    visited = set(a11y.tab_walk(window))
    problems += [
        f"{where}: Tab never reaches {w.objectName() or type(w).__name__}"
        for w in a11y.tab_stops_needed(window)
        if w not in visited
    ]
    problems += [f"{where}: cut off when focused: {n}" for n in a11y.clipped_when_focused(window)]
    problems += [f"{where}: contrast {p}" for p in a11y.low_contrast(window)]
    return problems


def test_every_page_passes_the_accessibility_check(qtbot: QtBot, theme: str) -> None:
    win = open_window(qtbot)
    problems: list[str] = []
    for name, state in PAGES.items():
        win.resize(*DESK)
        win.show_state(state)
        QApplication.processEvents()
        save(win, SHOTS / theme / f"{name}-100.png", 1)
        win.resize(*SMALL_SCREEN)
        QApplication.processEvents()
        save(win, SHOTS / theme / f"{name}-200.png", 2)
        problems += check(win, f"{theme} {name}")
        page = win.stack.currentWidget()
        assert isinstance(page, Page)
        assert page.scroller.horizontalScrollBar().maximum() == 0, f"{name}: wider than 960"
    assert not problems, "\n".join(problems)


DIALOGS: dict[str, Callable[[], JourneyState]] = {
    "pin": lambda: JourneyState(step=Step.PIN, pin=pin_request()),
    "pin-wrong": lambda: JourneyState(
        step=Step.PIN,
        pin=pin_request(
            seq=2,
            problem=msg("Journey", "That passcode was not accepted."),
            tries_left=2,
        ),
    ),
    "pin-final-try": lambda: JourneyState(
        step=Step.PIN, pin=pin_request(seq=3, tries_left=1, final_try=True)
    ),
    "pin-pad": lambda: JourneyState(step=Step.PIN, pin=pin_request(seq=4, pin_pad=True)),
}


def test_every_dialog_passes_the_accessibility_check(qtbot: QtBot, theme: str) -> None:
    win = open_window(qtbot)
    win.resize(*SMALL_SCREEN)
    problems: list[str] = []
    shown: list[tuple[str, QDialog]] = []
    for name, make in DIALOGS.items():
        win.show_state(make())
        dialog = win.pin_dialog
        assert isinstance(dialog, PinDialog) and dialog.isVisible()
        shown.append((name, dialog))
        qtbot.waitExposed(dialog)
        problems += check_dialog(dialog, f"{theme} {name}", theme)
        win.show_state(JourneyState(step=Step.INSERT_CARD))
    help_dialog = win.show_help()
    qtbot.waitExposed(help_dialog)
    problems += check_dialog(help_dialog, f"{theme} help", theme)
    help_dialog.accept()
    assert not problems, "\n".join(problems)


def check_dialog(dialog: QDialog, where: str, theme: str) -> list[str]:
    name = where.split(" ", 1)[1]
    QApplication.processEvents()
    save(dialog, SHOTS / theme / f"dialog-{name}-100.png", 1)
    save(dialog, SHOTS / theme / f"dialog-{name}-200.png", 2)
    problems = []
    width, height = SMALL_SCREEN
    if dialog.width() > width or dialog.height() > height:
        problems.append(f"{where}: {dialog.width()}×{dialog.height()} does not fit 960×540")
    return problems + check(dialog, where)


def test_the_check_finds_what_it_looks_for(qtbot: QtBot) -> None:
    """The check itself: grey on grey, an unnamed Tab stop, a button out of reach."""
    from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout

    root = QWidget()
    root.setObjectName("mainRoot")  # the stylesheet paints this background
    layout = QVBoxLayout(root)
    faint = QLabel("faint words")
    faint.setObjectName("faint")
    faint.setStyleSheet("color: #8a8a8a; background: #f0f0f0;")
    layout.addWidget(faint)
    layout.addWidget(QLineEdit())
    far = QPushButton("Far away", root)
    far.setObjectName("far")
    root.resize(300, 200)
    qtbot.addWidget(root)
    root.show()
    root.activateWindow()
    qtbot.waitActive(root)
    far.move(280, 180)  # half of it outside the window
    assert [p.widget for p in a11y.low_contrast(root)] == ["faint"]
    assert a11y.unnamed(root) == ["QLineEdit ''"]
    assert "far" in a11y.clipped_when_focused(root)
    assert a11y.contrast(QColor("#000000"), QColor("#FFFFFF")) == pytest.approx(21.0)


def test_each_page_is_announced_titled_and_focused(qtbot: QtBot) -> None:
    win = open_window(qtbot)
    heard: list[tuple[str, bool]] = []
    win.announcer.announced.connect(lambda words, urgent: heard.append((words, urgent)))
    win.show_state(PAGES["working"])  # the window opened on the start page: leave it first
    before = ("", "", "")
    for name, state in PAGES.items():
        heard.clear()
        win.show_state(state)
        page = win.stack.currentWidget()
        assert isinstance(page, Page)
        heading = page.heading.text()
        assert heading and win.windowTitle() == heading, name
        said = (page.objectName(), heading, page.alert())
        if said != before:  # a new page, heading or problem is spoken; a repeat is not
            assert heard and heard[-1][0].startswith(heading), name
        before = said
        focused = win.focusWidget()  # the window's focus, whether or not it is active now
        assert isinstance(focused, QPushButton | QLineEdit), f"{name}: focus on {focused}"
        assert focused.isVisible() and a11y.accessible_name(focused), name
    win.show_state(PAGES["error-retry"])
    error = PAGES["error-retry"].error
    assert error is not None
    assert heard[-1] == (f"{error.title}. {error.message} {error.action}", True)
    heard.clear()
    win.show_state(PAGES["error-retry"])  # the same page again: nothing new to say
    assert heard == []


def test_the_pin_dialog_is_announced(qtbot: QtBot) -> None:
    win = open_window(qtbot)
    heard: list[tuple[str, bool]] = []
    win.announcer.announced.connect(lambda words, urgent: heard.append((words, urgent)))
    win.show_state(DIALOGS["pin-wrong"]())
    assert heard[-1] == (
        "Enter your smartcard passcode That passcode was not accepted. You have 2 tries left.",
        True,
    )


def test_twice_the_system_text_size_still_fits_960_by_540(qtbot: QtBot, qapp: QApplication) -> None:
    """Large text on a small screen: every action still on screen, nothing wider than it."""
    original = QFont(qapp.font())
    bigger = QFont(original)
    bigger.setPointSizeF(original.pointSizeF() * 2)
    apply_style(qapp, "light")
    qapp.setFont(bigger)
    try:
        qtbot.waitUntil(lambda: f"{bigger.pointSizeF() * 11 / 9:.1f}pt" in qapp.styleSheet())
        win = open_window(qtbot)
        win.resize(*SMALL_SCREEN)
        problems = []
        for name in ("start", "account", "card-locked", "review-names-differ", "error-locked"):
            win.show_state(PAGES[name])
            QApplication.processEvents()
            save(win, SHOTS / "large-text" / f"{name}-200.png", 2)
            problems += [
                f"{name}: cut off when focused: {n}" for n in a11y.clipped_when_focused(win)
            ]
        win.show_state(PAGES["done"])
        problems += [f"done: cut off when focused: {n}" for n in a11y.clipped_when_focused(win)]
        assert win.minimumSizeHint().width() <= SMALL_SCREEN[0]
        assert not problems, "\n".join(problems)
    finally:
        qapp.setFont(original)
        qtbot.waitUntil(lambda: f"{original.pointSizeF() * 11 / 9:.1f}pt" in qapp.styleSheet())
