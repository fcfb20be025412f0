"""A prerequisite fails (AUP, inactive account, already linked): say exactly what to do."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from smartcard_linker.config import Settings
from smartcard_linker.flow.actions import JourneyActions
from smartcard_linker.flow.state import JourneyState
from smartcard_linker.ui.pages.account import AccountSummary
from smartcard_linker.ui.translate import t
from smartcard_linker.ui.widgets import (
    Page,
    UrlOpener,
    button,
    label,
    panel,
    set_button_text,
    set_text,
)


class BlockedPage(Page):
    def __init__(self, actions: JourneyActions, settings: Settings, open_url: UrlOpener) -> None:
        super().__init__(actions, settings, open_url, "blockedPage")
        self.summary = AccountSummary(actions, "blocked")
        self.banner, inner = panel("warning", "blockerBanner")
        self.title = self.heading = label(role="h1", name="blockerTitle")
        self.message = label(role="lead", name="blockerMessage")
        self.action = label(name="blockerAction")
        inner.addWidget(self.title)
        inner.addWidget(self.message)
        inner.addWidget(self.action)
        self.link_button = button("", "blockerLinkButton", "primary")
        self.link_button.clicked.connect(self._open_link)
        self.recheck_button = button("", "blockerRecheckButton")
        self.recheck_button.clicked.connect(actions.recheck_account)
        self.finish_button = button("", "blockerFinishButton")
        self.finish_button.clicked.connect(actions.finish)
        self.body.addWidget(self.summary)
        self.body.addWidget(self.banner)
        self.body.addStretch(1)
        self.add_actions(self.link_button, self.recheck_button, self.finish_button)
        self._url = ""
        self.retranslate()

    def retranslate(self) -> None:
        self.summary.retranslate()
        set_button_text(self.recheck_button, self.tr("Check again"))
        set_button_text(self.finish_button, self.tr("Finish"))

    def _open_link(self) -> None:
        if self._url:
            self.open_url(self._url)

    def show_state(self, state: JourneyState) -> None:
        self.summary.show_state(state)
        blocker = state.blocker
        if blocker is None:
            for widget in (self.title, self.message, self.action):
                set_text(widget, "")
            self._url = ""
            return
        done = blocker.code == "already_linked"
        self.banner.setProperty("banner", "success" if done else "warning")
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        set_text(self.title, t(blocker.title))
        set_text(self.message, t(blocker.message))
        set_text(self.action, t(blocker.action))
        self._url = blocker.link_url or ""
        self.link_button.setVisible(bool(blocker.link_url))
        set_button_text(self.link_button, t(blocker.link_label))
        self.recheck_button.setVisible(not done)

    def alert(self) -> str:
        return " ".join(w.text() for w in (self.message, self.action) if w.text())

    def first_focus(self) -> QWidget | None:
        return self.link_button if self.link_button.isVisible() else self.finish_button
