"""Insert your smartcard: live reader and card status; several readers → choose one."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from link_protocol import group_uuid
from smartcard_linker.card.model import CardSummary
from smartcard_linker.config import Settings
from smartcard_linker.flow.actions import JourneyActions
from smartcard_linker.flow.state import JourneyState
from smartcard_linker.ui.i18n import card_kind_label
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


class InsertCardPage(Page):
    def __init__(self, actions: JourneyActions, settings: Settings, open_url: UrlOpener) -> None:
        super().__init__(actions, settings, open_url, "insertCardPage")
        self.title = self.heading = label(role="h1", name="insertTitle")
        self.instructions = label(role="lead")
        self.status_frame, status_layout = panel("info", "cardStatusBanner")
        self.status = label(name="cardStatus")
        status_layout.addWidget(self.status)
        self.readers_frame, self.readers_outer = panel("card", "readersPanel")
        self.readers_title = label(role="h2")
        self.readers_outer.addWidget(self.readers_title)
        self.readers_holder = Holder()
        self.readers_outer.addWidget(self.readers_holder)
        self.back_button = button("", "insertBackButton")
        self.back_button.clicked.connect(actions.back_to_account)
        self.body.addWidget(self.title)
        self.body.addWidget(self.instructions)
        self.body.addWidget(self.status_frame)
        self.body.addWidget(self.readers_frame)
        self.body.addStretch(1)
        self.add_actions(self.back_button)
        self._shown: tuple[object, ...] = ()
        self._first: QWidget | None = None
        self.retranslate()

    def retranslate(self) -> None:
        set_button_text(self.back_button, self.tr("Back"))
        set_text(self.title, self.tr("Insert your smartcard"))
        set_text(
            self.instructions,
            self.tr(
                "Put your NHS Smartcard in the card reader, chip first and facing up. "
                "This page updates by itself."
            ),
        )
        self._shown = ()  # the reader lines are rebuilt in the new language on the next render

    def show_state(self, state: JourneyState) -> None:
        self.status_frame.setVisible(state.card_message is not None)
        set_text(self.status, t(state.card_message))
        key = (state.readers, state.reader_choice_needed, state.card_summaries)
        if key == self._shown:
            return
        self._shown = key
        _inner, layout = self.readers_holder.fresh()
        self._first = None
        set_text(
            self.readers_title,
            self.tr("Card readers") if len(state.readers) > 1 else self.tr("Card reader"),
        )
        self.readers_frame.setVisible(bool(state.readers))
        told = {s.reader: s for s in state.card_summaries}
        for i, reader in enumerate(state.readers):
            summary = told.get(reader.name) if reader.has_card else None
            if summary is not None:
                text = self._told_apart(reader.name, summary)
            elif reader.has_card:
                kind = card_kind_label(reader.card_kind) if reader.card_kind else self.tr("a card")
                text = self.tr("{reader}: {card} inserted").format(reader=reader.name, card=kind)
            else:
                text = self.tr("{reader}: no card").format(reader=reader.name)
            line = label(text, name=f"reader_{i}")
            line.setAccessibleName(text)
            if state.reader_choice_needed and reader.has_card:
                use = button(self.tr("Use this reader"), f"useReaderButton_{i}", "primary")
                use.setAccessibleName(self.tr("Use {reader}").format(reader=reader.name))
                use.clicked.connect(lambda _c=False, n=reader.name: self.flow.select_reader(n))
                line_row = row(stretch_end=False)
                line_row.addWidget(line, 1)
                line_row.addWidget(use)
                layout.addLayout(line_row)
                self._first = self._first or use
            else:
                layout.addWidget(line)

    def alert(self) -> str:
        return self.status.text() if self.status_frame.isVisibleTo(self) else ""

    def _told_apart(self, reader: str, summary: CardSummary) -> str:
        """A card among several: its NHS Care Identity number and card serial, or why not."""
        if summary.recognition.nhs and summary.care_identity:
            return self.tr("{reader}: NHS Care Identity {uuid}, card {serial}").format(
                reader=reader, uuid=group_uuid(summary.care_identity), serial=summary.serial
            )
        return self.tr("{reader}: not an NHS Smartcard").format(reader=reader)

    def first_focus(self) -> QWidget | None:
        return self._first or self.back_button
