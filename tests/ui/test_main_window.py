"""The wizard window: pages for each state, keyboard use, accessible names, nothing left behind."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTranslator
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from smartcard_linker.flow.state import JourneyState, Step
from smartcard_linker.ui.executor import QtExecutor
from smartcard_linker.ui.main_window import MainWindow
from smartcard_linker.ui.screenshot import save_png
from smartcard_linker.ui.style import stylesheet, themes
from smartcard_linker.ui.widgets import Page, WrapLayout
from tests.ui.states import done_state, error_state, journey, pin_request, review_state


def window(qtbot: QtBot, **settings: object) -> MainWindow:
    flow = journey(**settings)
    win = MainWindow(flow, QtExecutor(), open_url=lambda _u: None)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    return win


def visible_controls(root: QWidget) -> list[QWidget]:
    controls: list[QWidget] = [
        *root.findChildren(QAbstractButton),
        *root.findChildren(QLineEdit),
    ]
    return [c for c in controls if c.isVisible()]


STATES = {
    "start": JourneyState(),
    "review": review_state(),
    "done": done_state(),
    "error": error_state(),
}


def test_each_state_shows_its_page(qtbot: QtBot) -> None:
    win = window(qtbot)
    for name, state in STATES.items():
        win.show_state(state)
        page = win.stack.currentWidget()
        assert page.objectName() == f"{name}Page"


def test_every_visible_control_has_an_accessible_name(qtbot: QtBot) -> None:
    win = window(qtbot)
    for state in STATES.values():
        win.show_state(state)
        for control in visible_controls(win):
            assert control.accessibleName(), f"{control.objectName()} on {state.step}"


def test_review_page_groups_uuid_and_confirm_has_focus(qtbot: QtBot) -> None:
    win = window(qtbot)
    win.show_state(review_state())
    uuid = win.findChild(QLabel, "reviewIdentityUuid")
    assert uuid is not None and uuid.text() == "1020 4884 3983"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    focused = QApplication.focusWidget()
    assert focused is not None and focused.objectName() == "confirmButton"


def test_tab_reaches_every_action_on_the_done_page(qtbot: QtBot) -> None:
    win = window(qtbot)
    win.show_state(done_state())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    wanted = {"homeButton", "nhsmailPortalButton", "finishButton", "helpButton"}
    seen: set[str] = set()
    for _ in range(12):
        focused = QApplication.focusWidget()
        if focused is not None:
            seen.add(focused.objectName())
        qtbot.keyClick(focused or win, Qt.Key.Key_Tab)
    assert wanted <= seen


def test_reset_leaves_nothing_of_the_previous_person_on_screen(qtbot: QtBot) -> None:
    win = window(qtbot, kiosk_mode=True)
    win.show_state(review_state())
    win.show_state(done_state())
    win.show_state(error_state())
    win.show_state(JourneyState(step=Step.START, kiosk=True, visit=1))  # a reset
    texts = [label.text() for label in win.findChildren(QLabel)]
    for personal in ("jo.bloggs@nhs.net", "Jo Bloggs", "1020 4884 3983", "LNK-7F3K-92QD"):
        assert not any(personal in text for text in texts), personal


def test_pin_dialog_opens_for_the_pin_step_and_closes_when_the_card_goes(qtbot: QtBot) -> None:
    win = window(qtbot)
    win.show_state(JourneyState(step=Step.PIN, pin=pin_request(seq=7)))
    dialog = win.pin_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.field, "1234")
    win.show_state(JourneyState(step=Step.INSERT_CARD))
    assert win.pin_dialog is None
    assert dialog.field.text() == ""


def test_screenshot_helper_writes_a_png(qtbot: QtBot, tmp_path: Path) -> None:
    win = window(qtbot)
    win.show_state(review_state())
    path = save_png(win, tmp_path / "review.png")
    image = QImage(str(path))
    assert not image.isNull() and image.width() >= 700


def test_every_theme_fills_every_colour() -> None:
    assert set(themes()) == {"light", "dark", "contrast"}
    for theme in themes():
        sheet = stylesheet(theme)
        assert "@" not in sheet, theme
    assert "#005EB8" in stylesheet("light")  # NHS Blue


def test_help_dialog_lists_local_admin_then_helpdesk(qtbot: QtBot) -> None:
    win = window(qtbot)
    qtbot.mouseClick(win.help_button, Qt.MouseButton.LeftButton)
    dialog = win.findChild(QWidget, "helpDialog")
    assert dialog is not None and dialog.isVisible()
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(t.startswith("1.") and "Local Administrator" in t for t in texts)
    assert any(t.startswith("2.") and "Helpdesk" in t for t in texts)


def test_kiosk_idle_timer_restarts_on_activity(qtbot: QtBot) -> None:
    win = window(qtbot, kiosk_mode=True, kiosk_idle_timeout_s=60)
    timers = win.kiosk_timers
    assert timers is not None and not timers.idle_timer.isActive()  # empty start page
    win.show_state(replace(review_state(), kiosk=True))
    assert timers.idle_timer.isActive() and timers.idle_timer.interval() == 60_000
    qtbot.wait(30)
    before = timers.idle_timer.remainingTime()
    qtbot.keyClick(win, Qt.Key.Key_Shift)
    assert timers.idle_timer.remainingTime() > before - 5


def test_finish_outside_kiosk_closes_the_window(qtbot: QtBot) -> None:
    win = window(qtbot)
    win.show_state(JourneyState(step=Step.CLOSED))
    qtbot.waitUntil(lambda: not win.isVisible())


def test_an_ordinary_change_renders_only_the_visible_page(qtbot: QtBot) -> None:
    win = window(qtbot)
    rendered: list[str] = []

    def spy(page: Page) -> None:
        draw = page.show_state

        def show_state(state: JourneyState) -> None:
            rendered.append(page.objectName())
            draw(state)

        page.show_state = show_state  # type: ignore[method-assign]

    for page in win.pages.values():
        spy(page)
    win.show_state(review_state())
    assert rendered == ["reviewPage"]
    assert win.windowTitle() == "Check these details"  # the title is the page heading


class _Marked(QTranslator):
    """A stand-in language: every translated string comes back wrapped in « »."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return f"«{source}»"

    def isEmpty(self) -> bool:
        return False


def test_a_language_change_retranslates_every_page(qtbot: QtBot) -> None:
    win = window(qtbot)
    win.show_state(review_state())
    marked = _Marked()
    app = QApplication.instance()
    assert app is not None
    app.installTranslator(marked)
    try:
        names = [
            "startButton",
            "cancelButton",
            "accountContinueButton",
            "blockerFinishButton",
            "insertBackButton",
            "cardContinueButton",
            "confirmButton",
            "finishButton",
            "startAgainButton",
            "helpButton",
        ]
        for name in names:
            control = win.findChild(QAbstractButton, name)
            assert control is not None, name
            qtbot.waitUntil(lambda c=control: c.text().startswith("«"))  # type: ignore[misc]
        heading = win.findChild(QLabel, "reviewTitle")
        assert heading is not None and heading.text() == "«Check these details»"
        assert win.windowTitle() == "«Check these details»"
    finally:
        app.removeTranslator(marked)
    confirm = win.findChild(QAbstractButton, "confirmButton")
    assert confirm is not None
    qtbot.waitUntil(lambda: confirm.text() == "Confirm and link")


def test_hidden_pages_are_drawn_ahead_without_changing_what_is_shown(qtbot: QtBot) -> None:
    """After the window appears, each hidden page is drawn once off screen (so its first
    showing is quicker); the start page stays on screen and keeps the focus."""
    win = window(qtbot)
    qtbot.waitUntil(lambda: win.focusWidget() is not None)
    focused = win.focusWidget()
    qtbot.waitUntil(lambda: win.warmup.done, timeout=10_000)
    assert win.stack.currentWidget() is win.pages["start"]
    assert win.focusWidget() is focused
    for name, page in win.pages.items():
        assert page.isVisible() == (name == "start"), name
        assert page.size() == win.stack.size(), f"{name} was laid out at the window's size"


def test_wrapped_buttons_follow_their_text_and_visibility(qtbot: QtBot) -> None:
    """The action bar's wrapping layout remembers heights per width; a longer label or a
    hidden button must still change the height it asks for (nothing clipped)."""
    bar = QWidget()
    qtbot.addWidget(bar)
    layout = WrapLayout(spacing=8)
    bar.setLayout(layout)
    buttons = [QPushButton(f"Button {n}") for n in range(3)]
    for each in buttons:
        layout.addWidget(each)
    bar.show()
    width = sum(b.sizeHint().width() for b in buttons) + 2 * 8 + 40  # one line, with room
    one_line = layout.heightForWidth(width)
    buttons[0].setText("A much longer label than the bar has room for on one line " * 2)
    QApplication.processEvents()
    assert layout.heightForWidth(width) > one_line, "the long label wrapped to a new line"
    buttons[0].hide()
    QApplication.processEvents()
    assert layout.heightForWidth(width) == one_line, "the hidden button takes no room"
