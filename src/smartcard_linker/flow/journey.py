"""The link journey as plain Python: the user's actions in, a new ``JourneyState`` out.

``Journey`` is the facade the UI talks to (it satisfies ``flow.actions.JourneyActions``).
It wires one ``JourneyMachine`` (state, person, the operation running) to the step modules
that hold the journey's parts: ``SignInSteps`` (sign-in, account, blockers), ``CardSteps``
(reader, card, certificate), ``PinSteps`` (PIN rules, dialog, PIN pad) and ``LinkSteps``
(signed challenge, review, confirm). It keeps what spans them: the readiness check and
card monitor, Retry / Cancel / Start again, the kiosk's reset, and quitting.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from smartcard_linker.card.errors import SmartCardServiceUnavailable
from smartcard_linker.card.model import CardEvent, CardEventKind, MonitorStatus, ReaderState
from smartcard_linker.config import Settings
from smartcard_linker.flow.card_steps import CardSteps
from smartcard_linker.flow.link_steps import LinkSteps
from smartcard_linker.flow.machine import JourneyMachine, Listener, Person
from smartcard_linker.flow.msg import Msg
from smartcard_linker.flow.pin_steps import PinSteps
from smartcard_linker.flow.ports import CardMonitor, Executor, ServiceFactory
from smartcard_linker.flow.readiness import (
    all_passed,
    card_checks,
    initial_checks,
    middleware_detail,
    with_result,
)
from smartcard_linker.flow.sign_in_steps import SignInSteps
from smartcard_linker.flow.state import CARD_OPERATIONS, CheckStatus, JourneyState, Step

log = logging.getLogger(__name__)

CARD_STEPS = frozenset({Step.CARD, Step.PIN})


class Journey:
    """The journey controller. UI calls the public methods; listeners get each new state."""

    def __init__(
        self,
        settings: Settings,
        services: ServiceFactory,
        executor: Executor,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        config_error: str | None = None,
    ) -> None:
        self._settings = settings
        self._services = services
        self._executor = executor
        self._m = JourneyMachine(settings, executor, clock, config_error)
        self._account = SignInSteps(self._m, services)
        self._card = CardSteps(self._m, services, self._account)
        self._link = LinkSteps(self._m, self._account, self._card)
        self._pin = PinSteps(self._m, self._card, self._link)
        self._monitor: CardMonitor | None = None
        self._monitor_requested = False
        self._readers_seen = False  # kiosk: the first reader list marks cards already in
        # The user's actions, each handled by the step that owns it.
        self.begin = self._account.begin
        self.not_you = self._account.not_you
        self.choose_kind = self._account.choose_kind
        self.recheck_account = self._account.recheck_account
        self.continue_to_card = self._card.continue_to_card
        self.select_reader = self._card.select_reader
        self.select_certificate = self._card.select_certificate
        self.back_to_account = self._card.back_to_account
        self.continue_to_pin = self._pin.continue_to_pin
        self.submit_pin = self._pin.submit_pin
        self.cancel_pin = self._pin.cancel_pin
        self.pin_pad_timed_out = self._pin.pin_pad_timed_out
        self.stop_for_unlock = self._pin.stop_for_unlock
        self.confirm = self._link.confirm
        self.cancel_review = self._link.cancel_review
        self.cancel = self._m.cancel

    @property
    def state(self) -> JourneyState:
        return self._m.state

    @property
    def settings(self) -> Settings:
        return self._settings

    def subscribe(self, listener: Listener) -> None:
        self._m.subscribe(listener)

    # ---------------------------------------------------------------- readiness
    def start_up(self) -> None:
        """Run the live readiness check (called once the first page is on screen)."""
        self.recheck()

    def recheck(self) -> None:
        """Check again: card service and reader, card software, portal."""
        if self._m.shut_down:
            return
        self._m.put(replace(self._m.state, readiness=initial_checks(), ready=False))
        self._check_monitor()
        self._check(
            "middleware",
            lambda: self._services.card_access().module_path(),
            detail=middleware_detail,
        )
        self._check("portal", lambda: self._services.portal().health())

    def _update_check(
        self, key: str, status: CheckStatus, code: str | None = None, detail: Msg | None = None
    ) -> None:
        checks = with_result(self._m.state.readiness, key, status, code, detail)
        ready = all_passed(checks, self._m.config_error)
        self._m.put(replace(self._m.state, readiness=checks, ready=ready))

    def _check(
        self,
        key: str,
        task: Callable[[], object],
        detail: Callable[[object, Exception | None], Msg | None] | None = None,
    ) -> None:
        """Run one check; ``detail(result, failure)`` words what it found or where it looked."""
        visit = self._m.visit

        def current() -> bool:
            return visit == self._m.visit and not self._m.shut_down

        def ok(value: object) -> None:
            if current():
                self._update_check(
                    key, CheckStatus.OK, detail=detail(value, None) if detail else None
                )

        def err(exc: Exception) -> None:
            if current():
                log.info("readiness %s failed: %s", key, getattr(exc, "code", type(exc).__name__))
                code = getattr(exc, "code", "app_error")
                words = detail(None, exc) if detail else None
                self._update_check(key, CheckStatus.FAILED, code, words)

        self._executor.submit(task, ok, err)

    def _check_monitor(self) -> None:
        start = not self._monitor_requested
        self._monitor_requested = True

        def task() -> CardMonitor:
            monitor = self._services.card_monitor()
            if start:
                monitor.start(self._on_monitor_thread_event)
                self._monitor = monitor  # visible to shutdown() even if our answer is dropped
                if self._m.shut_down:  # quit while we were starting: never leave it running
                    monitor.stop()
            return monitor

        def ok(monitor: CardMonitor) -> None:
            self._monitor = monitor
            if not self._m.shut_down:
                # Read the status here, on the flow's thread, not in the worker: a monitor
                # event posted meanwhile may already be newer than a status read there.
                self._apply_card_status(monitor.status(), monitor.readers())
            else:
                monitor.stop()

        def err(exc: Exception) -> None:
            if start:
                self._monitor_requested = False
            if self._m.shut_down:
                return
            status = (
                MonitorStatus.SERVICE_UNAVAILABLE
                if isinstance(exc, SmartCardServiceUnavailable)
                else MonitorStatus.STOPPED
            )
            log.info("card monitor failed: %s", getattr(exc, "code", type(exc).__name__))
            self._apply_card_status(status, ())

        self._executor.submit(task, ok, err)

    def _on_monitor_thread_event(self, event: CardEvent) -> None:
        """Called on the monitor's thread: hand the event to the flow's thread."""
        if not self._m.shut_down:
            self._executor.post(lambda: self._on_card_event(event))

    def _apply_card_status(self, status: MonitorStatus, readers: tuple[ReaderState, ...]) -> None:
        if self._settings.kiosk_mode and not self._readers_seen and readers:
            # Cards in the readers when the kiosk starts belong to nobody here yet.
            self._readers_seen = True
            self._m.stale_readers = {r.name for r in readers if r.has_card}
        checks = card_checks(self._m.state.readiness, status, readers)
        ready = all_passed(checks, self._m.config_error)
        self._m.put(replace(self._m.state, readiness=checks, ready=ready, readers=readers))

    def _on_card_event(self, event: CardEvent) -> None:
        if self._m.shut_down:
            return
        if event.kind is CardEventKind.CARD_REMOVED and event.reader is not None:
            # Only a removal clears it (an insert event may be a re-report of the same card).
            self._m.stale_readers.discard(event.reader)
        self._apply_card_status(event.status, event.readers)
        state = self._m.state
        if (
            self._settings.kiosk_mode
            and state.step is Step.DONE
            and event.kind is CardEventKind.CARD_REMOVED
            and event.reader == state.selected_reader
        ):
            self.reset()  # the person took their card: their session ends here
            return
        removed_ours = (
            event.kind is CardEventKind.CARD_REMOVED
            and event.reader is not None
            and event.reader == state.selected_reader
        )
        if removed_ours and (state.step in CARD_STEPS or state.operation in CARD_OPERATIONS):
            self._card.card_removed()
        elif state.step is Step.INSERT_CARD:
            self._card.evaluate_readers()

    # ---------------------------------------------------------------- errors
    def retry(self) -> None:
        """Retry the failed step (only offered where that is safe)."""
        person = self._m.person
        if self._m.state.step is Step.ERROR and person.retry is not None:
            again, person.retry = person.retry, None
            again()

    def start_again(self) -> None:
        """From an error page: back to the account page if signed in, else the start."""
        self._m.abandon()
        self._m.person.retry = None
        self._m.close_session()
        self._account.back_to_account()

    def finish(self) -> None:
        """Finish: kiosk → ready for the next person; otherwise the window closes."""
        if self._settings.kiosk_mode:
            self.reset()
        else:
            self._m.abandon()
            self._m.close_session()
            self._m.put(replace(self._m.state, step=Step.CLOSED, busy=None))

    # ---------------------------------------------------------------- kiosk
    def idle_timeout(self) -> None:
        """Nobody touched the app for kiosk_idle_timeout_s: clear it for the next person."""
        if not self._settings.kiosk_mode:
            return
        state = self._m.state
        if state.busy is not None and not state.busy.cancellable:
            return  # e.g. confirming a link: let it land, the done timeout resets later
        if state.step is Step.START and state.account is None:
            return
        self.reset()

    def done_timeout(self) -> None:
        if self._settings.kiosk_mode and self._m.state.step is Step.DONE:
            self.reset()

    def reset(self) -> None:
        """Drop everything of the current person: sign-out, token session, every page."""
        machine = self._m
        machine.visit += 1
        machine.abandon()
        if machine.person.signin_cancel is not None:
            machine.person.signin_cancel.set()
        machine.close_session()
        signed_in = machine.person.me is not None or machine.state.account is not None
        machine.person = Person()
        if signed_in or self._settings.kiosk_mode:
            machine.background(lambda: self._services.sign_in().sign_out())
        kept = machine.state
        if self._settings.kiosk_mode:  # a card left in is not the next person's to use
            machine.stale_readers = {r.name for r in kept.readers if r.has_card}
        machine.put(
            replace(
                machine.blank_state(),
                readiness=kept.readiness,
                ready=kept.ready,
                readers=kept.readers,
            )
        )

    # ---------------------------------------------------------------- quitting
    def shutdown(self) -> None:
        """Quit: stop waiting, stop the card monitor, close the session, sign out in kiosk.

        Runs on the flow's thread and blocks briefly; the UI then joins its workers.
        """
        machine = self._m
        if machine.shut_down:
            return
        machine.shut_down = True
        machine.abandon()
        person, machine.person = machine.person, Person()
        if person.signin_cancel is not None:
            person.signin_cancel.set()
        monitor, self._monitor = self._monitor, None
        signin = self._account.adapter
        for action in (
            person.session.close if person.session is not None else None,
            monitor.stop if monitor is not None else None,
            signin.close if signin is not None else None,
        ):
            if action is not None:
                try:
                    action()
                except Exception as exc:  # quitting must not fail
                    log.warning("shutdown step failed: %s", type(exc).__name__)
        if self._settings.kiosk_mode and person.me is not None:
            machine.background(lambda: self._services.sign_in().sign_out())
