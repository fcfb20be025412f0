"""Review: both identities side by side as the portal verified them; Confirm or Cancel."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from smartcard_linker.flow.format import format_date, group_uuid, host_of
from smartcard_linker.flow.journey import Journey
from smartcard_linker.flow.state import JourneyState
from smartcard_linker.ui.widgets import Page, UrlOpener, button, label, panel, row, set_text


class ReviewPage(Page):
    def __init__(self, journey: Journey, open_url: UrlOpener) -> None:
        super().__init__(journey, open_url, "reviewPage")
        self.title = label(role="h1", name="reviewTitle")
        self.intro = label(role="lead")
        self.mismatch_frame, mismatch_layout = panel("warning", "namesMismatch")
        self.mismatch = label(name="namesMismatchText")
        mismatch_layout.addWidget(self.mismatch)

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
        self.confirm_button = button(self.tr("Confirm and link"), "confirmButton", "primary")
        self.confirm_button.clicked.connect(journey.confirm)
        self.cancel_button = button(self.tr("Cancel"), "reviewCancelButton")
        self.cancel_button.clicked.connect(journey.cancel_review)
        self.body.addWidget(self.title)
        self.body.addWidget(self.intro)
        self.body.addWidget(self.mismatch_frame)
        self.body.addLayout(side)
        self.body.addWidget(self.portal_line)
        self.body.addStretch(1)
        self.body.addLayout(row(self.confirm_button, self.cancel_button))

    def show_state(self, state: JourneyState) -> None:
        request = state.link_request
        product = state.product_name
        set_text(self.title, self.tr("Check these details"))
        set_text(
            self.intro,
            self.tr("Linking connects these two accounts. Only confirm if both are yours."),
        )
        set_text(self.account_title, self.tr("{product} account").format(product=product))
        set_text(self.identity_title, self.tr("NHS Care Identity (smartcard)"))
        set_text(self.uuid_caption, self.tr("UUID"))
        fields: list[tuple[QLabel, str]] = []
        if request is not None:
            identity = request.identity
            fields = [
                (self.account_name, request.account.display_name),
                (self.account_email, request.account.email),
                (self.identity_name, identity.display_name),
                (self.uuid, group_uuid(identity.uuid)),
                (
                    self.expiry,
                    self.tr("Card certificate valid until {date}").format(
                        date=format_date(identity.certificate_not_after)
                    )
                    if identity.certificate_not_after
                    else "",
                ),
                (
                    self.portal_line,
                    self.tr("Checked by the Link My NHS Accounts portal at {host}.").format(
                        host=host_of(request.portal_origin)
                    ),
                ),
            ]
        else:
            fields = [
                (w, "")
                for w in (
                    self.account_name,
                    self.account_email,
                    self.identity_name,
                    self.uuid,
                    self.expiry,
                    self.portal_line,
                )
            ]
        for widget, text in fields:
            set_text(widget, text)
        self.uuid.setAccessibleName(
            self.tr("UUID {digits}").format(digits=request.identity.uuid) if request else ""
        )
        mismatch = request is not None and not request.names_match
        self.mismatch_frame.setVisible(mismatch)
        set_text(
            self.mismatch,
            self.tr(
                "The names do not match. Check both accounts belong to you before you "
                "confirm. If they do not, select Cancel."
            )
            if mismatch
            else "",
        )

    def first_focus(self) -> QWidget | None:
        return self.confirm_button
