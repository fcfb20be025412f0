"""Signing in and the account: the browser sign-in, the portal's view of the account, and
what stands in the way of linking it (the blockers)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

from link_protocol import ErrorCode
from link_protocol.models import MeView
from smartcard_linker.flow.blockers import CARE_IDENTITY, account_kinds, blocker_for
from smartcard_linker.flow.machine import JourneyMachine, Retry
from smartcard_linker.flow.msg import msg
from smartcard_linker.flow.ports import PortalClient, ServiceFactory, SignIn
from smartcard_linker.flow.state import Busy, Operation, Step
from smartcard_linker.portal.errors import PortalError
from smartcard_linker.signin.errors import (
    BrowserUnavailable,
    SignInCancelled,
    SignInCancelledAtProvider,
    SignInRequired,
)
from smartcard_linker.signin.model import AccessToken

log = logging.getLogger(__name__)
T = TypeVar("T")


class SignInSteps:
    """Start now → signed in → the account page (or the blocker page)."""

    def __init__(self, machine: JourneyMachine, services: ServiceFactory) -> None:
        self._m = machine
        self._services = services
        self.adapter: SignIn | None = None  # set once built: closed on quit
        machine.sign_in_again = lambda then: self.sign_in(then, interactive_only=True)
        machine.on_cancel(Operation.SIGNING_IN, self._cancelled)
        machine.on_cancel(Operation.LOADING_ACCOUNT, self.to_start)

    @property
    def _product(self) -> str:
        return self._m.settings.product_name

    def begin(self) -> None:
        """ "Start now": sign in (silently if the sign-in is remembered, else in the browser)."""
        state = self._m.state
        if state.step is Step.START and state.ready:
            self.sign_in(self.load_me)

    def sign_in(
        self, then: Retry, *, interactive_only: bool = False, sign_out_first: bool = False
    ) -> None:
        """Sign in, then run ``then``; ``interactive_only`` skips the remembered sign-in."""
        cancel = threading.Event()
        self._m.person.signin_cancel = cancel
        me = self._m.person.me
        hint = None if sign_out_first or me is None else me.account.email
        opening = msg("Journey", "Opening the {product} sign-in…").fill(product=self._product)
        waiting = msg(
            "Journey", "Waiting for you to finish signing in to {product} in your browser…"
        ).fill(product=self._product)
        still_current: Callable[[], bool] = lambda: False  # noqa: E731 - set by run below

        def browser_opening() -> None:
            if still_current() and self._m.state.step is Step.SIGNING_IN:
                self._m.put(replace(self._m.state, busy=Busy(waiting, True)))

        def task() -> tuple[AccessToken, bool]:
            sign_in = self.port()
            if sign_out_first:
                sign_in.sign_out()
            if not interactive_only and not sign_out_first:
                token = sign_in.silent()
                if token is not None:
                    return token, sign_in.remembers_sign_in
            self._m.executor.post(browser_opening)
            return sign_in.interactive(cancel, hint), sign_in.remembers_sign_in

        def err(exc: Exception) -> None:
            if isinstance(exc, BrowserUnavailable):
                self._wait_for_copied_address(exc.url, cancel, then)
            else:
                self._failed(exc, then)

        signing_in = replace(
            self._m.state, step=Step.SIGNING_IN, busy=Busy(opening, True), error=None
        )
        still_current = self._m.run(
            Operation.SIGNING_IN,
            task,
            lambda result: self._signed_in(result[1], then),
            err,
            showing=signing_in,
        )

    def _signed_in(self, remembers: bool, then: Retry) -> None:
        self._m.person.signin_cancel = None
        self._m.put(replace(self._m.state, remembers_sign_in=remembers))
        then()

    def _failed(self, exc: Exception, then: Retry) -> None:
        self._m.person.signin_cancel = None
        if isinstance(exc, SignInCancelled) and not isinstance(exc, SignInCancelledAtProvider):
            self.to_start()  # our own Cancel: the person knows, no error page
            return
        self._m.fail(exc, retry=then)  # the catalogue turns this into "Sign in again"

    def _wait_for_copied_address(self, url: str, cancel: threading.Event, then: Retry) -> None:
        """No browser opened: show the sign-in address to copy and keep waiting for it."""
        waiting = msg(
            "Journey", "Waiting for you to finish signing in to {product} in a web browser…"
        ).fill(product=self._product)

        def task() -> bool:
            sign_in = self.port()
            sign_in.continue_in_browser(cancel)
            return sign_in.remembers_sign_in

        self._m.run(
            Operation.SIGNING_IN,
            task,
            lambda remembers: self._signed_in(remembers, then),
            lambda exc: self._failed(exc, then),
            showing=replace(
                self._m.state,
                step=Step.SIGNING_IN,
                sign_in_url=url,
                busy=Busy(waiting, True),
                error=None,
            ),
        )

    def port(self) -> SignIn:
        """The SignIn adapter (built on first use, on a worker); remembered for quit."""
        adapter = self._services.sign_in()
        self.adapter = adapter
        return adapter

    def _cancelled(self) -> None:
        self._m.person.signin_cancel = None
        self._m.person.me = None
        self.to_start()

    def not_you(self) -> None:
        """ "Not you?": sign out and sign in again in the browser as someone else."""
        if self._m.state.busy is not None:
            return
        self._m.abandon()
        self._m.close_session()
        self._m.person.me = None
        self._m.put(replace(self._m.state, account=None, blocker=None))
        self.sign_in(self.load_me, sign_out_first=True)

    def authed(self, call: Callable[[PortalClient, str], T]) -> Callable[[], T]:
        """Wrap a portal call: current token; on token_invalid renew silently once."""

        def task() -> T:
            sign_in = self.port()
            portal = self._services.portal()
            token = sign_in.access_token()
            try:
                return call(portal, token.token)
            except PortalError as exc:
                if exc.code != ErrorCode.TOKEN_INVALID:
                    raise
            renewed = sign_in.silent()
            if renewed is None:
                raise SignInRequired("the sign-in has expired")
            try:
                return call(portal, renewed.token)
            except PortalError as exc:
                if exc.code == ErrorCode.TOKEN_INVALID:
                    raise SignInRequired("the portal refused the renewed sign-in") from None
                raise

        return task

    # ---------------------------------------------------------------- the account
    def load_me(self) -> None:
        self._m.run(
            Operation.LOADING_ACCOUNT,
            self.authed(lambda portal, token: portal.me(token)),
            self._on_me,
            lambda exc: self._m.fail(exc, retry=self.load_me, where=Step.ACCOUNT),
            busy=msg("Journey", "Checking your {product} account…").fill(product=self._product),
        )

    def recheck_account(self) -> None:
        """ "Check again" on the prerequisites page (e.g. after accepting the AUP)."""
        if self._m.state.step is Step.BLOCKED:
            self.load_me()

    def _on_me(self, me: MeView) -> None:
        self._m.person.me = me
        self.show_account(me)

    def show_account(self, me: MeView) -> None:
        """The account page, or the blocker page when a prerequisite fails."""
        blocker = blocker_for(me, self._product)
        state = self._m.leave_card_steps()
        self._m.put(
            replace(
                state,
                step=Step.BLOCKED if blocker else Step.ACCOUNT,
                account=me.account,
                blocker=blocker,
                account_kinds=account_kinds(),
                chosen_kind=state.chosen_kind or CARE_IDENTITY,
                link_request=None,
                link=None,
            )
        )

    def back_to_account(self) -> None:
        """The account page if signed in still, else the start."""
        me = self._m.person.me
        if me is not None:
            self.show_account(me)
        else:
            self.to_start()

    def choose_kind(self, key: str) -> None:
        state = self._m.state
        if (
            state.step is Step.ACCOUNT
            and key != state.chosen_kind
            and any(k.key == key for k in state.account_kinds)
        ):
            self._m.put(replace(state, chosen_kind=key))

    def to_start(self) -> None:
        self._m.put(
            replace(
                self._m.state,
                step=Step.START,
                busy=None,
                error=None,
                pin=None,
                blocker=None,
                account=None,
                link_request=None,
                link=None,
            )
        )
