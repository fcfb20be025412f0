"""The hard pages say one thing: names that differ, codes kept for support, plain labels."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from smartcard_linker.ui.main_window import MainWindow
from smartcard_linker.ui.widgets import Page, reading_order
from tests.ui import a11y
from tests.ui.gallery import PAGES
from tests.ui.windows import open_window

W = TypeVar("W", bound=QWidget)


def find(win: MainWindow, kind: type[W], name: str) -> W:
    found = win.findChild(kind, name)
    assert isinstance(found, kind), name
    return found


def test_names_differ_names_both_and_asks_a_second_time(qtbot: QtBot) -> None:
    win = open_window(qtbot)
    win.show_state(PAGES["review-names-differ"])
    warning = find(win, QLabel, "namesMismatchText").text()
    assert "Jo Bloggs" in warning and "Alexandra Smith" in warning
    confirm = find(win, QPushButton, "confirmButton")
    both_mine = find(win, QCheckBox, "namesDifferConfirm")
    assert not confirm.isEnabled()
    assert win.focusWidget() is both_mine  # not the green Confirm
    qtbot.keyClick(both_mine, Qt.Key.Key_Space)
    assert confirm.isEnabled()
    win.show_state(PAGES["review"])  # names match: no second question
    assert confirm.isEnabled() and not both_mine.isVisible()
    win.show_state(PAGES["review-names-differ"])
    assert not both_mine.isChecked() and not confirm.isEnabled()  # asked again


def test_care_identity_number_is_named_as_staff_know_it(qtbot: QtBot) -> None:
    win = open_window(qtbot)
    for state in ("card", "review"):
        win.show_state(PAGES[state])
        texts = [label.text() for label in win.findChildren(QLabel) if label.isVisible()]
        assert "Care Identity number (UUID)" in texts, state
        assert "UUID" not in texts, state


def test_codes_sit_in_a_details_for_support_line(qtbot: QtBot) -> None:
    win = open_window(qtbot)
    win.show_state(PAGES["error-retry"])
    line = find(win, QLabel, "errorCode")
    assert line.text() == "Details for support: timeout · request id req-7f3k"
    assert line.property("role") == "muted"
    for name in ("errorTitle", "errorMessage", "errorAction"):
        assert "timeout" not in find(win, QLabel, name).text()


def test_a_single_account_needs_no_choosing(qtbot: QtBot) -> None:
    win = open_window(qtbot)
    win.show_state(PAGES["account"])
    assert win.findChild(QLabel, "kind_care_identity") is not None  # shown, not a radio
    assert find(win, QPushButton, "accountContinueButton").isEnabled()
    assert win.focusWidget() is find(win, QPushButton, "accountContinueButton")


def test_a_card_that_cannot_go_on_stops_with_its_next_step_and_no_continue(qtbot: QtBot) -> None:
    win = open_window(qtbot)
    win.show_state(PAGES["card-expired"])
    assert not find(win, QPushButton, "cardContinueButton").isVisible()
    assert "expired on" in find(win, QLabel, "cardStopMessage").text()
    assert find(win, QLabel, "cardExpiry").text().startswith("Certificate expired on")
    assert win.focusWidget() is find(win, QPushButton, "cardBackButton")
    win.show_state(PAGES["account"])
    win.show_state(PAGES["card-locked"])
    unlock = find(win, QPushButton, "cardStopLinkButton")
    assert unlock.isVisible() and unlock.text() == "Unlock my smartcard online"
    assert win.focusWidget() is unlock
    win.show_state(PAGES["card"])
    assert find(win, QPushButton, "cardContinueButton").isVisible()
    assert not find(win, QWidget, "cardStop").isVisible()


def test_status_icons_have_words_for_screen_readers(qtbot: QtBot) -> None:
    win = open_window(qtbot)
    win.show_state(PAGES["start-not-ready"])
    icon = find(win, QLabel, "check_reader_icon")
    assert icon.text() == "✕" and a11y.accessible_name(icon) == "problem"
    assert a11y.accessible_name(find(win, QLabel, "check_reader")) == "Smartcard reader: problem"
    assert a11y.accessible_name(find(win, QLabel, "check_service_icon")) == "ready"


def test_tab_follows_reading_order_on_every_page(qtbot: QtBot) -> None:
    """Tab visits a page's controls top to bottom, then its actions, then Help."""
    win = open_window(qtbot)
    for name, state in PAGES.items():
        win.show_state(state)
        page = win.stack.currentWidget()
        assert isinstance(page, Page)
        reading = [w for w in reading_order(page) if w.isVisible() and w.isEnabled()]
        reading.append(win.help_button)
        start = reading[0]
        start.setFocus(Qt.FocusReason.TabFocusReason)
        walked = a11y.tab_walk(win)
        at = walked.index(start) if start in walked else 0
        visited = walked[at:] + walked[:at]  # Tab goes round: read it from the first control
        assert [w for w in visited if w in reading] == [w for w in reading if w in visited], name
        skipped = [w.objectName() for w in reading if w not in visited]
        assert all(w.startswith(("kind_", "certificateOption_")) for w in skipped), (name, skipped)
