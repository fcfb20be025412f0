"""Done: linked, with the support reference and where to go next."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from smartcard_linker.config import Settings
from smartcard_linker.flow.actions import JourneyActions
from smartcard_linker.flow.state import JourneyState
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


class DonePage(Page):
    def __init__(self, actions: JourneyActions, settings: Settings, open_url: UrlOpener) -> None:
        super().__init__(actions, settings, open_url, "donePage")
        self.banner, inner = panel("success", "doneBanner")
        self.title = self.heading = label(role="h1", name="doneTitle")
        self.summary = label(role="lead", name="doneSummary")
        inner.addWidget(self.title)
        inner.addWidget(self.summary)
        self.reference_caption = label(role="label")
        self.reference = label(role="reference", name="referenceLabel")
        self.reference_hint = label(role="muted")
        self.kiosk_note = label(role="lead", name="kioskNote")
        self._kiosk = False
        self._seconds_left = settings.kiosk_done_timeout_s
        self.home_button = button("", "homeButton", "secondary")
        self.home_button.clicked.connect(lambda: open_url(settings.effective_link_home_url))
        self.portal_button = button("", "nhsmailPortalButton", "secondary")
        self.portal_button.clicked.connect(lambda: open_url(settings.nhsmail_portal_url))
        self.finish_button = button("", "finishButton", "primary")
        self.finish_button.clicked.connect(actions.finish)
        self.body.addWidget(self.banner)
        self.body.addWidget(self.reference_caption)
        self.body.addLayout(row(self.reference))
        self.body.addWidget(self.reference_hint)
        self.body.addWidget(self.kiosk_note)
        self.body.addStretch(1)
        # one per row: side by side they overflow the smallest window in Welsh and at 200 %
        self.body.addLayout(row(self.home_button))
        self.body.addLayout(row(self.portal_button))
        self.add_actions(self.finish_button)
        self.retranslate()

    def retranslate(self) -> None:
        set_button_text(self.home_button, self.tr("Go to Link My NHS Accounts home"))
        set_button_text(
            self.portal_button, self.tr("Go to {product} portal").format(product=self.product)
        )
        set_button_text(self.finish_button, self.tr("Finish"))
        set_text(
            self.reference_hint,
            self.tr("Keep this reference. Quote it if you contact support about this link."),
        )

    def show_state(self, state: JourneyState) -> None:
        link = state.link
        product = state.product_name
        set_text(self.title, self.tr("Your accounts are linked"))
        set_text(
            self.summary,
            self.tr("Your NHS Smartcard is now linked to your {product} account {email}.").format(
                product=product, email=link.account.email
            )
            if link
            else "",
        )
        set_text(self.reference_caption, self.tr("Support reference"))
        set_text(self.reference, link.reference if link else "")
        self._kiosk = state.kiosk
        self.show_seconds_left(self._seconds_left)
        # A kiosk opens no browser for the person: it would stay open on a shared station.
        self.home_button.setVisible(not state.kiosk and bool(self.settings.effective_link_home_url))
        self.portal_button.setVisible(not state.kiosk)

    def show_seconds_left(self, seconds: int) -> None:
        """Kiosk: the live countdown (the kiosk clocks call this every second)."""
        self._seconds_left = seconds
        set_text(
            self.kiosk_note,
            self.tr(
                "Take your smartcard out of the reader now. For your privacy this screen "
                "clears itself in {seconds} seconds."
            ).format(seconds=seconds)
            if self._kiosk
            else "",
        )

    def first_focus(self) -> QWidget | None:
        return self.finish_button
