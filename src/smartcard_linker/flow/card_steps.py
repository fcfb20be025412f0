"""The card: waiting for it in a reader, reading it, choosing its certificate, and what
happens when it leaves mid-step."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from smartcard_linker.card import atr as atr_table
from smartcard_linker.card.errors import CardError, CardRemoved, NoCard
from smartcard_linker.card.model import (
    CardRecognition,
    CardSummary,
    CareIdentityCertificate,
    ReaderState,
    Verdict,
)
from smartcard_linker.flow.card_choice import (
    card_stop,
    certificate_warning,
    choose_reader,
    default_certificate,
    shown_kind,
    summaries_still_in,
    untold_cards,
)
from smartcard_linker.flow.failures import certificate_missing
from smartcard_linker.flow.machine import JourneyMachine, Retry
from smartcard_linker.flow.msg import Msg, msg
from smartcard_linker.flow.ports import CardAccess, ServiceFactory, TokenSession
from smartcard_linker.flow.sign_in_steps import SignInSteps
from smartcard_linker.flow.state import CardStop, CheckStatus, JourneyState, Operation, Step

# A card that could not be read without a PIN (busy, unsupported): told apart as "unknown".
UNREADABLE = CardRecognition(Verdict.NOT_NHS, "the card could not be read", atr_table.UNKNOWN)


def _summary_or_none(access: CardAccess, reader: str) -> CardSummary | None:
    try:
        return access.summary(reader)
    except CardError:
        return None


class CardSteps:
    """Insert your smartcard → the card page (kind, certificate, warning)."""

    def __init__(
        self, machine: JourneyMachine, services: ServiceFactory, account: SignInSteps
    ) -> None:
        self._m = machine
        self._services = services
        self._account = account
        machine.on_cancel(Operation.READING_CARD, account.back_to_account)

    def continue_to_card(self) -> None:
        """Continue from the account page to "Insert your smartcard"."""
        state = self._m.state
        if state.step is not Step.ACCOUNT or state.chosen_kind is None:
            return
        self._afresh(state)

    def evaluate_readers(self, *, keep_message: bool = False) -> None:
        """Read the card if exactly one reader (or the chosen one, or the only NHS card) has
        a card; else say why, telling several cards apart first."""
        state = self._m.state
        summaries = summaries_still_in(state.readers, state.card_summaries)
        if summaries != state.card_summaries:
            state = replace(state, card_summaries=summaries)
        service_down = any(
            c.key == "service" and c.status is CheckStatus.FAILED for c in state.readiness
        )
        choice = choose_reader(
            state.readers,
            state.selected_reader,
            state.card_message if keep_message else None,
            frozenset(self._m.stale_readers),
            service_down=service_down,
            summaries=summaries,
        )
        if choice.reader is not None:
            self._m.put(
                replace(
                    state,
                    card_message=None,
                    reader_choice_needed=False,
                    selected_reader=choice.reader.name,
                )
            )
            self._open_card(choice.reader)
            return
        state = replace(
            state,
            card_message=choice.message,
            reader_choice_needed=choice.choice_needed,
            selected_reader=None,
        )
        untold = untold_cards(state.readers, summaries)
        if not untold:
            self._m.put(state)
            return

        def task() -> tuple[CardSummary | None, ...]:
            access = self._services.card_access()
            return tuple(_summary_or_none(access, name) for name in untold)

        self._m.run(
            Operation.TELLING_CARDS_APART,
            task,
            lambda found: self._cards_told_apart(untold, found),
            lambda _exc: None,
            showing=state,
        )

    def _cards_told_apart(
        self, asked: tuple[str, ...], found: tuple[CardSummary | None, ...]
    ) -> None:
        state = self._m.state
        if state.step is not Step.INSERT_CARD:
            return
        told = tuple(s for s in found if s is not None)
        unreadable = tuple(
            CardSummary(name, UNREADABLE) for name, s in zip(asked, found, strict=True) if s is None
        )
        self._m.put(replace(state, card_summaries=state.card_summaries + told + unreadable))
        self.evaluate_readers()

    def select_reader(self, name: str) -> None:
        """Several readers: the user picks the one holding their card."""
        state = self._m.state
        if state.step is not Step.INSERT_CARD:
            return
        stale = self._m.stale_readers
        reader = next(
            (r for r in state.readers if r.name == name and r.has_card and name not in stale),
            None,
        )
        if reader is not None:
            self._m.put(replace(state, selected_reader=name, reader_choice_needed=False))
            self._open_card(reader)

    def _open_card(self, reader: ReaderState) -> None:
        self._m.close_session()

        def task() -> TokenSession:
            return self._services.card_access().open_token(reader.name)

        def err(exc: Exception) -> None:
            if isinstance(exc, NoCard | CardRemoved):
                self._m.put(
                    replace(
                        self._m.state,
                        step=Step.INSERT_CARD,
                        busy=None,
                        selected_reader=None,
                        card_message=msg("Journey", "Put your smartcard in the reader."),
                    )
                )
                return
            self._m.fail(exc, retry=self.back_to_insert, where=Step.INSERT_CARD)

        self._m.run(
            Operation.READING_CARD,
            task,
            lambda session: self._card_read(reader, session),
            err,
            busy=msg("Journey", "Reading your smartcard…"),
            on_stale=lambda session: self._m.background(session.close),
        )

    def _card_read(self, reader: ReaderState, session: TokenSession) -> None:
        self._m.person.session = session
        certs = session.info.certificates
        if not certs:
            self._m.fail(certificate_missing(), where=Step.CARD)
            return
        index = default_certificate(certs, self._m.clock())
        stop, warning = self._judge(certs[index])
        self._m.put(
            replace(
                self._m.state,
                step=Step.CARD,
                busy=None,
                card_kind=shown_kind(reader.card_kind, session.info.recognition),
                card_serial=session.info.serial or None,
                certificates=certs,
                selected_certificate=index,
                card_stop=stop,
                certificate_warning=warning,
            )
        )

    def select_certificate(self, index: int) -> None:
        state = self._m.state
        if state.step is Step.CARD and 0 <= index < len(state.certificates):
            stop, warning = self._judge(state.certificates[index])
            self._m.put(
                replace(
                    state, selected_certificate=index, card_stop=stop, certificate_warning=warning
                )
            )

    def _judge(self, cert: CareIdentityCertificate) -> tuple[CardStop | None, Msg | None]:
        """The card page's verdict on ``cert``: a stop (no Continue) or a warning, or neither."""
        now, session = self._m.clock(), self._m.person.session
        stop = None
        if session is not None:
            unlock = self._m.settings.self_service_unlock_url
            stop = card_stop(cert, session.info.pin_policy, now, unlock)
        warning = None if stop is not None else certificate_warning(cert, now)
        return stop, warning

    # ---------------------------------------------------------------- leaving the card
    def back_to_account(self) -> None:
        """ "Back" from the card pages: the account page, signed in still."""
        if self._m.state.step in (Step.INSERT_CARD, Step.CARD):
            self._m.abandon()
            self._m.close_session()
            self._account.back_to_account()

    def back_to_insert(self) -> None:
        """Read the card afresh: "Insert your smartcard" with no reader chosen."""
        self._afresh(self._m.leave_card_steps())

    def _afresh(self, state: JourneyState) -> None:
        """ "Insert your smartcard" with no reader chosen and no card told apart yet."""
        self._m.put(
            replace(
                state,
                step=Step.INSERT_CARD,
                selected_reader=None,
                card_message=None,
                card_summaries=(),
            )
        )
        self.evaluate_readers()

    def back_to_card(self) -> None:
        """The card page again (the session still open), or read the card afresh."""
        if self._m.person.session is None:
            self.back_to_insert()
            return
        self._m.put(replace(self._m.state, step=Step.CARD, busy=None, pin=None, error=None))

    def card_removed(self) -> None:
        """The card left mid-step: back to "Insert your smartcard", keeping the sign-in."""
        self._m.abandon()
        state = self._m.leave_card_steps()
        removed = msg(
            "Journey", "Your smartcard was removed. Put it back in the reader to carry on."
        )
        self._m.put(replace(state, step=Step.INSERT_CARD, card_message=removed))
        self.evaluate_readers(keep_message=True)

    def failure(self, retry: Retry, where: Step = Step.CARD) -> Callable[[Exception], None]:
        """A card operation's error handler: a removed card goes back to insert, any other
        failure shows its error page (Retry runs ``retry``)."""

        def handle(exc: Exception) -> None:
            if isinstance(exc, CardRemoved):
                self.card_removed()
            else:
                self._m.fail(exc, retry=retry, where=where)

        return handle
