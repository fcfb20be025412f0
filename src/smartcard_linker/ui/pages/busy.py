"""Every wait: progress, what is happening, and Cancel where it can be cancelled.

When no web browser opened for the sign-in, the sign-in address is shown to copy
into a browser by hand, and the wait goes on (the sign-in finishes from there)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QProgressBar, QWidget

from smartcard_linker.config import Settings
from smartcard_linker.flow.actions import JourneyActions
from smartcard_linker.flow.state import JourneyState, Step
from smartcard_linker.ui.clipboard import copy_text
from smartcard_linker.ui.translate import t
from smartcard_linker.ui.widgets import (
    Page,
    UrlOpener,
    button,
    label,
    panel,
    row,
    set_button_text,
    set_text,
)


class BusyPage(Page):
    def __init__(self, actions: JourneyActions, settings: Settings, open_url: UrlOpener) -> None:
        super().__init__(actions, settings, open_url, "busyPage")
        self.title = self.heading = label(role="h1", name="busyTitle")
        self.message = label(role="lead", name="busyMessage")
        self.progress = QProgressBar()
        self.progress.setObjectName("busyProgress")
        self.progress.setRange(0, 0)  # indeterminate
        self.progress.setTextVisible(False)
        self.hint_frame, hint_layout = panel("info", "signInHint")
        self.hint = label(name="signInHintText")
        hint_layout.addWidget(self.hint)
        self.url_field = QLineEdit()
        self.url_field.setObjectName("signInUrlField")
        self.url_field.setReadOnly(True)
        self.copy_url_button = button("", "copySignInUrlButton", "primary")
        self.copy_url_button.clicked.connect(self.copy_url)
        self.copied = label(role="muted", name="signInUrlCopied")
        self.copied.setVisible(False)
        self.url_row = QWidget()
        url_layout = row(self.url_field, self.copy_url_button, stretch_end=False)
        url_layout.setContentsMargins(0, 0, 0, 0)
        url_layout.setStretch(0, 1)
        self.url_row.setLayout(url_layout)
        hint_layout.addWidget(self.url_row)
        hint_layout.addWidget(self.copied)
        self.cancel_button = button("", "cancelButton")
        self.cancel_button.clicked.connect(actions.cancel)
        self.body.addSpacing(20)
        self.body.addWidget(self.title)
        self.body.addWidget(self.progress)
        self.body.addWidget(self.message)
        self.body.addWidget(self.hint_frame)
        self.body.addStretch(1)
        self.add_actions(self.cancel_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.progress.setAccessibleName(self.tr("Working"))
        self.url_field.setAccessibleName(self.tr("Sign-in address"))
        set_button_text(self.copy_url_button, self.tr("Copy address"))
        set_button_text(self.cancel_button, self.tr("Cancel"))

    def copy_url(self) -> None:
        copy_text(self.url_field.text())
        set_text(self.copied, self.tr("Copied. Paste it into a web browser's address bar."))

    def show_state(self, state: JourneyState) -> None:
        signing_in = state.step is Step.SIGNING_IN
        url = state.sign_in_url if signing_in else None
        set_text(
            self.title,
            self.tr("Sign in to {product}").format(product=state.product_name)
            if signing_in
            else self.tr("Please wait"),
        )
        set_text(self.message, t(state.busy.message) if state.busy else "")
        self.progress.setAccessibleDescription(self.message.text())
        self.hint_frame.setVisible(signing_in)
        self.url_row.setVisible(url is not None)
        if self.url_field.text() != (url or ""):
            self.url_field.setText(url or "")
            self.url_field.setCursorPosition(0)
            set_text(self.copied, "")
        if url is not None:
            set_text(
                self.hint,
                self.tr(
                    "Your web browser did not open. Copy this address into a web browser on this "
                    "computer, sign in there with your {product} email address and password, "
                    "then come back to this window."
                ).format(product=state.product_name),
            )
        elif signing_in:
            set_text(
                self.hint,
                self.tr(
                    "Your web browser has opened the {product} sign-in page. Sign in with your "
                    "{product} email address and password, and approve any extra check (MFA). "
                    "Then come back to this window."
                ).format(product=state.product_name),
            )
        self.cancel_button.setVisible(bool(state.busy and state.busy.cancellable))

    def alert(self) -> str:
        """The browser did not open: say so, with what to do instead."""
        return self.hint.text() if self.url_row.isVisibleTo(self) else ""

    def first_focus(self) -> QWidget | None:
        if self.url_row.isVisible():
            return self.copy_url_button
        return self.cancel_button if self.cancel_button.isVisible() else None
