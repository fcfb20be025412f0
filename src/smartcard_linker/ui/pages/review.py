"""Review: both identities side by side as the portal verified them; Confirm or Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QWidget

from link_protocol import group_uuid
from link_protocol.models import LinkRequestView
from smartcard_linker.config import Settings
from smartcard_linker.flow.actions import JourneyActions
from smartcard_linker.flow.format import host_of
from smartcard_linker.flow.state import JourneyState
from smartcard_linker.ui.i18n import format_date
from smartcard_linker.ui.widgets import (
    Page,
    UrlOpener,
    button,
    label,
    panel,
    set_button_text,
    set_text,
)


class ReviewPage(Page):
    def __init__(self, actions: JourneyActions, settings: Settings, open_url: UrlOpener) -> None:
        super().__init__(actions, settings, open_url, "reviewPage")
        self.title = self.heading = label(role="h1", name="reviewTitle")
        self.intro = label(role="lead")
        self.mismatch_frame, mismatch_layout = panel("warning", "namesMismatch")
        self.mismatch = label(name="namesMismatchText")
        mismatch_layout.addWidget(self.mismatch)
        self.both_mine = QCheckBox()
        self.both_mine.setObjectName("namesDifferConfirm")
        self.both_mine.toggled.connect(self._second_confirmation)
        mismatch_layout.addWidget(self.both_mine)
        self._confirmed_for: str | None = None

        side = QHBoxLayout()
        side.setSpacing(16)
        account_frame, account = panel("card", "reviewAccount")
        self.account_title = label(role="h2")
        self.account_name = label(role="value", name="reviewAccountName")
        self.account_email = label(name="reviewAccountEmail")
        for widget in (self.account_title, self.account_name, self.account_email):
            account.addWidget(widget)
        account.addStretch(1)
        identity_frame, identity = panel("card", "reviewIdentity")
        self.identity_title = label(role="h2")
        self.identity_name = label(role="value", name="reviewIdentityName")
        self.uuid_caption = label(role="label")
        self.uuid = label(role="value", name="reviewIdentityUuid")
        self.expiry = label(name="reviewCertificateExpiry")
        for widget in (
            self.identity_title,
            self.identity_name,
            self.uuid_caption,
            self.uuid,
            self.expiry,
        ):
            identity.addWidget(widget)
        identity.addStretch(1)
        side.addWidget(account_frame, 1)
        side.addWidget(identity_frame, 1)

        self.portal_line = label(role="muted", name="reviewPortalHost")
        self.confirm_button = button("", "confirmButton", "primary")
        self.confirm_button.clicked.connect(actions.confirm)
        self.cancel_button = button("", "reviewCancelButton")
        self.cancel_button.clicked.connect(actions.cancel_review)
        self.body.addWidget(self.title)
        self.body.addWidget(self.intro)
        self.body.addWidget(self.mismatch_frame)
        self.body.addLayout(side)
        self.body.addWidget(self.portal_line)
        self.body.addStretch(1)
        self.add_actions(self.confirm_button, self.cancel_button)
        self.retranslate()

    def retranslate(self) -> None:
        set_button_text(self.confirm_button, self.tr("Confirm and link"))
        self.both_mine.setText(self.tr("Both accounts are mine"))
        self.both_mine.setAccessibleName(self.both_mine.text())
        set_button_text(self.cancel_button, self.tr("Cancel"))
        set_text(self.title, self.tr("Check these details"))
        set_text(
            self.intro,
            self.tr("Linking connects these two accounts. Only confirm if both are yours."),
        )
        set_text(self.account_title, self.tr("{product} account").format(product=self.product))
        set_text(self.identity_title, self.tr("NHS Care Identity (smartcard)"))
        set_text(self.uuid_caption, self.tr("Care Identity number (UUID)"))

    def _details(self, request: LinkRequestView | None) -> list[tuple[QLabel, str]]:
        """Each detail label with its text (all empty when there is nothing to review)."""
        widgets = (
            self.account_name,
            self.account_email,
            self.identity_name,
            self.uuid,
            self.expiry,
            self.portal_line,
        )
        if request is None:
            return [(widget, "") for widget in widgets]
        identity = request.identity
        expiry = (
            self.tr("Card certificate valid until {date}").format(
                date=format_date(identity.certificate_not_after)
            )
            if identity.certificate_not_after
            else ""
        )
        portal = self.tr("Checked by the Link My NHS Accounts portal at {host}.").format(
            host=host_of(request.portal_origin)
        )
        texts = (
            request.account.display_name,
            request.account.email,
            identity.display_name,
            group_uuid(identity.uuid),
            expiry,
            portal,
        )
        return list(zip(widgets, texts, strict=True))

    def show_state(self, state: JourneyState) -> None:
        request = state.link_request
        for widget, text in self._details(request):
            set_text(widget, text)
        self.uuid.setAccessibleName(
            self.tr("Care Identity number {digits}").format(digits=request.identity.uuid)
            if request
            else ""
        )
        mismatch = request is not None and not request.names_match
        self.mismatch_frame.setVisible(mismatch)
        set_text(
            self.mismatch,
            self.tr(
                "The names are different. Your {product} account is in the name {account}; "
                "your smartcard is in the name {card}. Only link them if both are yours. If "
                "they are not, select Cancel."
            ).format(
                product=self.product,
                account=request.account.display_name,
                card=request.identity.display_name,
            )
            if mismatch and request is not None
            else "",
        )
        key = request.link_request_id if mismatch and request is not None else None
        if key != self._confirmed_for:  # a new request asks again
            self._confirmed_for = key
            self.both_mine.setChecked(False)
        self.confirm_button.setEnabled(not mismatch or self.both_mine.isChecked())

    def alert(self) -> str:
        return self.mismatch.text() if self.mismatch_frame.isVisibleTo(self) else ""

    def _second_confirmation(self, checked: bool) -> None:
        """Names differ: Confirm waits until the person says both accounts are theirs."""
        self.confirm_button.setEnabled(checked or not self.mismatch_frame.isVisibleTo(self))

    def first_focus(self) -> QWidget | None:
        if self.mismatch_frame.isVisibleTo(self):
            return self.both_mine
        return self.confirm_button
