"""Every wait: progress, what is happening, and Cancel where it can be cancelled."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar, QWidget

from smartcard_linker.flow.journey import Journey
from smartcard_linker.flow.state import JourneyState, Step
from smartcard_linker.ui.text import t
from smartcard_linker.ui.widgets import Page, UrlOpener, button, label, panel, row, set_text


class BusyPage(Page):
    def __init__(self, journey: Journey, open_url: UrlOpener) -> None:
        super().__init__(journey, open_url, "busyPage")
        self.title = label(role="h1", name="busyTitle")
        self.message = label(role="lead", name="busyMessage")
        self.progress = QProgressBar()
        self.progress.setObjectName("busyProgress")
        self.progress.setRange(0, 0)  # indeterminate
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(self.tr("Working"))
        self.hint_frame, hint_layout = panel("info", "signInHint")
        self.hint = label(name="signInHintText")
        hint_layout.addWidget(self.hint)
        self.cancel_button = button(self.tr("Cancel"), "cancelButton")
        self.cancel_button.clicked.connect(journey.cancel)
        self.body.addSpacing(20)
        self.body.addWidget(self.title)
        self.body.addWidget(self.progress)
        self.body.addWidget(self.message)
        self.body.addWidget(self.hint_frame)
        self.body.addStretch(1)
        self.body.addLayout(row(self.cancel_button))

    def show_state(self, state: JourneyState) -> None:
        signing_in = state.step is Step.SIGNING_IN
        set_text(
            self.title,
            self.tr("Sign in to {product}").format(product=state.product_name)
            if signing_in
            else self.tr("Please wait"),
        )
        set_text(self.message, t(state.busy.message) if state.busy else "")
        self.progress.setAccessibleDescription(self.message.text())
        self.hint_frame.setVisible(signing_in)
        if signing_in:
            set_text(
                self.hint,
                self.tr(
                    "Your web browser has opened the {product} sign-in page. Sign in with your "
                    "{product} email address and password, and approve any extra check (MFA). "
                    "Then come back to this window."
                ).format(product=state.product_name),
            )
        self.cancel_button.setVisible(bool(state.busy and state.busy.cancellable))

    def first_focus(self) -> QWidget | None:
        return self.cancel_button if self.cancel_button.isVisible() else None
