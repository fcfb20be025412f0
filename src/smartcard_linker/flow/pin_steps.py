"""The PIN: the card's rules and tries left, the PIN dialog's answer (or the reader's PIN
pad), and every way a PIN can fail. A PIN is never retried automatically."""

from __future__ import annotations

from dataclasses import replace

from smartcard_linker.card.errors import (
    CardRemoved,
    PinFormatRejected,
    PinLocked,
    PinPadTimeout,
    WrongPin,
)
from smartcard_linker.card.model import PinPolicy
from smartcard_linker.flow.card_choice import pin_pad_in_use
from smartcard_linker.flow.card_steps import CardSteps
from smartcard_linker.flow.failures import PinStopped, certificate_expired
from smartcard_linker.flow.link_steps import LinkSteps
from smartcard_linker.flow.machine import JourneyMachine
from smartcard_linker.flow.msg import Msg, msg
from smartcard_linker.flow.state import Operation, PinRequest, Step
from smartcard_linker.pin_buffer import wipe


class PinSteps:
    """The card page's Continue → the PIN dialog → logged in (then the link request)."""

    def __init__(self, machine: JourneyMachine, card: CardSteps, link: LinkSteps) -> None:
        self._m = machine
        self._card = card
        self._link = link
        self._seq = 0  # PinRequest.seq: the UI opens the dialog afresh when it changes
        machine.on_cancel(Operation.READING_PIN_RULES, card.back_to_card)
        # The PIN pad may still be waiting: drop this session and read the card afresh.
        machine.on_cancel(Operation.PIN_PAD, card.back_to_insert)

    def continue_to_pin(self) -> None:
        """Continue from the card page: check the certificate, read the PIN rules, ask."""
        cert = self._m.state.selected
        session = self._m.person.session
        if self._m.state.step is not Step.CARD or cert is None or session is None:
            return
        if self._m.state.card_stop is not None:
            return  # the card page says why this card cannot go on; there is no Continue
        if cert.expired(self._m.clock()):
            self._m.fail(certificate_expired(), where=Step.CARD)
            return
        self._link.fetch_challenge_ahead()
        self._m.run(
            Operation.READING_PIN_RULES,
            session.pin_policy,
            self._ask,
            self._card.failure(retry=self._card.back_to_insert),
            busy=msg("Journey", "Checking your smartcard…"),
        )

    def _ask(
        self,
        policy: PinPolicy,
        problem: Msg | None = None,
        tries_left: int | None = None,
        final_try: bool | None = None,
    ) -> None:
        if policy.locked:
            self._m.fail(PinLocked("the card is locked"), where=Step.PIN)
            return
        state = self._m.state
        settings = self._m.settings
        self._seq += 1
        request = PinRequest(
            seq=self._seq,
            policy=policy,
            pin_pad=pin_pad_in_use(policy.pin_pad, state.readers, state.selected_reader),
            pin_pad_timeout_s=settings.pin_pad_timeout_s,
            problem=problem,
            tries_left=policy.tries_left if tries_left is None else tries_left,
            final_try=policy.final_try if final_try is None else final_try,
            count_low=policy.count_low,
            self_service_unlock_url=settings.self_service_unlock_url,
        )
        self._m.put(replace(state, step=Step.PIN, busy=None, error=None, pin=request))

    def _ask_again_for_length(self, request: PinRequest, min_length: int, max_length: int) -> None:
        """The PIN broke the card's length rules: ask again; no try was used."""
        problem = msg(
            "Journey", "Your passcode must be {min} to {max} characters. No attempt was used."
        ).fill(min=min_length, max=max_length)
        self._ask(request.policy, problem, request.tries_left, request.final_try)

    def submit_pin(self, pin: bytearray | None) -> None:
        """The PIN dialog's answer. ``None``: the reader's PIN pad. The buffer is wiped by login.

        Never retried automatically: a wrong PIN goes back to the user.
        """
        request = self._m.state.pin
        session = self._m.person.session
        if self._m.state.step is not Step.PIN or request is None or session is None:
            wipe(pin)
            return
        if pin is None and not request.pin_pad:
            return
        policy = request.policy
        if pin is not None and not (policy.min_length <= len(pin) <= policy.max_length):
            wipe(pin)
            self._ask_again_for_length(request, policy.min_length, policy.max_length)
            return

        def err(exc: Exception) -> None:
            if isinstance(exc, WrongPin):
                self._after_wrong_pin(exc, policy)
            elif isinstance(exc, PinFormatRejected):
                self._ask_again_for_length(request, exc.min_length, exc.max_length)
            elif isinstance(exc, PinPadTimeout):
                self._m.fail(exc, retry=lambda: self._ask(policy), where=Step.PIN)
            elif isinstance(exc, CardRemoved):
                self._card.card_removed()
            else:
                self._m.fail(exc, retry=self._card.back_to_insert, where=Step.PIN)

        pad = pin is None
        self._m.run(
            Operation.PIN_PAD if pad else Operation.CHECKING_PIN,
            lambda: session.login(pin),
            lambda _none: self._link.make_link_request(),
            err,
            busy=(
                msg("Journey", "Enter your passcode on the card reader's keypad.")
                if pad
                else msg("Journey", "Checking your passcode…")
            ),
        )

    def _after_wrong_pin(self, exc: WrongPin, policy: PinPolicy) -> None:
        tries = exc.tries_left
        final = exc.final_try or tries == 1
        self._ask(
            replace(policy, final_try=final, count_low=policy.count_low or tries is not None),
            msg("Journey", "That passcode was not accepted."),
            tries,
            final,
        )

    def cancel_pin(self) -> None:
        """Cancel in the PIN dialog (or while the PIN pad waits): back to the card page."""
        if self._m.state.step is Step.PIN:
            self._card.back_to_card()
        elif self._m.state.operation is Operation.PIN_PAD:
            self._m.cancel()

    def pin_pad_timed_out(self) -> None:
        """The UI's countdown ran out before the reader answered."""
        if self._m.state.operation is Operation.PIN_PAD:
            self._m.abandon()
            self._m.close_session()
            self._m.fail(
                PinPadTimeout("no PIN entered on the reader"),
                retry=self._card.back_to_insert,
                where=Step.PIN,
            )

    def stop_for_unlock(self) -> None:
        """Final try: the user chose to stop and unlock online instead of risking a lock."""
        if self._m.state.step is Step.PIN:
            self._m.abandon()
            self._m.close_session()
            self._m.fail(PinStopped("stopped before the final PIN try"), where=Step.PIN)
