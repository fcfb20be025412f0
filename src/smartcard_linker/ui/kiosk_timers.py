"""Kiosk mode's clocks: the idle reset (with a visible warning first) and the done page's
live countdown. They only tell the flow that time passed; the flow decides what a reset is.

- Idle: any key, click, wheel or touch restarts the idle timer. It does not run on an
  empty start page (nothing to clear) nor while the sign-in is open in the browser (the
  sign-in has its own timeout); while the PIN dialog is open it waits at least the
  dialog's own timeout. When it fires, "Are you still there?" counts down
  ``WARNING_S`` seconds with "I'm still here"; only then is the journey reset.
- Done: the done page's "clears itself in N seconds" counts down each second and the
  journey is told when it reaches zero.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QApplication, QDialog, QVBoxLayout, QWidget

from smartcard_linker.config import Settings
from smartcard_linker.flow.state import JourneyState, Step
from smartcard_linker.ui.widgets import button, label, row

WARNING_S = 30  # the visible countdown before any idle reset
_ACTIVITY = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.KeyPress,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


class KioskFlow(Protocol):
    def idle_timeout(self) -> None: ...
    def done_timeout(self) -> None: ...


class IdleWarning(QDialog):
    """ "Are you still there?" with the seconds left and "I'm still here"."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("kioskIdleWarning")
        self.setModal(True)
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setWindowTitle(self.tr("Are you still there?"))
        self.setFixedWidth(520)  # a fixed width lets wrapped text get its full height
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(12)
        self.title = label(self.tr("Are you still there?"), role="h1", name="idleWarningTitle")
        self.seconds = label(role="lead", name="idleWarningSeconds")
        self.still_here = button(self.tr("I'm still here"), "stillHereButton", "primary")
        self.still_here.setDefault(True)
        layout.addWidget(self.title)
        layout.addWidget(self.seconds)
        layout.addLayout(row(self.still_here))
        self.show_seconds(WARNING_S)
        self.setMinimumHeight(layout.totalHeightForWidth(520))

    def show_seconds(self, seconds: int) -> None:
        text = self.tr("For your privacy this screen clears itself in {seconds} seconds.").format(
            seconds=seconds
        )
        self.seconds.setText(text)
        self.seconds.setAccessibleName(text)

    def reject(self) -> None:
        """Escape means the same as "I'm still here": someone pressed it."""
        self.still_here.click()


class KioskTimers(QObject):
    """The idle timer, its warning, and the done countdown for one window."""

    def __init__(
        self,
        flow: KioskFlow,
        settings: Settings,
        window: QWidget,
        on_done_tick: Callable[[int], None] = lambda _seconds: None,
    ) -> None:
        super().__init__(window)
        self.setObjectName("kioskTimers")
        self._flow = flow
        self._settings = settings
        self._on_done_tick = on_done_tick
        self.warning_s = WARNING_S
        self.idle_timer = QTimer(self)
        self.idle_timer.setObjectName("kioskIdleTimer")
        self.idle_timer.setSingleShot(True)
        self.idle_timer.timeout.connect(self._idle)
        self.tick = QTimer(self)  # one second: the warning's and the done page's countdowns
        self.tick.setObjectName("kioskCountdownTick")
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._tick)
        self.warning = IdleWarning(window)
        self.warning.still_here.clicked.connect(self.still_here)
        self.warning_left = 0
        self.done_left = 0
        self._step: Step | None = None
        self._idle_applies = False
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    # ---------------------------------------------------------------- the journey's state
    def show_state(self, state: JourneyState) -> None:
        step_changed = state.step is not self._step
        self._step = state.step
        self._idle_applies = self._idle_counts(state)
        if state.step is Step.DONE:
            if step_changed:
                self.done_left = self._settings.kiosk_done_timeout_s
                self._on_done_tick(self.done_left)
                self.tick.start()
        else:
            self.done_left = 0
        if not self._idle_applies:
            self.idle_timer.stop()
            self._hide_warning()
        elif step_changed and not self.warning.isVisible():
            self._restart_idle()
        if not self.warning.isVisible() and self.done_left == 0:
            self.tick.stop()

    @staticmethod
    def _idle_counts(state: JourneyState) -> bool:
        if state.step is Step.START and state.account is None:
            return False  # an empty start page: nothing of anyone to clear
        # The sign-in and the done page keep their own time.
        return state.step not in (Step.SIGNING_IN, Step.DONE, Step.CLOSED)

    def _interval_s(self) -> int:
        idle = self._settings.kiosk_idle_timeout_s
        if self._step is Step.PIN:  # the open PIN dialog counts until its own timeout
            return max(idle, self._settings.pin_pad_timeout_s)
        return idle

    def _restart_idle(self) -> None:
        self.idle_timer.start(self._interval_s() * 1000)

    # ---------------------------------------------------------------- activity
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            event.type() in _ACTIVITY
            and self._idle_applies
            and not self.warning.isVisible()
            and self.idle_timer.isActive()
        ):
            self._restart_idle()
        return False

    # ---------------------------------------------------------------- the countdowns
    @Slot()
    def _idle(self) -> None:
        if not self._idle_applies:
            return
        self.warning_left = self.warning_s
        self.warning.show_seconds(self.warning_left)
        self.warning.open()
        self.tick.start()

    @Slot()
    def still_here(self) -> None:
        self._hide_warning()
        if self._idle_applies:
            self._restart_idle()

    def _hide_warning(self) -> None:
        self.warning_left = 0
        if self.warning.isVisible():
            self.warning.hide()

    @Slot()
    def _tick(self) -> None:
        if self.warning.isVisible():
            self.warning_left = max(0, self.warning_left - 1)
            self.warning.show_seconds(self.warning_left)
            if self.warning_left == 0:
                self._hide_warning()
                self._flow.idle_timeout()  # a reset comes back through show_state
                if self._idle_applies:  # the flow let it be (e.g. a link being confirmed)
                    self._restart_idle()
        if self.done_left > 0:
            self.done_left -= 1
            self._on_done_tick(self.done_left)
            if self.done_left == 0:
                self._flow.done_timeout()
        if not self.warning.isVisible() and self.done_left == 0:
            self.tick.stop()

    def stop(self) -> None:
        """On quit: no timer fires again."""
        self.idle_timer.stop()
        self.tick.stop()
        self._hide_warning()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
