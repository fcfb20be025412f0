"""The journey log a helpdesk can read: one INFO line per step change, readiness, card, outcome.

A listener on ``Journey.subscribe``: it only watches the states the UI also
renders, so the flow itself stays free of logging calls. It writes codes, step
names, reader names, card series, request ids and the support reference, and
never an account, a name, an email or a Care Identity number (a state carries
them; this module never formats them).

``OUTCOME_PREFIX`` lines are what ``--diagnose`` reads back as the last journey.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from smartcard_linker.flow.state import CheckStatus, JourneyState, Step

log = logging.getLogger("smartcard_linker.journey")

OUTCOME_PREFIX = "journey outcome:"


class JourneyLogger:
    """Call with each new state (``journey.subscribe(JourneyLogger())``)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._step: Step | None = None
        self._since = clock()
        self._readiness = ""
        self._card = ""
        self._busy = ""
        self._pin_seq = -1

    def __call__(self, state: JourneyState) -> None:
        self._log_readiness(state)
        self._log_busy(state)
        self._log_pin(state)
        if state.step is not self._step:
            now = self._clock()
            if self._step is None:
                log.info("journey step: %s", state.step.value)
            else:
                log.info(
                    "journey step: %s -> %s (%s took %.2f s)",
                    self._step.value,
                    state.step.value,
                    self._step.value,
                    now - self._since,
                )
            self._step, self._since = state.step, now
            self._log_outcome(state)
        self._log_card(state)

    def _log_readiness(self, state: JourneyState) -> None:
        if not state.readiness or any(c.status is CheckStatus.CHECKING for c in state.readiness):
            return
        text = " ".join(
            f"{c.key}={c.status.value}" + (f"({c.code})" if c.code else "") for c in state.readiness
        )
        if text != self._readiness:
            self._readiness = text
            log.info("readiness: %s", text)

    def _log_busy(self, state: JourneyState) -> None:
        text = state.busy.message.template if state.busy else ""
        if text and text != self._busy:
            log.info("journey working: %s", text)
        self._busy = text

    def _log_pin(self, state: JourneyState) -> None:
        pin = state.pin
        if pin is None or pin.seq == self._pin_seq:
            return
        self._pin_seq = pin.seq
        log.info(
            "PIN asked (%s): %s; tries left %s%s",
            "PIN pad" if pin.pin_pad else "dialog",
            pin.problem.template if pin.problem else "first try",
            pin.tries_left if pin.tries_left is not None else "not counted",
            ", final try" if pin.final_try else "",
        )

    def _log_card(self, state: JourneyState) -> None:
        if state.step is not Step.CARD or state.card_kind is None:
            return
        text = f"{state.selected_reader}|{state.card_kind.key}"
        if text != self._card:
            self._card = text
            log.info(
                "card in reader %r: %s (%s), %d certificate(s) with a Care Identity",
                state.selected_reader,
                state.card_kind.label,
                state.card_kind.key,
                len(state.certificates),
            )

    def _log_outcome(self, state: JourneyState) -> None:
        if state.step is Step.DONE and state.link is not None:
            log.info("%s linked reference=%s", OUTCOME_PREFIX, state.link.reference)
        elif state.step is Step.ERROR and state.error is not None:
            error = state.error
            log.info(
                "%s error code=%s step=%s request_id=%s",
                OUTCOME_PREFIX,
                error.code,
                error.step.value,
                error.request_id or "none",
            )
        elif state.step is Step.BLOCKED and state.blocker is not None:
            log.info("%s blocked code=%s", OUTCOME_PREFIX, state.blocker.code)
