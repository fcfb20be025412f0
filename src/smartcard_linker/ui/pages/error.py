"""Every error: what happened, what to do, Retry where safe, help and support details."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from smartcard_linker.config import Settings
from smartcard_linker.flow.actions import JourneyActions
from smartcard_linker.flow.state import JourneyState
from smartcard_linker.ui.clipboard import copy_text
from smartcard_linker.ui.diagnostics_actions import DiagnosticsActions
from smartcard_linker.ui.i18n import local_admin_text
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


class HelpPanel(QWidget):
    """Local Administrator first, then the Helpdesk (from the settings)."""

    def __init__(self, settings: Settings, open_url: UrlOpener, prefix: str) -> None:
        super().__init__()
        self._settings = settings
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        frame, inner = panel("card", f"{prefix}HelpPanel")
        self.title = label(role="h2")
        self.first = label(name=f"{prefix}LocalAdmin")
        self.second = label(name=f"{prefix}Helpdesk")
        self.helpdesk_button = button("", f"{prefix}HelpdeskButton", "link")
        self.helpdesk_button.clicked.connect(lambda: open_url(settings.helpdesk_url))
        self.helpdesk_button.setVisible(bool(settings.helpdesk_url))
        for widget in (self.title, self.first, self.second):
            inner.addWidget(widget)
        inner.addLayout(row(self.helpdesk_button))
        outer.addWidget(frame)
        self.retranslate()

    def retranslate(self) -> None:
        settings = self._settings
        phone = (
            self.tr(" or call {phone}").format(phone=settings.helpdesk_phone)
            if settings.helpdesk_phone
            else ""
        )
        set_text(self.title, self.tr("Help and support"))
        set_text(self.first, self.tr("1. {text}").format(text=local_admin_text(settings)))
        set_text(
            self.second,
            self.tr("2. If that does not solve it, contact the {product} Helpdesk{phone}.").format(
                product=settings.product_name, phone=phone
            ),
        )
        set_button_text(self.helpdesk_button, self.tr("Open the Helpdesk website"))


class ErrorPage(Page):
    def __init__(self, actions: JourneyActions, settings: Settings, open_url: UrlOpener) -> None:
        super().__init__(actions, settings, open_url, "errorPage")
        self.banner, inner = panel("error", "errorBanner")
        self.title = self.heading = label(role="h1", name="errorTitle")
        self.message = label(role="lead", name="errorMessage")
        inner.addWidget(self.title)
        inner.addWidget(self.message)
        self.action_caption = label(role="h2")
        self.action = label(role="lead", name="errorAction")
        self.retry_button = button("", "retryButton", "primary")
        self.retry_button.clicked.connect(actions.retry)
        self.link_button = button("", "errorLinkButton", "primary")
        self.link_button.clicked.connect(self._open_link)
        self.start_again_button = button("", "startAgainButton")
        self.start_again_button.clicked.connect(actions.start_again)
        self.help = HelpPanel(settings, open_url, "error")
        self.copy_button = button("", "copyDetailsButton", "link")
        self.copy_button.clicked.connect(self.copy_details)
        self.copied = label(role="muted", name="copiedNote")
        self.code_line = label(role="muted", name="errorCode")
        self.body.addWidget(self.banner)
        self.body.addWidget(self.action_caption)
        self.body.addWidget(self.action)
        self.body.addWidget(self.help)
        self.diagnostics = DiagnosticsActions(settings, "error", (self.copy_button,))
        self.body.addWidget(self.diagnostics)
        self.body.addWidget(self.copied)
        self.body.addWidget(self.code_line)
        self.body.addStretch(1)
        self.add_actions(self.retry_button, self.link_button, self.start_again_button)
        self._url = ""
        self._details = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.diagnostics.retranslate()
        self.help.retranslate()
        set_text(self.action_caption, self.tr("What to do"))
        set_button_text(self.retry_button, self.tr("Retry"))
        set_button_text(self.start_again_button, self.tr("Start again"))
        set_button_text(self.copy_button, self.tr("Copy details for support"))

    def _open_link(self) -> None:
        if self._url:
            self.open_url(self._url)

    def copy_details(self) -> None:
        copy_text(self._details)
        set_text(self.copied, self.tr("Copied. Paste it into your message to support."))

    def clear(self, blank: JourneyState) -> None:
        super().clear(blank)
        self.diagnostics.reset()

    def show_state(self, state: JourneyState) -> None:
        error = state.error
        set_text(self.copied, "")
        if error is None:
            self._details = ""
            for widget in (self.title, self.message, self.action, self.code_line):
                set_text(widget, "")
            self._url = ""
            return
        set_text(self.title, t(error.title))
        set_text(self.message, t(error.message))
        set_text(self.action, t(error.action))
        self.retry_button.setVisible(error.retry_allowed)
        set_button_text(self.retry_button, t(error.retry_label))
        self._url = error.link_url or ""
        self.link_button.setVisible(bool(error.link_url))
        set_button_text(self.link_button, t(error.link_label))
        set_text(
            self.code_line,
            self.tr("Details for support: {code}").format(code=error.code)
            + (f" ({error.detail})" if error.detail else "")
            + (
                self.tr(" · request id {rid}").format(rid=error.request_id)
                if error.request_id
                else ""
            ),
        )
        self._details = error.support_text()

    def alert(self) -> str:
        return " ".join(w.text() for w in (self.message, self.action) if w.text())

    def first_focus(self) -> QWidget | None:
        if self.retry_button.isVisible():
            return self.retry_button
        if self.link_button.isVisible():
            return self.link_button
        return self.start_again_button
