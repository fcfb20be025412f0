"""What every step of the journey shares: the state, the person, and the one operation running.

``JourneyMachine`` holds the current ``JourneyState`` and publishes each new one; runs blocking
work on the ``Executor`` as the one foreground ``Operation`` (its answer is dropped once it is
stale: after Cancel, card removal or a reset); and turns a failure into the error page. The
step modules (sign_in_steps, card_steps, pin_steps, link_steps) change the state only through
``put``, always with a whole typed ``JourneyState`` (``dataclasses.replace``, which mypy checks).
Every callback runs on the flow's (GUI) thread, so there is no locking.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TypeVar

from link_protocol.models import MeView
from smartcard_linker.config import Settings
from smartcard_linker.flow.catalogue import entry_for
from smartcard_linker.flow.challenge_ahead import ChallengeAhead
from smartcard_linker.flow.failures import error_report, failure_code, retry_helps
from smartcard_linker.flow.msg import Msg, msg
from smartcard_linker.flow.ports import Executor, TokenSession
from smartcard_linker.flow.readiness import initial_checks
from smartcard_linker.flow.state import Busy, JourneyState, Operation, Step

log = logging.getLogger(__name__)

T = TypeVar("T")
Listener = Callable[[JourneyState], None]
Retry = Callable[[], None]


@dataclass
class Person:
    """What the journey holds of the person at the keyboard outside the state (never shown):
    replaced wholesale on a reset or quit, so nothing of them outlives their visit."""

    me: MeView | None = None
    session: TokenSession | None = None  # the open card session
    idempotency_key: str | None = None  # one per link request, reused on every retry
    challenge_ahead: ChallengeAhead | None = None  # fetched while the PIN is typed
    retry: Retry | None = None  # what Retry on the error page does
    signin_cancel: threading.Event | None = None  # set to stop a sign-in that is waiting


class JourneyMachine:
    """The shared core of the journey; the ``Journey`` facade and its step modules use it."""

    def __init__(
        self,
        settings: Settings,
        executor: Executor,
        clock: Callable[[], datetime],
        config_error: str | None,
    ) -> None:
        self.settings = settings
        self.executor = executor
        self.clock = clock
        self.config_error = config_error
        self.person = Person()
        self.visit = 0  # bumped on a reset: drops everything in flight
        # Kiosk: readers whose card was in when this person's session began; their card
        # is not used until it is taken out (card_choice.choose_reader).
        self.stale_readers: set[str] = set()
        self.shut_down = False
        self._op_gen = 0  # bumped when the foreground operation is abandoned
        self._listeners: list[Listener] = []
        self._cancel_targets: dict[Operation, Callable[[], None]] = {}
        # Set by the sign-in steps: errors whose action is "Sign in again" retry through it.
        self.sign_in_again: Callable[[Retry], None] | None = None
        self._state = replace(self.blank_state(), readiness=initial_checks())

    # ---------------------------------------------------------------- state
    @property
    def state(self) -> JourneyState:
        return self._state

    def blank_state(self) -> JourneyState:
        """The start page with nothing of any person in it."""
        return JourneyState(
            step=Step.START,
            visit=self.visit,
            product_name=self.settings.product_name,
            kiosk=self.settings.kiosk_mode,
            config_error=self.config_error,
        )

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)
        listener(self._state)

    def put(self, state: JourneyState) -> None:
        """Publish ``state`` (the sign-in address is shown only while signing in)."""
        if state.sign_in_url is not None and state.step is not Step.SIGNING_IN:
            state = replace(state, sign_in_url=None)
        self._state = state
        for listener in list(self._listeners):
            listener(state)

    def leave_card_steps(self) -> JourneyState:
        """Close the card session; the state without anything read from the card."""
        self.close_session()
        return replace(
            self._state,
            busy=None,
            error=None,
            pin=None,
            certificates=(),
            selected_certificate=None,
            card_kind=None,
            card_serial=None,
            certificate_warning=None,
            card_stop=None,
        )

    # ---------------------------------------------------------------- operations
    def on_cancel(self, operation: Operation, target: Callable[[], None]) -> None:
        """Where Cancel leads while ``operation`` runs; operations without one cannot be
        cancelled (their Busy says so)."""
        self._cancel_targets[operation] = target

    def run(
        self,
        operation: Operation,
        task: Callable[[], T],
        on_ok: Callable[[T], None],
        on_error: Callable[[Exception], None],
        *,
        busy: Msg | None = None,
        showing: JourneyState | None = None,
        on_stale: Callable[[T], None] | None = None,
    ) -> Callable[[], bool]:
        """Run ``task`` on a worker as the one foreground ``operation``, showing ``showing``
        (or the "please wait" page with ``busy``); stale answers are dropped (``on_stale``
        may release what they hold). Returns whether this run is still the current one."""
        self._op_gen += 1
        op_gen, visit = self._op_gen, self.visit
        if showing is None:
            showing = self._state
            if busy is not None:
                cancellable = operation in self._cancel_targets
                showing = replace(
                    showing, step=Step.WORKING, busy=Busy(busy, cancellable), error=None
                )
        self.put(replace(showing, operation=operation))

        def current() -> bool:
            return not self.shut_down and op_gen == self._op_gen and visit == self.visit

        def ok(value: T) -> None:
            if not current():
                if on_stale is not None:
                    on_stale(value)
                return
            self._end_operation()
            on_ok(value)

        def err(exc: Exception) -> None:
            if current():
                self._end_operation()
                on_error(exc)

        self.executor.submit(task, ok, err)
        return current

    def _end_operation(self) -> None:
        # Not published on its own: the handler that follows publishes the next state.
        self._state = replace(self._state, operation=None)

    def abandon(self) -> None:
        """Drop the foreground operation's answer when it comes."""
        self._op_gen += 1
        self._end_operation()

    def cancel(self) -> None:
        """Cancel the wait in progress, where its operation can be cancelled."""
        operation = self._state.operation
        target = self._cancel_targets.get(operation) if operation is not None else None
        if self._state.busy is None or target is None:
            return
        self.abandon()
        if self.person.signin_cancel is not None:
            self.person.signin_cancel.set()
        target()

    def background(self, task: Callable[[], object]) -> None:
        """Fire-and-forget work (closing a session, signing out); failures only logged."""

        def failed(exc: Exception) -> None:
            log.warning("background task failed: %s", type(exc).__name__)

        self.executor.submit(task, lambda _v: None, failed)

    def close_session(self) -> None:
        session, self.person.session = self.person.session, None
        if session is not None:
            self.background(session.close)

    # ---------------------------------------------------------------- failures
    def fail(
        self, exc: Exception, retry: Retry | None = None, *, where: Step | None = None
    ) -> None:
        """Show the error page for ``exc``; Retry (or Sign in again) runs ``retry`` where the
        catalogue says retrying is safe."""
        code = failure_code(exc)
        entry = entry_for(code)
        action: Retry | None = retry if retry_helps(exc, entry) else None
        label: Msg | None = msg("Journey", "Retry") if action is not None else None
        if entry.sign_in_again and action is not None and self.sign_in_again is not None:
            then, sign_in_again = action, self.sign_in_again
            action = lambda: sign_in_again(then)  # noqa: E731
            label = msg("Journey", "Sign in again")
        self.person.retry = action
        report = error_report(
            exc,
            code,
            entry,
            retry_label=label,
            step=where or self._state.step,
            settings=self.settings,
            me=self.person.me,
            now=self.clock(),
        )
        self.put(replace(self._state, step=Step.ERROR, busy=None, pin=None, error=report))
