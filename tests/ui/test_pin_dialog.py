"""The PIN dialog as a person uses it: typing, rules, warnings, the PIN pad countdown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QGuiApplication
from PySide6.QtWidgets import QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from smartcard_linker.flow.msg import msg
from smartcard_linker.ui.pin_dialog import PinDialog
from tests.ui.states import pin_request


def make(qtbot: QtBot, **changes: object) -> PinDialog:
    dialog = PinDialog(pin_request(**changes))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def field(dialog: PinDialog) -> QLineEdit:
    found = dialog.findChild(QLineEdit, "pinField")
    assert found is not None
    return found


def btn(dialog: PinDialog, name: str) -> QPushButton:
    found = dialog.findChild(QPushButton, name)
    assert found is not None
    return found


def test_pin_is_masked_and_never_shown(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    qtbot.keyClicks(field(dialog), "246810")
    assert field(dialog).echoMode() is QLineEdit.EchoMode.Password
    assert "246810" not in field(dialog).displayText()
    assert field(dialog).contextMenuPolicy() is Qt.ContextMenuPolicy.NoContextMenu
    assert not dialog.countdown.isVisible(), "no PIN-pad countdown when typing"


def test_length_rules_come_from_the_token(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    continue_button = btn(dialog, "pinContinueButton")
    assert "6 to 8 characters" in dialog.rules.text()
    qtbot.keyClicks(field(dialog), "12345")
    assert not continue_button.isEnabled()
    qtbot.keyClicks(field(dialog), "6")
    assert continue_button.isEnabled()
    qtbot.keyClicks(field(dialog), "789")  # a ninth character is refused
    assert len(field(dialog).text()) == 8


def test_bytearray_handed_over_and_field_cleared(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    qtbot.keyClicks(field(dialog), "123456")
    with qtbot.waitSignal(dialog.pin_entered) as signal:
        qtbot.mouseClick(btn(dialog, "pinContinueButton"), Qt.MouseButton.LeftButton)
    (pin,) = signal.args
    assert isinstance(pin, bytearray) and pin == bytearray(b"123456")
    assert field(dialog).text() == ""
    assert not dialog.isVisible()


def test_enter_submits_and_escape_cancels(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    qtbot.keyClicks(field(dialog), "123456")
    with qtbot.waitSignal(dialog.pin_entered):
        qtbot.keyClick(field(dialog), Qt.Key.Key_Return)
    second = make(qtbot)
    qtbot.keyClicks(field(second), "99")
    with qtbot.waitSignal(second.cancelled):
        qtbot.keyClick(field(second), Qt.Key.Key_Escape)
    assert field(second).text() == ""


def test_tries_left_shown_before_typing(qtbot: QtBot) -> None:
    assert "Three wrong passcodes" in make(qtbot).tries.text()
    low = make(qtbot, count_low=True)
    assert "fewer tries" in low.tries.text()
    known = make(qtbot, tries_left=2, problem=msg("Journey", "That passcode was not accepted."))
    assert known.tries.text() == "You have 2 tries left."
    assert known.problem_frame.isVisible() and "not accepted" in known.problem.text()
    assert not known.final_frame.isVisible()


def test_final_try_warns_and_offers_to_stop(qtbot: QtBot) -> None:
    dialog = make(qtbot, final_try=True, tries_left=1)
    assert dialog.final_frame.isVisible()
    assert "last try" in dialog.final_text.text()
    assert "locked" in dialog.final_text.text()
    stop = btn(dialog, "pinStopButton")
    assert stop.isVisible()
    with qtbot.waitSignal(dialog.stop_requested):
        qtbot.mouseClick(stop, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_pin_pad_countdown_and_timeout(qtbot: QtBot) -> None:
    dialog = PinDialog(pin_request(pin_pad=True, pin_pad_timeout_s=2))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.pin_entered) as started:
        dialog.show()
    assert started.args == [None], "the reader asks for the PIN; nothing is typed here"
    assert not dialog.field.isVisible()
    assert dialog.countdown.text() == "2 seconds left"
    with qtbot.waitSignal(dialog.pad_timed_out, timeout=4000):
        pass
    assert dialog.countdown.text() == "0 seconds left"


def test_pin_pad_cancel(qtbot: QtBot) -> None:
    dialog = PinDialog(pin_request(pin_pad=True))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.pin_entered):
        dialog.show()
    assert "90 seconds left" in dialog.countdown.text()
    with qtbot.waitSignal(dialog.cancelled):
        qtbot.mouseClick(btn(dialog, "pinCancelButton"), Qt.MouseButton.LeftButton)
    assert not dialog.timer.isActive()


def test_pin_pad_final_try_waits_for_the_user(qtbot: QtBot) -> None:
    dialog = PinDialog(pin_request(pin_pad=True, final_try=True))
    qtbot.addWidget(dialog)
    with qtbot.assertNotEmitted(dialog.pin_entered, wait=200):
        dialog.show()
    assert not dialog.timer.isActive()
    with qtbot.waitSignal(dialog.pin_entered):
        qtbot.mouseClick(btn(dialog, "pinContinueButton"), Qt.MouseButton.LeftButton)
    assert dialog.timer.isActive()


def test_dismiss_clears_without_reporting_cancel(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    qtbot.keyClicks(field(dialog), "1234")
    with qtbot.assertNotEmitted(dialog.cancelled):
        dialog.dismiss()
    assert field(dialog).text() == "" and not dialog.isVisible()


def test_every_control_has_an_accessible_name(qtbot: QtBot) -> None:
    for dialog in (make(qtbot, final_try=True), make(qtbot, pin_pad=True)):
        for control in dialog.findChildren(QPushButton) + dialog.findChildren(QLineEdit):
            assert control.accessibleName(), control.objectName()


def test_the_pin_lives_in_the_buffer_not_in_the_fields_text(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    qtbot.keyClicks(field(dialog), "2468103")
    assert field(dialog).text() == "*******"  # Qt holds one placeholder per character
    qtbot.keyClick(field(dialog), Qt.Key.Key_Backspace)
    QGuiApplication.clipboard().setText("999999")
    qtbot.keyClick(field(dialog), Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert field(dialog).text() == "******"  # pasting is refused
    with qtbot.waitSignal(dialog.pin_entered) as signal:
        qtbot.keyClick(field(dialog), Qt.Key.Key_Return)
    assert signal.args == [bytearray(b"246810")]


def test_the_field_is_still_a_named_protected_edit_for_screen_readers(qtbot: QtBot) -> None:
    dialog = make(qtbot)
    access = QAccessible.queryAccessibleInterface(field(dialog))
    assert access is not None
    assert access.role() == QAccessible.Role.EditableText
    assert access.state().passwordEdit
    assert access.text(QAccessible.Text.Name) == "Passcode"
    assert access.text(QAccessible.Text.Description).endswith("6 to 8 characters")


def test_wrong_passcode_and_tries_left_are_in_the_fields_description(qtbot: QtBot) -> None:
    problem = msg("Journey", "That passcode was not accepted.")
    dialog = make(qtbot, problem=problem, tries_left=2)
    face = QAccessible.queryAccessibleInterface(field(dialog))
    assert face is not None
    description = face.text(QAccessible.Text.Description)
    assert description == "That passcode was not accepted. You have 2 tries left. 6 to 8 characters"
    assert dialog.announcement() == (
        "Enter your smartcard passcode That passcode was not accepted. You have 2 tries left.",
        True,
    )
    final = make(qtbot, final_try=True, tries_left=1)
    assert "This is your last try." in field(final).accessibleDescription()


class FlowRecorder:
    """A plain-Python receiver, like the journey the dialogs' answers go to."""

    def __init__(self) -> None:
        self.pins: list[bytes | None] = []
        self.cancels = 0

    def submit_pin(self, pin: bytearray | None) -> None:
        self.pins.append(bytes(pin) if pin is not None else None)

    def cancel_pin(self) -> None:
        self.cancels += 1

    def stop_for_unlock(self) -> None:
        raise AssertionError("not asked for")

    pin_pad_timed_out = stop_for_unlock


def _weakrefs() -> int:
    import gc
    import weakref

    gc.collect()
    return sum(1 for o in gc.get_objects() if type(o) is weakref.ReferenceType)


def test_many_prompts_leave_nothing_behind(qtbot: QtBot) -> None:
    """Each prompt is a new dialog; the answers reach the flow and no weakref stays."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from smartcard_linker.ui.pin_dialog import PinActions

    flow = FlowRecorder()
    actions = PinActions(flow)

    def prompt(answer: str | None) -> None:
        dialog = PinDialog(pin_request())
        actions.connect_dialog(dialog)
        dialog.show()
        if answer is None:
            btn(dialog, "pinCancelButton").click()
        else:
            qtbot.keyClicks(field(dialog), answer)
            btn(dialog, "pinContinueButton").click()
        dialog.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)

    prompt("123456")
    before = _weakrefs()
    for _ in range(20):
        prompt(None)
    assert _weakrefs() - before <= 2  # 80 with a connection straight to the flow
    prompt("654321")
    assert flow.pins == [b"123456", b"654321"] and flow.cancels == 20
