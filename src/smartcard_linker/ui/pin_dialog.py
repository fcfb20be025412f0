"""Our own modal PIN dialog: masked, rules from the token, tries left before typing,
a clear final-try warning with the choice to stop, and the PIN-pad countdown.

The PIN is typed into a ``PinField`` (a fixed, wipeable buffer, not Qt's text) and
leaves this dialog only as a ``bytearray`` handed to the flow (which passes it straight
to ``TokenSession.login``, where it is wiped); the field's buffer is wiped as it is read
and whenever the dialog closes. Nothing here retries: each attempt is the user's.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from smartcard_linker.flow.state import PinRequest
from smartcard_linker.ui.pin_field import PinField
from smartcard_linker.ui.translate import t
from smartcard_linker.ui.widgets import button, label, panel, row, scrolling

_WIDTH = 580

NHS_PASSCODE_MIN, NHS_PASSCODE_MAX = 6, 8  # NHS guidance for new passcodes


class PinFlow(Protocol):
    """What the dialog's answers go to (the journey)."""

    def submit_pin(self, pin: bytearray | None) -> None: ...
    def cancel_pin(self) -> None: ...
    def stop_for_unlock(self) -> None: ...
    def pin_pad_timed_out(self) -> None: ...


class PinActions(QObject):
    """The flow's PIN actions as Qt slots, made once per window and shared by every dialog.

    Why: PySide6 (6.11) keeps a weakref for each connection to a bound method of a plain
    Python object after the sender is deleted, so connecting each new dialog straight to
    the journey grew the app by four weakrefs per PIN prompt (the kiosk soak saw it).
    Connections to slots of a QObject leave nothing behind.
    """

    def __init__(self, flow: PinFlow, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._flow = flow

    @Slot(object)
    def submit(self, pin: bytearray | None) -> None:
        self._flow.submit_pin(pin)

    @Slot()
    def cancel(self) -> None:
        self._flow.cancel_pin()

    @Slot()
    def stop(self) -> None:
        self._flow.stop_for_unlock()

    @Slot()
    def pad_timed_out(self) -> None:
        self._flow.pin_pad_timed_out()

    def connect_dialog(self, dialog: PinDialog) -> None:
        dialog.pin_entered.connect(self.submit)
        dialog.cancelled.connect(self.cancel)
        dialog.stop_requested.connect(self.stop)
        dialog.pad_timed_out.connect(self.pad_timed_out)


class PinDialog(QDialog):
    pin_entered = Signal(object)  # bytearray, or None for the reader's PIN pad
    cancelled = Signal()
    stop_requested = Signal()  # final try: stop and unlock online instead
    pad_timed_out = Signal()

    def __init__(self, request: PinRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request = request
        self._finished = False
        self._pad_started = False
        self.remaining = request.pin_pad_timeout_s
        self.setObjectName("pinDialog")
        self.setModal(True)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        pad = request.pin_pad
        self.setWindowTitle(self.tr("Smartcard passcode"))
        self.setAccessibleName(self.tr("Enter your smartcard passcode"))

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.scroller, layout = scrolling("pinScroll")  # large text scrolls; buttons stay
        layout.setContentsMargins(28, 24, 28, 12)
        layout.setSpacing(12)
        outer.addWidget(self.scroller, 1)
        self.title = label(
            self.tr("Enter your passcode on the card reader")
            if pad
            else self.tr("Enter your smartcard passcode"),
            role="h1",
            name="pinTitle",
        )
        layout.addWidget(self.title)
        self._add_problem_and_tries(layout)
        self._add_final_try(layout)
        self._add_entry(layout)
        self.continue_button = button(
            self.tr("Use the keypad") if pad else self.tr("Continue"),
            "pinContinueButton",
            "primary",
        )
        self.continue_button.setDefault(True)
        self.continue_button.clicked.connect(self._continue)
        self.cancel_button = button(self.tr("Cancel"), "pinCancelButton")
        self.cancel_button.clicked.connect(self.reject)
        layout.addStretch(1)
        buttons = row(self.continue_button, self.cancel_button)
        buttons.setContentsMargins(28, 12, 28, 24)
        outer.addLayout(buttons)
        self.field.setAccessibleDescription(self._field_description())
        self._update_continue()
        self._show_remaining()
        self._fit(layout.totalHeightForWidth(_WIDTH) + buttons.totalSizeHint().height())
        if pad:
            # On the final try the user chooses first; otherwise the reader asks at once.
            self.continue_button.setVisible(request.final_try)
            if not request.final_try:
                QTimer.singleShot(0, self._start_pad)

    def _add_problem_and_tries(self, layout: QVBoxLayout) -> None:
        """Why we ask again (wrong PIN, wrong length), and the tries left before typing."""
        request = self.request
        self.problem_frame, problem_layout = panel("error", "pinProblem")
        self.problem = label(t(request.problem), name="pinProblemText")
        problem_layout.addWidget(self.problem)
        self.problem_frame.setVisible(request.problem is not None)
        layout.addWidget(self.problem_frame)
        self.tries = label(self._tries_text(), name="pinTriesLabel")
        self.tries.setAccessibleName(self.tries.text())
        layout.addWidget(self.tries)

    def _add_final_try(self, layout: QVBoxLayout) -> None:
        """The last try: a warning, and the choice to stop and unlock online instead."""
        self.final_frame, final_layout = panel("warning", "pinFinalTryWarning")
        self.final_text = label(
            self.tr(
                "This is your last try. If this passcode is wrong, your smartcard will be "
                "locked and you will need to get it unlocked before you can use it."
            ),
            role="lead",
            name="pinFinalTryText",
        )
        self.final_text.setAccessibleName(self.final_text.text())
        self.stop_button = button(
            self.tr("Stop and unlock my card online instead"), "pinStopButton", "danger"
        )
        self.stop_button.clicked.connect(self._stop)
        final_layout.addWidget(self.final_text)
        final_layout.addLayout(row(self.stop_button))
        self.final_frame.setVisible(self.request.final_try)
        layout.addWidget(self.final_frame)

    def _add_entry(self, layout: QVBoxLayout) -> None:
        """The masked field (keyboard) or the keypad prompt and countdown (PIN pad)."""
        request = self.request
        pad = request.pin_pad
        self.field = PinField(request.policy.max_length, self)
        self.field.setObjectName("pinField")
        self.field.setAccessibleName(self.tr("Passcode"))
        self.field.textChanged.connect(self._update_continue)
        self.rules = label(self._rules_text(), role="muted", name="pinRules")
        self.pad_text = label(
            self.tr(
                "Type your passcode on the card reader's keypad, then press OK (or Enter) on "
                "the reader."
            ),
            role="lead",
            name="pinPadText",
        )
        self.countdown = label(name="pinPadCountdown")
        self.countdown_bar = QProgressBar()
        self.countdown_bar.setObjectName("pinPadProgress")
        self.countdown_bar.setRange(0, max(1, request.pin_pad_timeout_s))
        self.countdown_bar.setTextVisible(False)
        self.countdown_bar.setAccessibleName(self.tr("Time left to enter your passcode"))
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        caption = label(self.tr("Passcode"), role="h2")
        caption.setBuddy(self.field)
        pad_widgets: tuple[QWidget, ...] = (self.pad_text, self.countdown, self.countdown_bar)
        key_widgets: tuple[QWidget, ...] = (caption, self.field, self.rules)
        for widget in pad_widgets:
            layout.addWidget(widget)
            widget.setVisible(pad)
        for widget in key_widgets:
            layout.addWidget(widget)
            widget.setVisible(not pad)
        if not pad:
            self.field.setFocus()

    # ---------------------------------------------------------------- text
    def _fit(self, height: int) -> None:
        """580 px wide and as tall as the words, but never bigger than the screen."""
        screen = self.screen().availableGeometry()
        self.resize(min(_WIDTH, screen.width()), min(height, screen.height() - 40))

    def announcement(self) -> tuple[str, bool]:
        """What a screen reader says as the dialog opens; urgent when a try went wrong."""
        urgent = self.request.problem is not None or self.request.final_try
        return " ".join([self.title.text(), *self._situation()]), urgent

    def _situation(self) -> list[str]:
        """Why we ask (again), the tries left and the last-try warning, in reading order."""
        words = [self.problem.text()] if self.request.problem is not None else []
        words.append(self.tries.text())
        if self.request.final_try:
            words.append(self.final_text.text())
        return words

    def _field_description(self) -> str:
        """The passcode field's accessible description: the situation, then the rules."""
        return " ".join([*self._situation(), self._rules_text()])

    def _tries_text(self) -> str:
        request = self.request
        if request.final_try:
            return self.tr("You have 1 try left.")
        if request.tries_left is not None:
            return self.tr("You have {tries} tries left.").format(tries=request.tries_left)
        if request.count_low:
            return self.tr("A wrong passcode was entered before: you have fewer tries left.")
        return self.tr("Three wrong passcodes in a row lock the card.")

    def _rules_text(self) -> str:
        policy = self.request.policy
        wider = (policy.min_length, policy.max_length) != (NHS_PASSCODE_MIN, NHS_PASSCODE_MAX)
        if wider and policy.min_length <= NHS_PASSCODE_MIN <= NHS_PASSCODE_MAX <= policy.max_length:
            # The card allows more (OpenSC says 4 to 8 for every PIV card): NHS guidance
            # as help; the card's own rules still decide.
            return self.tr("NHS Smartcard passcodes have {min} to {max} characters.").format(
                min=NHS_PASSCODE_MIN, max=NHS_PASSCODE_MAX
            )
        if policy.min_length == policy.max_length:
            return self.tr("{n} characters").format(n=policy.min_length)
        return self.tr("{min} to {max} characters").format(
            min=policy.min_length, max=policy.max_length
        )

    # ---------------------------------------------------------------- keyboard PIN
    def _update_continue(self) -> None:
        if self.request.pin_pad:
            self.continue_button.setEnabled(not self._pad_started)
            return
        policy = self.request.policy
        length = self.field.pin_length()
        self.continue_button.setEnabled(policy.min_length <= length <= policy.max_length)

    def _continue(self) -> None:
        if self.request.pin_pad:
            self._start_pad()
            return
        if not self.continue_button.isEnabled():
            return
        pin = self.field.take_pin()
        self._finished = True
        self.accept()
        self.pin_entered.emit(pin)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.request.pin_pad:
            self._continue()
            return
        super().keyPressEvent(event)

    # ---------------------------------------------------------------- PIN pad
    def _start_pad(self) -> None:
        if self._pad_started or self._finished:
            return
        self._pad_started = True
        self.continue_button.hide()
        self.stop_button.setEnabled(False)
        self._update_continue()
        self.timer.start()
        self.cancel_button.setFocus()
        self.pin_entered.emit(None)

    def _show_remaining(self) -> None:
        text = self.tr("{seconds} seconds left").format(seconds=self.remaining)
        self.countdown.setText(text)
        self.countdown.setAccessibleName(text)
        self.countdown_bar.setValue(self.remaining)

    def _tick(self) -> None:
        self.remaining = max(0, self.remaining - 1)
        self._show_remaining()
        if self.remaining == 0:
            self.timer.stop()
            self._finished = True
            self.hide()
            self.pad_timed_out.emit()

    # ---------------------------------------------------------------- endings
    def _stop(self) -> None:
        self.field.clear()
        self._finished = True
        self.timer.stop()
        self.reject_quietly()
        self.stop_requested.emit()

    def reject(self) -> None:
        """Cancel, Escape or the window's close button: the user stops this attempt."""
        self.field.clear()
        self.timer.stop()
        already = self._finished
        self._finished = True
        super().reject()
        if not already:
            self.cancelled.emit()

    def reject_quietly(self) -> None:
        super().reject()

    def dismiss(self) -> None:
        """The flow moved on (card removed, reset): close without reporting a cancel."""
        self.field.clear()
        self.timer.stop()
        self._finished = True
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.field.clear()
        super().closeEvent(event)
