"""The card that was read: its kind, the certificate's expiry, a choice when several."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QRadioButton, QWidget

from link_protocol import group_uuid
from smartcard_linker.config import Settings
from smartcard_linker.flow.actions import JourneyActions
from smartcard_linker.flow.state import JourneyState
from smartcard_linker.ui.i18n import card_kind_label, format_date
from smartcard_linker.ui.translate import t
from smartcard_linker.ui.widgets import (
    Holder,
    Page,
    UrlOpener,
    button,
    label,
    panel,
    set_button_text,
    set_text,
)


class CardPage(Page):
    def __init__(self, actions: JourneyActions, settings: Settings, open_url: UrlOpener) -> None:
        super().__init__(actions, settings, open_url, "cardPage")
        self.title = self.heading = label(role="h1", name="cardTitle")
        self.details, inner = panel("card", "cardDetails")
        self.kind = label(role="h2", name="cardKind")
        self.identity_caption = label(role="label")
        self.identity = label(role="value", name="cardIdentity")
        self.serial_caption = label(role="label")
        self.serial = label(role="value", name="cardSerial")
        self.expiry = label(name="cardExpiry")
        for widget in (
            self.kind,
            self.identity_caption,
            self.identity,
            self.serial_caption,
            self.serial,
            self.expiry,
        ):
            inner.addWidget(widget)
        self.choice_title = label(role="h2")
        self.choice_holder = Holder()
        self.options: list[QRadioButton] = []
        self.warning_frame, warning_layout = panel("warning", "certificateWarning")
        self.warning = label(name="certificateWarningText")
        warning_layout.addWidget(self.warning)
        self.stop_frame, stop_layout = panel("error", "cardStop")
        self.stop_message = label(role="lead", name="cardStopMessage")
        self.stop_action = label(name="cardStopAction")
        stop_layout.addWidget(self.stop_message)
        stop_layout.addWidget(self.stop_action)
        self.continue_button = button("", "cardContinueButton", "primary")
        self.continue_button.clicked.connect(actions.continue_to_pin)
        self.stop_link_button = button("", "cardStopLinkButton", "primary")
        self.stop_link_button.clicked.connect(self._open_stop_link)
        self._stop_url = ""
        self.back_button = button("", "cardBackButton")
        self.back_button.clicked.connect(actions.back_to_account)
        self.body.addWidget(self.title)
        self.body.addWidget(self.stop_frame)
        self.body.addWidget(self.details)
        self.body.addWidget(self.choice_title)
        self.body.addWidget(self.choice_holder)
        self.body.addWidget(self.warning_frame)
        self.body.addStretch(1)
        self.add_actions(self.continue_button, self.stop_link_button, self.back_button)
        self._certs: tuple[object, ...] = ()
        self.retranslate()

    def retranslate(self) -> None:
        set_button_text(self.continue_button, self.tr("Continue"))
        set_button_text(self.back_button, self.tr("Back"))
        self._certs = ()  # the choices are rebuilt in the new language on the next render

    def _open_stop_link(self) -> None:
        if self._stop_url:
            self.open_url(self._stop_url)

    def show_state(self, state: JourneyState) -> None:
        stop = state.card_stop
        set_text(
            self.title,
            self.tr("Your smartcard cannot be linked yet") if stop else self.tr("Your smartcard"),
        )
        self.stop_frame.setVisible(stop is not None)
        set_text(self.stop_message, t(stop.message) if stop else "")
        set_text(self.stop_action, t(stop.action) if stop else "")
        self._stop_url = (stop.link_url or "") if stop else ""
        self.stop_link_button.setVisible(bool(self._stop_url))
        set_button_text(self.stop_link_button, t(stop.link_label) if stop else "")
        self.continue_button.setVisible(stop is None)  # nothing to continue to
        cert = state.selected
        set_text(
            self.kind,
            card_kind_label(state.card_kind) if state.card_kind else self.tr("Smartcard"),
        )
        set_text(self.identity_caption, self.tr("Care Identity number (UUID)"))
        set_text(self.identity, group_uuid(cert.uuid) if cert else "")
        # The number and the serial let a person see that the card is theirs (NHS
        # certificates carry no name).
        set_text(self.serial_caption, self.tr("Card serial number") if state.card_serial else "")
        set_text(self.serial, state.card_serial or "")
        self.serial_caption.setVisible(bool(state.card_serial))
        self.serial.setVisible(bool(state.card_serial))
        expired = cert is not None and cert.expired()
        set_text(
            self.expiry,
            ""
            if cert is None
            else self.tr("Certificate expired on {date}").format(date=format_date(cert.not_after))
            if expired
            else self.tr("Certificate valid until {date}").format(date=format_date(cert.not_after)),
        )
        self._show_choice(state)
        set_text(
            self.choice_title,
            self.tr("Choose the certificate to use") if len(state.certificates) > 1 else "",
        )
        for i, option_button in enumerate(self.options):
            option_button.blockSignals(True)
            option_button.setChecked(i == state.selected_certificate)
            option_button.blockSignals(False)
        self.warning_frame.setVisible(state.certificate_warning is not None)
        set_text(self.warning, t(state.certificate_warning))

    def _show_choice(self, state: JourneyState) -> None:
        """One radio button per certificate, built again only when the certificates change."""
        if state.certificates == self._certs:
            return
        self._certs = state.certificates
        inner, layout = self.choice_holder.fresh()
        group = QButtonGroup(inner)
        self.options = []
        if len(state.certificates) > 1:
            for i, option in enumerate(state.certificates):
                text = self.tr("{uuid} — valid until {date}").format(
                    uuid=group_uuid(option.uuid), date=format_date(option.not_after)
                )
                radio = QRadioButton(text)
                radio.setObjectName(f"certificateOption_{i}")
                radio.setAccessibleName(self.tr("Certificate {text}").format(text=text))
                radio.toggled.connect(
                    lambda on, n=i: self.flow.select_certificate(n) if on else None
                )
                group.addButton(radio, i)
                self.options.append(radio)
                layout.addWidget(radio)

    def alert(self) -> str:
        if self.stop_frame.isVisibleTo(self):
            return f"{self.stop_message.text()} {self.stop_action.text()}"
        return self.warning.text() if self.warning_frame.isVisibleTo(self) else ""

    def first_focus(self) -> QWidget | None:
        if self.continue_button.isVisibleTo(self):
            return self.continue_button
        if self.stop_link_button.isVisibleTo(self):
            return self.stop_link_button
        return self.back_button
