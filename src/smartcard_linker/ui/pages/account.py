"""Signed in: the account as the portal knows it, "Not you?", and the account to link."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QRadioButton, QVBoxLayout, QWidget

from smartcard_linker.config import Settings
from smartcard_linker.flow.actions import JourneyActions
from smartcard_linker.flow.state import JourneyState
from smartcard_linker.ui.translate import t
from smartcard_linker.ui.widgets import (
    Holder,
    Page,
    UrlOpener,
    button,
    label,
    panel,
    row,
    set_button_text,
    set_text,
)


class AccountSummary(QWidget):
    """ "Signed in as …" with "Not you?" (shared by the account and blocked pages)."""

    def __init__(self, actions: JourneyActions, prefix: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        frame, inner = panel("card", f"{prefix}AccountCard")
        self.caption = label(role="label")
        self.name = label(role="value", name=f"{prefix}AccountName")
        self.email = label(name=f"{prefix}AccountEmail")
        self.not_you = button("", "notYouButton", "link")
        self.not_you.setObjectName(f"{prefix}NotYouButton")
        self.not_you.clicked.connect(actions.not_you)
        self.retranslate()
        inner.addWidget(self.caption)
        inner.addWidget(self.name)
        inner.addWidget(self.email)
        inner.addLayout(row(self.not_you))
        layout.addWidget(frame)

    def retranslate(self) -> None:
        set_button_text(self.not_you, self.tr("Not you? Sign in as someone else"))

    def show_state(self, state: JourneyState) -> None:
        account = state.account
        set_text(
            self.caption,
            self.tr("Signed in to {product} as").format(product=state.product_name),
        )
        set_text(self.name, account.display_name if account else "")
        set_text(self.email, account.email if account else "")


class AccountPage(Page):
    def __init__(self, actions: JourneyActions, settings: Settings, open_url: UrlOpener) -> None:
        super().__init__(actions, settings, open_url, "accountPage")
        self.summary = AccountSummary(actions, "account")
        self.title = self.heading = label(role="h1", name="accountTitle")
        self.intro = label(role="lead")
        self.kinds_holder = Holder()
        self.kinds: list[QRadioButton] = []
        self.kind_keys: list[str] = []
        self.continue_button = button("", "accountContinueButton", "primary")
        self.continue_button.clicked.connect(actions.continue_to_card)
        self.body.addWidget(self.summary)
        self.body.addWidget(self.title)
        self.body.addWidget(self.intro)
        self.body.addWidget(self.kinds_holder)
        self.body.addStretch(1)
        self.add_actions(self.continue_button)
        self.retranslate()

    def retranslate(self) -> None:
        self.summary.retranslate()
        set_button_text(self.continue_button, self.tr("Continue"))
        self.kind_keys = []  # the choices are rebuilt in the new language on the next render

    def show_state(self, state: JourneyState) -> None:
        self.summary.show_state(state)
        choice = len(state.account_kinds) > 1
        set_text(
            self.title,
            self.tr("Choose the account to link") if choice else self.tr("The account to link"),
        )
        set_text(
            self.intro,
            self.tr("Which account do you want to link to {product}?").format(
                product=state.product_name
            )
            if choice
            else self.tr("This is the account you can link to {product}:").format(
                product=state.product_name
            ),
        )
        keys = [k.key for k in state.account_kinds]
        if keys != self.kind_keys:
            inner, layout = self.kinds_holder.fresh()
            group = QButtonGroup(inner)
            self.kinds = []
            for kind in state.account_kinds[:1] if not choice else ():
                only = label(t(kind.label), role="value", name=f"kind_{kind.key}")
                layout.addWidget(only)  # one kind: nothing to choose, so no radio to click
                layout.addWidget(label(t(kind.description), role="muted"))
            for i, kind in enumerate(state.account_kinds if choice else ()):
                radio = QRadioButton(t(kind.label))
                radio.setObjectName(f"kind_{kind.key}")
                radio.setAccessibleName(t(kind.label))
                radio.setAccessibleDescription(t(kind.description))
                radio.toggled.connect(
                    lambda on, key=kind.key: self.flow.choose_kind(key) if on else None
                )
                group.addButton(radio, i)
                self.kinds.append(radio)
                description = label(t(kind.description), role="muted")
                description.setContentsMargins(34, 0, 0, 0)
                layout.addWidget(radio)
                layout.addWidget(description)
            self.kind_keys = keys
        for kind_button in self.kinds:
            key = kind_button.objectName().removeprefix("kind_")
            kind_button.blockSignals(True)
            kind_button.setChecked(key == state.chosen_kind)
            kind_button.blockSignals(False)
        self.continue_button.setEnabled(state.chosen_kind is not None)

    def first_focus(self) -> QWidget | None:
        return self.continue_button
