"""The link journey as plain Python: states, transitions and the error for every failure.

``Journey`` owns the current ``JourneyState`` and changes it in response to the
user's actions (methods called by the UI) and to results of blocking work it
hands to the ``Executor``. Every callback runs on the flow's (GUI) thread, so
there is no locking here; stale results (after Cancel, card removal, a kiosk
reset) are recognised by a generation number and dropped.
"""

from __future__ import annotations

import logging
import threading
import uuid as uuid_module
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, TypeVar

from link_protocol import ErrorCode, build_link_message, normalize_origin
from link_protocol.models import LinkRequestBody, LinkRequestView, LinkView, MeView
from smartcard_linker import __version__
from smartcard_linker.card.errors import (
    CardError,
    CardRemoved,
    CertificateExpired,
    CertificateMissing,
    NoCard,
    PinFormatRejected,
    PinLocked,
    PinPadTimeout,
    SmartCardServiceUnavailable,
    WrongPin,
)
from smartcard_linker.card.model import (
    CardEvent,
    CardEventKind,
    CareIdentityCertificate,
    MonitorStatus,
    PinPolicy,
    ReaderState,
)
from smartcard_linker.config import Settings
from smartcard_linker.flow.catalogue import Link, entry_for
from smartcard_linker.flow.format import format_date, group_uuid
from smartcard_linker.flow.msg import Msg, msg
from smartcard_linker.flow.ports import (
    CardMonitor,
    Executor,
    PortalClient,
    ServiceFactory,
    SignIn,
    TokenSession,
)
from smartcard_linker.flow.state import (
    AccountKind,
    Blocker,
    Busy,
    CheckStatus,
    ErrorReport,
    JourneyState,
    PinRequest,
    ReadinessCheck,
    Step,
)
from smartcard_linker.portal.errors import PortalError
from smartcard_linker.signin.errors import (
    BrowserUnavailable,
    ProviderError,
    SignInCancelled,
    SignInCancelledAtProvider,
    SignInError,
    SignInRequired,
)
from smartcard_linker.signin.model import AccessToken

log = logging.getLogger(__name__)

T = TypeVar("T")
CTX = "Journey"
CARE_IDENTITY = "care_identity"
RENEW_SOON_DAYS = 90
CARD_STEPS = frozenset({Step.CARD, Step.PIN})
Listener = Callable[[JourneyState], None]


class OriginMismatch(Exception):
    """The portal's challenge names a different origin than the app is configured for."""

    code = "origin_mismatch"


def _m(template: str, **args: object) -> Msg:
    return msg(CTX, template, **args)


def wipe(buffer: bytearray | None) -> None:
    """Overwrite a PIN buffer in place (used when the flow refuses a PIN it was handed)."""
    if buffer is not None:
        buffer[:] = bytes(len(buffer))


def _default_certificate(certs: tuple[CareIdentityCertificate, ...], now: datetime) -> int:
    """The NHS certificate (O=nhs, still valid) by default; else the first."""
    for i, cert in enumerate(certs):
        if "o=nhs" in cert.subject.lower() and not cert.expired(now):
            return i
    for i, cert in enumerate(certs):
        if not cert.expired(now):
            return i
    return 0


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
        self._config_error = config_error
        self._settings = settings
        self._services = services
        self._executor = executor
        self._clock = clock
        self._listeners: list[Listener] = []
        self._op_gen = 0  # bumped when the foreground operation is abandoned
        self._session_gen = 0  # bumped on a kiosk reset: drops everything in flight
        self._shut_down = False
        self._monitor: CardMonitor | None = None
        self._signin_adapter: SignIn | None = None  # set once built: closed on quit
        self._monitor_requested = False
        self._pin_seq = 0
        self._clear_person()
        self._state = self._fresh_state(readiness=self._initial_checks())

    # ------------------------------------------------------------------ state plumbing
    def _clear_person(self) -> None:
        """Forget everything about the current person (kiosk reset, sign-out)."""
        self._me: MeView | None = None
        self._session: TokenSession | None = None
        self._idempotency_key: str | None = None
        self._retry: Callable[[], None] | None = None
        self._cancel_to: Callable[[], None] | None = None
        self._signin_cancel: threading.Event | None = None
        self._card_op = False

    def _fresh_state(self, **changes: Any) -> JourneyState:
        base = JourneyState(
            step=Step.START,
            product_name=self._settings.product_name,
            kiosk=self._settings.kiosk_mode,
            config_error=self._config_error,
        )
        return replace(base, **changes)

    @property
    def state(self) -> JourneyState:
        return self._state

    @property
    def settings(self) -> Settings:
        return self._settings

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)
        listener(self._state)

    def _set(self, **changes: Any) -> None:
        self._state = replace(self._state, **changes)
        if self._state.sign_in_url is not None and self._state.step is not Step.SIGNING_IN:
            self._state = replace(self._state, sign_in_url=None)  # only while signing in
        for listener in list(self._listeners):
            listener(self._state)

    def _run(
        self,
        task: Callable[[], T],
        on_ok: Callable[[T], None],
        on_error: Callable[[Exception], None],
        *,
        busy: Msg | None = None,
        cancel_to: Callable[[], None] | None = None,
        on_stale: Callable[[T], None] | None = None,
        card: bool = False,
    ) -> None:
        """Run ``task`` on a worker as the one foreground operation; drop stale answers."""
        self._op_gen += 1
        op_gen, session_gen = self._op_gen, self._session_gen
        self._cancel_to = cancel_to
        self._card_op = card
        if busy is not None:
            self._set(
                step=Step.WORKING, busy=Busy(busy, cancellable=cancel_to is not None), error=None
            )

        def current() -> bool:
            return (
                not self._shut_down and op_gen == self._op_gen and session_gen == self._session_gen
            )

        def ok(value: T) -> None:
            if not current():
                if on_stale is not None:
                    on_stale(value)
                return
            self._cancel_to = None
            self._card_op = False
            on_ok(value)

        def err(exc: Exception) -> None:
            if not current():
                return
            self._cancel_to = None
            self._card_op = False
            on_error(exc)

        self._executor.submit(task, ok, err)

    def _background(self, task: Callable[[], object]) -> None:
        """Fire-and-forget work (closing a session, signing out); failures only logged."""

        def failed(exc: Exception) -> None:
            log.warning("background task failed: %s", type(exc).__name__)

        self._executor.submit(task, lambda _v: None, failed)

    def _abandon(self) -> None:
        self._op_gen += 1
        self._cancel_to = None
        self._card_op = False

    # ------------------------------------------------------------------ readiness
    def _initial_checks(self) -> tuple[ReadinessCheck, ...]:
        return (
            ReadinessCheck("service", _m("Smartcard service")),
            ReadinessCheck("reader", _m("Smartcard reader")),
            ReadinessCheck("middleware", _m("Smartcard software")),
            ReadinessCheck("portal", _m("Link My NHS Accounts portal")),
        )

    def _update_check(self, key: str, status: CheckStatus, code: str | None = None) -> None:
        fixes = {
            "service": _m(
                "The smartcard service is not running. Restart the computer, or ask your "
                "Local Administrator to start it."
            ),
            "reader": _m("No smartcard reader found. Plug in your smartcard reader."),
            "middleware": _m(
                "The NHS smartcard software is missing. Ask your Local Administrator to install it."
            ),
            "portal": _m(
                "Cannot reach the portal. Check this computer is connected to the network."
            ),
        }
        if key == "middleware" and code == "pkcs11_module_failed":
            fixes["middleware"] = _m(
                "The NHS smartcard software did not start. Restart the computer, or ask your "
                "Local Administrator to repair it."
            )
        if key == "portal" and code == "tls":
            fixes["portal"] = _m(
                "The secure connection to the portal failed. Ask your Local Administrator."
            )
        elif key == "portal" and code not in (None, "network", "timeout"):
            fixes["portal"] = _m("The portal is not available. Try again in a few minutes.")
        checks = tuple(
            replace(
                check,
                status=status,
                code=code,
                fix=fixes[key] if status is CheckStatus.FAILED else None,
            )
            if check.key == key
            else check
            for check in self._state.readiness
        )
        ready = self._config_error is None and all(c.status is CheckStatus.OK for c in checks)
        self._set(readiness=checks, ready=ready)

    def start_up(self) -> None:
        """Run the live readiness check (called once the first page is on screen)."""
        self.recheck()

    def recheck(self) -> None:
        """Check again: card service and reader, card software, portal."""
        if self._shut_down:
            return
        self._set(readiness=self._initial_checks(), ready=False)
        self._check_monitor()
        self._check(
            "middleware", lambda: self._services.card_access().module_path(), card_error=True
        )
        self._check("portal", lambda: self._services.portal().health(), card_error=False)

    def _check(self, key: str, task: Callable[[], object], *, card_error: bool) -> None:
        session_gen = self._session_gen

        def ok(_value: object) -> None:
            if session_gen == self._session_gen and not self._shut_down:
                self._update_check(key, CheckStatus.OK)

        def err(exc: Exception) -> None:
            if session_gen == self._session_gen and not self._shut_down:
                log.info("readiness %s failed: %s", key, getattr(exc, "code", type(exc).__name__))
                self._update_check(key, CheckStatus.FAILED, getattr(exc, "code", "app_error"))

        self._executor.submit(task, ok, err)

    def _check_monitor(self) -> None:
        start = not self._monitor_requested
        self._monitor_requested = True

        def task() -> CardMonitor:
            monitor = self._services.card_monitor()
            if start:
                monitor.start(self._on_monitor_thread_event)
                self._monitor = monitor  # visible to shutdown() even if our answer is dropped
                if self._shut_down:  # quit while we were starting: never leave it running
                    monitor.stop()
            return monitor

        def ok(monitor: CardMonitor) -> None:
            self._monitor = monitor
            if not self._shut_down:
                # Read the status here, on the flow's thread, not in the worker: a monitor
                # event posted meanwhile may already be newer than a status read there.
                self._apply_card_status(monitor.status(), monitor.readers())
            else:
                monitor.stop()

        def err(exc: Exception) -> None:
            if start:
                self._monitor_requested = False
            if self._shut_down:
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
        if not self._shut_down:
            self._executor.post(lambda: self._on_card_event(event))

    def _apply_card_status(self, status: MonitorStatus, readers: tuple[ReaderState, ...]) -> None:
        service_ok = status not in (MonitorStatus.SERVICE_UNAVAILABLE, MonitorStatus.STOPPED)
        self._update_check(
            "service",
            CheckStatus.OK if service_ok else CheckStatus.FAILED,
            None if service_ok else "card_service_unavailable",
        )
        has_reader = service_ok and status is not MonitorStatus.NO_READER and bool(readers)
        self._update_check(
            "reader",
            CheckStatus.OK if has_reader else CheckStatus.FAILED,
            None if has_reader else "no_reader",
        )
        self._set(readers=readers)

    # ------------------------------------------------------------------ card events
    def _on_card_event(self, event: CardEvent) -> None:
        if self._shut_down:
            return
        self._apply_card_status(event.status, event.readers)
        step = self._state.step
        removed_ours = (
            event.kind is CardEventKind.CARD_REMOVED
            and event.reader is not None
            and event.reader == self._state.selected_reader
        )
        if removed_ours and (step in CARD_STEPS or (step is Step.WORKING and self._card_op)):
            self._card_removed()
            return
        if step is Step.INSERT_CARD:
            self._evaluate_readers()

    def _card_removed(self) -> None:
        """The card left mid-step: back to "Insert your smartcard", keeping the sign-in."""
        self._abandon()
        self._close_session()
        self._set(
            step=Step.INSERT_CARD,
            busy=None,
            pin=None,
            certificates=(),
            selected_certificate=None,
            card_kind=None,
            certificate_warning=None,
            error=None,
            card_message=_m("Your smartcard was removed. Put it back in the reader to carry on."),
        )
        self._evaluate_readers(keep_message=True)

    # ------------------------------------------------------------------ errors
    def _fail(
        self,
        exc: Exception,
        retry: Callable[[], None] | None = None,
        *,
        where: Step | None = None,
    ) -> None:
        code = str(getattr(exc, "code", "app_error"))
        if not isinstance(exc, CardError | SignInError | PortalError | OriginMismatch):
            log.error("unexpected failure in the journey", exc_info=exc)
            code = "app_error"
        else:
            log.info("journey step failed: %s", code)
        entry = entry_for(code)
        title, message, action = entry.texts(self._settings.product_name)
        if isinstance(exc, ProviderError | BrowserUnavailable):
            title, message = self._sign_in_words(exc, title, message)
        retry_label = _m("Retry")
        action_retry: Callable[[], None] | None = retry if entry.retry else None
        if entry.sign_in_again and action_retry is not None:
            then = action_retry
            action_retry = lambda: self._sign_in(then=then, interactive_only=True)  # noqa: E731
            retry_label = _m("Sign in again")
        link_url, link_label = self._resolve_link(entry.link)
        request_id = exc.request_id if isinstance(exc, PortalError) else None
        self._retry = action_retry
        self._set(
            step=Step.ERROR,
            busy=None,
            pin=None,
            error=ErrorReport(
                code=code,
                title=title,
                message=message,
                action=action,
                retry_allowed=action_retry is not None,
                retry_label=retry_label,
                occurred_at=self._clock(),
                step=where or self._state.step,
                request_id=request_id,
                link_url=link_url,
                link_label=link_label,
                app_version=__version__,
            ),
        )

    def _sign_in_words(self, exc: SignInError, title: Msg, message: Msg) -> tuple[Msg, Msg]:
        """The provider's reason in plain words (AADSTS code → text), or the URL to copy
        when no browser opened. Imported here: it pulls in requests, loaded by now anyway."""
        from smartcard_linker.signin.messages import user_message

        words = user_message(exc, self._product)
        if not words.title or not words.text:
            return title, message
        return Msg("SignInMessages", words.title), Msg("SignInMessages", words.text)

    def _resolve_link(self, link: Link) -> tuple[str | None, Msg | None]:
        if link is Link.UNLOCK and self._settings.self_service_unlock_url:
            return self._settings.self_service_unlock_url, _m("Unlock my smartcard online")
        if link is Link.AUP and self._me is not None:
            return self._me.aup_url, _m("Open the Acceptable Use Policy")
        if link is Link.HELPDESK and self._settings.helpdesk_url:
            return self._settings.helpdesk_url, _m("Open the Helpdesk")
        return None, None

    def retry(self) -> None:
        """Retry the failed step (only offered where that is safe)."""
        if self._state.step is Step.ERROR and self._retry is not None:
            again, self._retry = self._retry, None
            again()

    def cancel(self) -> None:
        """Cancel the wait in progress (where it can be cancelled)."""
        if self._state.busy is not None and self._cancel_to is not None:
            target = self._cancel_to
            self._abandon()
            if self._signin_cancel is not None:
                self._signin_cancel.set()
            target()

    def start_again(self) -> None:
        """From an error page: back to the account page if signed in, else the start."""
        self._abandon()
        self._retry = None
        self._close_session()
        if self._me is not None:
            self._show_account(self._me)
        else:
            self._to_start()

    def _to_start(self) -> None:
        self._set(
            step=Step.START,
            busy=None,
            error=None,
            pin=None,
            blocker=None,
            account=None,
            link_request=None,
            link=None,
        )

    # ------------------------------------------------------------------ sign-in
    def begin(self) -> None:
        """ "Start now": sign in (silently if the sign-in is remembered, else in the browser)."""
        if self._state.step is not Step.START or not self._state.ready:
            return
        self._sign_in(then=self._load_me)

    def _sign_in(
        self,
        then: Callable[[], None],
        *,
        interactive_only: bool = False,
        sign_out_first: bool = False,
    ) -> None:
        cancel = threading.Event()
        self._signin_cancel = cancel
        hint = None if sign_out_first or self._me is None else self._me.account.email
        self._set(
            step=Step.SIGNING_IN,
            busy=Busy(_m("Opening the {product} sign-in…", product=self._product), True),
            error=None,
        )
        op_gen = self._op_gen + 1  # the generation _run is about to take

        def browser_opening() -> None:
            if op_gen == self._op_gen and self._state.step is Step.SIGNING_IN:
                self._set(
                    busy=Busy(
                        _m(
                            "Waiting for you to finish signing in to {product} in your browser…",
                            product=self._product,
                        ),
                        True,
                    )
                )

        def task() -> tuple[AccessToken, bool]:
            sign_in = self._sign_in_port()
            if sign_out_first:
                sign_in.sign_out()
            if not interactive_only and not sign_out_first:
                token = sign_in.silent()
                if token is not None:
                    return token, sign_in.remembers_sign_in
            self._executor.post(browser_opening)
            return sign_in.interactive(cancel, hint), sign_in.remembers_sign_in

        def ok(result: tuple[AccessToken, bool]) -> None:
            self._signin_cancel = None
            self._set(remembers_sign_in=result[1])
            then()

        def err(exc: Exception) -> None:
            if isinstance(exc, BrowserUnavailable):
                self._wait_for_copied_address(exc.url, cancel, then)
                return
            self._sign_in_failed(exc, then)

        self._run(task, ok, err, busy=None, cancel_to=self._sign_in_cancelled)

    def _sign_in_failed(self, exc: Exception, then: Callable[[], None]) -> None:
        self._signin_cancel = None
        if isinstance(exc, SignInCancelled) and not isinstance(exc, SignInCancelledAtProvider):
            self._to_start()  # our own Cancel: the person knows, no error page
            return
        self._fail(exc, retry=then)  # the catalogue turns this into "Sign in again"

    def _wait_for_copied_address(
        self, url: str, cancel: threading.Event, then: Callable[[], None]
    ) -> None:
        """No browser opened: show the sign-in address to copy and keep waiting for it."""
        self._set(
            step=Step.SIGNING_IN,
            sign_in_url=url,
            busy=Busy(
                _m(
                    "Waiting for you to finish signing in to {product} in a web browser…",
                    product=self._product,
                ),
                True,
            ),
            error=None,
        )

        def task() -> bool:
            sign_in = self._sign_in_port()
            sign_in.continue_in_browser(cancel)
            return sign_in.remembers_sign_in

        def ok(remembers: bool) -> None:
            self._signin_cancel = None
            self._set(remembers_sign_in=remembers)
            then()

        self._run(
            task,
            ok,
            lambda exc: self._sign_in_failed(exc, then),
            cancel_to=self._sign_in_cancelled,
        )

    def _sign_in_port(self) -> SignIn:
        """The SignIn adapter (built on first use, on a worker); remembered for quit."""
        adapter = self._services.sign_in()
        self._signin_adapter = adapter
        return adapter

    def _sign_in_cancelled(self) -> None:
        self._signin_cancel = None
        self._me = None
        self._to_start()

    @property
    def _product(self) -> str:
        return self._settings.product_name

    def not_you(self) -> None:
        """ "Not you?": sign out and sign in again in the browser as someone else."""
        if self._state.busy is not None:
            return
        self._abandon()
        self._close_session()
        self._me = None
        self._set(account=None, blocker=None)
        self._sign_in(then=self._load_me, sign_out_first=True)

    def _authed(self, call: Callable[[PortalClient, str], T]) -> Callable[[], T]:
        """Wrap a portal call: current token; on token_invalid renew silently once."""

        def task() -> T:
            sign_in = self._sign_in_port()
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

    # ------------------------------------------------------------------ account & prerequisites
    def _load_me(self) -> None:
        self._run(
            self._authed(lambda portal, token: portal.me(token)),
            self._on_me,
            lambda exc: self._fail(exc, retry=self._load_me, where=Step.ACCOUNT),
            busy=_m("Checking your {product} account…", product=self._product),
            cancel_to=self._to_start,
        )

    def recheck_account(self) -> None:
        """ "Check again" on the prerequisites page (e.g. after accepting the AUP)."""
        if self._state.step is Step.BLOCKED:
            self._load_me()

    def _on_me(self, me: MeView) -> None:
        self._me = me
        self._show_account(me)

    def _show_account(self, me: MeView) -> None:
        blocker = self._blocker_for(me)
        self._set(
            step=Step.BLOCKED if blocker else Step.ACCOUNT,
            busy=None,
            error=None,
            pin=None,
            account=me.account,
            blocker=blocker,
            account_kinds=(
                AccountKind(
                    CARE_IDENTITY,
                    _m("NHS Care Identity"),
                    _m("Your NHS Smartcard: the identity you use for clinical systems."),
                ),
            ),
            chosen_kind=self._state.chosen_kind or CARE_IDENTITY,
            link_request=None,
            link=None,
            certificates=(),
            selected_certificate=None,
            card_kind=None,
        )

    def _blocker_for(self, me: MeView) -> Blocker | None:
        product = self._product
        if not me.account_active:
            return Blocker(
                "account_inactive",
                _m("Your {product} account is not active", product=product),
                _m("Only an active {product} account can be linked.", product=product),
                _m("Contact your Local Administrator to make your account active."),
            )
        if not me.aup_accepted:
            return Blocker(
                "aup_not_accepted",
                _m("Accept the Acceptable Use Policy first", product=product),
                _m(
                    "You need to accept the {product} Acceptable Use Policy (AUP) before you "
                    "can link your smartcard.",
                    product=product,
                ),
                _m(
                    "Open the policy and accept it. It can take about 2 hours before linking "
                    "works. Then come back and select Check again."
                ),
                link_url=me.aup_url,
                link_label=_m("Open the Acceptable Use Policy"),
            )
        if me.current_link is not None:
            link = me.current_link
            return Blocker(
                "already_linked",
                _m("Your accounts are already linked"),
                _m(
                    "Your {product} account is already linked to NHS Care Identity {uuid} "
                    "(since {date}).",
                    product=product,
                    uuid=group_uuid(link.identity.uuid),
                    date=format_date(link.linked_at),
                ),
                _m(
                    "There is nothing more to do. If this link is wrong, contact your Local "
                    "Administrator and quote reference {reference}.",
                    reference=link.reference,
                ),
                link=link,
            )
        return None

    def choose_kind(self, key: str) -> None:
        if (
            self._state.step is Step.ACCOUNT
            and key != self._state.chosen_kind
            and any(k.key == key for k in self._state.account_kinds)
        ):
            self._set(chosen_kind=key)

    def continue_to_card(self) -> None:
        """Continue from the account page to "Insert your smartcard"."""
        if self._state.step is not Step.ACCOUNT or self._state.chosen_kind is None:
            return
        self._set(step=Step.INSERT_CARD, card_message=None, selected_reader=None)
        self._evaluate_readers()

    # ------------------------------------------------------------------ card
    def _evaluate_readers(self, *, keep_message: bool = False) -> None:
        readers = self._state.readers
        with_card = [r for r in readers if r.has_card]
        message: Msg | None
        if not readers:
            message = _m("Connect your smartcard reader to this computer.")
        elif not with_card:
            message = (
                _m("Put your smartcard in the reader.")
                if len(readers) == 1
                else _m("Put your smartcard in one of the readers.")
            )
        else:
            message = None
        if keep_message and self._state.card_message is not None and not with_card:
            message = self._state.card_message
        selected = self._state.selected_reader
        chosen = next((r for r in with_card if r.name == selected), None)
        if chosen is None and len(with_card) == 1:
            chosen = with_card[0]
        if chosen is not None:
            self._set(card_message=None, reader_choice_needed=False, selected_reader=chosen.name)
            self._open_card(chosen)
            return
        self._set(
            card_message=(
                _m("There is a card in more than one reader. Choose the reader with your card.")
                if len(with_card) > 1
                else message
            ),
            reader_choice_needed=len(with_card) > 1,
            selected_reader=None,
        )

    def select_reader(self, name: str) -> None:
        """Several readers: the user picks the one holding their card."""
        if self._state.step is not Step.INSERT_CARD:
            return
        reader = next((r for r in self._state.readers if r.name == name and r.has_card), None)
        if reader is not None:
            self._set(selected_reader=name, reader_choice_needed=False)
            self._open_card(reader)

    def _open_card(self, reader: ReaderState) -> None:
        self._close_session()

        def task() -> TokenSession:
            return self._services.card_access().open_token(reader.name)

        def ok(session: TokenSession) -> None:
            self._session = session
            certs = session.info.certificates
            if not certs:
                self._fail(_certificate_missing(), where=Step.CARD)
                return
            now = self._clock()
            index = _default_certificate(certs, now)
            self._set(
                step=Step.CARD,
                busy=None,
                card_kind=reader.card_kind,
                certificates=certs,
                selected_certificate=index,
                certificate_warning=self._certificate_warning(certs[index]),
            )

        def err(exc: Exception) -> None:
            if isinstance(exc, NoCard | CardRemoved):
                self._set(
                    step=Step.INSERT_CARD,
                    busy=None,
                    selected_reader=None,
                    card_message=_m("Put your smartcard in the reader."),
                )
                return
            self._fail(exc, retry=self._back_to_insert, where=Step.INSERT_CARD)

        self._run(
            task,
            ok,
            err,
            busy=_m("Reading your smartcard…"),
            cancel_to=self._back_to_account,
            on_stale=lambda session: self._background(session.close),
            card=True,
        )

    def back_to_account(self) -> None:
        """ "Back" from the card pages: the account page, signed in still."""
        if self._state.step in (Step.INSERT_CARD, Step.CARD):
            self._abandon()
            self._close_session()
            self._back_to_account()

    def _back_to_account(self) -> None:
        if self._me is not None:
            self._show_account(self._me)
        else:
            self._to_start()

    def _back_to_insert(self) -> None:
        self._close_session()
        self._set(
            step=Step.INSERT_CARD,
            busy=None,
            error=None,
            pin=None,
            selected_reader=None,
            certificates=(),
            selected_certificate=None,
            card_kind=None,
            certificate_warning=None,
            card_message=None,
        )
        self._evaluate_readers()

    def _certificate_warning(self, cert: CareIdentityCertificate) -> Msg | None:
        now = self._clock()
        if cert.expired(now):
            return _m(
                "This certificate expired on {date}. Ask your Registration Authority to renew it.",
                date=format_date(cert.not_after),
            )
        days = cert.days_left(now)
        if days <= RENEW_SOON_DAYS:
            return _m(
                "This certificate expires in {days} days ({date}). You can renew it with your "
                "Registration Authority.",
                days=days,
                date=format_date(cert.not_after),
            )
        return None

    def select_certificate(self, index: int) -> None:
        if self._state.step is Step.CARD and 0 <= index < len(self._state.certificates):
            self._set(
                selected_certificate=index,
                certificate_warning=self._certificate_warning(self._state.certificates[index]),
            )

    def continue_to_pin(self) -> None:
        """Continue from the card page: check the certificate, read the PIN rules, ask."""
        cert = self._state.selected
        session = self._session
        if self._state.step is not Step.CARD or cert is None or session is None:
            return
        if cert.expired(self._clock()):
            self._fail(_certificate_expired(), where=Step.CARD)
            return
        self._run(
            session.pin_policy,
            lambda policy: self._ask_pin(policy),
            self._card_failure(retry=self._back_to_insert),
            busy=_m("Checking your smartcard…"),
            cancel_to=self._back_to_card,
            card=True,
        )

    def _card_failure(self, retry: Callable[[], None]) -> Callable[[Exception], None]:
        def handle(exc: Exception) -> None:
            if isinstance(exc, CardRemoved):
                self._card_removed()
            else:
                self._fail(exc, retry=retry, where=Step.CARD)

        return handle

    def _back_to_card(self) -> None:
        if self._session is None:
            self._back_to_insert()
            return
        self._set(step=Step.CARD, busy=None, pin=None, error=None)

    def _ask_pin(
        self,
        policy: PinPolicy,
        *,
        problem: Msg | None = None,
        tries_left: int | None = None,
        final_try: bool | None = None,
    ) -> None:
        if policy.locked:
            self._fail(PinLocked("the card is locked"), where=Step.PIN)
            return
        reader = next(
            (r for r in self._state.readers if r.name == self._state.selected_reader), None
        )
        self._pin_seq += 1
        self._set(
            step=Step.PIN,
            busy=None,
            error=None,
            pin=PinRequest(
                seq=self._pin_seq,
                policy=policy,
                pin_pad=policy.pin_pad or (reader is not None and reader.pin_pad),
                pin_pad_timeout_s=self._settings.pin_pad_timeout_s,
                problem=problem,
                tries_left=tries_left,
                final_try=policy.final_try if final_try is None else final_try,
                count_low=policy.count_low,
                self_service_unlock_url=self._settings.self_service_unlock_url,
            ),
        )

    def _ask_pin_again_for_length(
        self, policy: PinPolicy, request: PinRequest, min_length: int, max_length: int
    ) -> None:
        """The PIN broke the card's length rules: ask again; no try was used."""
        self._ask_pin(
            policy,
            problem=_m(
                "Your passcode must be {min} to {max} characters. No attempt was used.",
                min=min_length,
                max=max_length,
            ),
            tries_left=request.tries_left,
            final_try=request.final_try,
        )

    def submit_pin(self, pin: bytearray | None) -> None:
        """The PIN dialog's answer. ``None``: the reader's PIN pad. The buffer is wiped by login.

        Never retried automatically: a wrong PIN goes back to the user.
        """
        request = self._state.pin
        session = self._session
        if self._state.step is not Step.PIN or request is None or session is None:
            wipe(pin)
            return
        if pin is None and not request.pin_pad:
            return
        policy = request.policy
        if pin is not None and not (policy.min_length <= len(pin) <= policy.max_length):
            wipe(pin)
            self._ask_pin_again_for_length(policy, request, policy.min_length, policy.max_length)
            return
        pad = pin is None

        def task() -> None:
            session.login(pin)

        def err(exc: Exception) -> None:
            if isinstance(exc, WrongPin):
                self._after_wrong_pin(exc, policy)
            elif isinstance(exc, PinFormatRejected):
                self._ask_pin_again_for_length(policy, request, exc.min_length, exc.max_length)
            elif isinstance(exc, PinPadTimeout):
                self._fail(exc, retry=lambda: self._ask_pin(policy), where=Step.PIN)
            elif isinstance(exc, CardRemoved):
                self._card_removed()
            else:
                self._fail(exc, retry=self._back_to_insert, where=Step.PIN)

        self._run(
            task,
            lambda _none: self._make_link_request(),
            err,
            busy=(
                _m("Enter your passcode on the card reader's keypad.")
                if pad
                else _m("Checking your passcode…")
            ),
            cancel_to=self._pin_pad_cancelled if pad else None,
            card=True,
        )

    def _after_wrong_pin(self, exc: WrongPin, policy: PinPolicy) -> None:
        tries = exc.tries_left
        final = exc.final_try or tries == 1
        problem = _m("That passcode was not accepted.")
        self._ask_pin(
            replace(policy, final_try=final, count_low=policy.count_low or tries is not None),
            problem=problem,
            tries_left=tries,
            final_try=final,
        )

    def cancel_pin(self) -> None:
        """Cancel in the PIN dialog (or while the PIN pad waits): back to the card page."""
        if self._state.step is Step.PIN:
            self._back_to_card()
        elif self._state.step is Step.WORKING and self._cancel_to == self._pin_pad_cancelled:
            self.cancel()

    def _pin_pad_cancelled(self) -> None:
        """The PIN pad may still be waiting: drop this session and read the card afresh."""
        self._back_to_insert()

    def pin_pad_timed_out(self) -> None:
        """The UI's countdown ran out before the reader answered."""
        if self._state.step is Step.WORKING and self._cancel_to == self._pin_pad_cancelled:
            self._abandon()
            self._close_session()
            self._fail(
                PinPadTimeout("no PIN entered on the reader"),
                retry=self._back_to_insert,
                where=Step.PIN,
            )

    def stop_for_unlock(self) -> None:
        """Final try: the user chose to stop and unlock online instead of risking a lock."""
        if self._state.step is Step.PIN:
            self._abandon()
            self._close_session()
            self._fail(_PinStopped("stopped before the final PIN try"), where=Step.PIN)

    # ------------------------------------------------------------------ link request
    def _make_link_request(self) -> None:
        session = self._session
        cert = self._state.selected
        me = self._me
        if session is None or cert is None or me is None:
            self._back_to_insert()
            return
        oid = me.account.oid

        def call(portal: PortalClient, token: str) -> LinkRequestView:
            origin = normalize_origin(portal.origin)
            challenge = portal.create_challenge(token)
            if normalize_origin(challenge.origin) != origin:
                raise OriginMismatch("challenge origin differs from the configured portal")
            message = build_link_message(origin, challenge.nonce, oid)
            signature = session.sign(cert, message)
            body = LinkRequestBody(
                challenge_id=challenge.challenge_id,
                certificate=cert.der,
                signature=signature,
                signature_algorithm=cert.algorithm.value,
            )
            return portal.create_link_request(token, body)

        def ok(request: LinkRequestView) -> None:
            self._idempotency_key = uuid_module.uuid4().hex  # one per link request
            self._close_session()  # the card's part is done
            self._set(step=Step.REVIEW, busy=None, link_request=request, pin=None)

        def err(exc: Exception) -> None:
            if isinstance(exc, CardRemoved):
                self._card_removed()
                return
            retry = self._make_link_request if self._session is not None else self._back_to_insert
            self._fail(exc, retry=retry, where=Step.REVIEW)

        self._run(
            self._authed(call),
            ok,
            err,
            busy=_m("Checking your smartcard with the portal…"),
            cancel_to=self._back_to_card,
            card=True,
        )

    # ------------------------------------------------------------------ review & done
    def confirm(self) -> None:
        """Confirm at review. One idempotency key per link request, reused on every retry."""
        if self._state.step is Step.REVIEW:
            self._confirm()

    def _confirm(self) -> None:
        request = self._state.link_request
        key = self._idempotency_key
        if request is None or key is None:
            self._fail(RuntimeError("nothing to confirm"))
            return
        request_id = request.link_request_id

        def err(exc: Exception) -> None:
            self._fail(exc, retry=self._confirm, where=Step.REVIEW)

        self._run(
            self._authed(lambda portal, token: portal.confirm(token, request_id, key)),
            self._on_linked,
            err,
            busy=_m("Linking your accounts…"),
        )

    def _on_linked(self, link: LinkView) -> None:
        self._idempotency_key = None
        self._set(step=Step.DONE, busy=None, link=link, error=None)

    def cancel_review(self) -> None:
        """Cancel at review: tell the portal (best effort) and go back to the account page."""
        request = self._state.link_request
        if self._state.step is not Step.REVIEW or request is None:
            return
        request_id = request.link_request_id
        self._idempotency_key = None

        def back(_result: object = None) -> None:
            if self._me is not None:
                self._show_account(self._me)
            else:
                self._to_start()

        def failed(exc: Exception) -> None:
            log.info("cancelling the link request failed: %s", getattr(exc, "code", "?"))
            back()

        self._run(
            self._authed(lambda portal, token: portal.cancel(token, request_id)),
            back,
            failed,
            busy=_m("Cancelling…"),
        )

    def finish(self) -> None:
        """Finish: kiosk → ready for the next person; otherwise the window closes."""
        if self._settings.kiosk_mode:
            self.reset()
        else:
            self._abandon()
            self._close_session()
            self._set(step=Step.CLOSED, busy=None)

    # ------------------------------------------------------------------ kiosk
    def idle_timeout(self) -> None:
        """Nobody touched the app for kiosk_idle_timeout_s: clear it for the next person."""
        if not self._settings.kiosk_mode:
            return
        busy = self._state.busy
        if busy is not None and not busy.cancellable:
            return  # e.g. confirming a link: let it land, the done timeout resets later
        if self._state.step is Step.START and self._state.account is None:
            return
        self.reset()

    def done_timeout(self) -> None:
        if self._settings.kiosk_mode and self._state.step is Step.DONE:
            self.reset()

    def reset(self) -> None:
        """Drop everything of the current person: sign-out, token session, every page."""
        self._session_gen += 1
        self._abandon()
        if self._signin_cancel is not None:
            self._signin_cancel.set()
        self._close_session()
        signed_in = self._me is not None or self._state.account is not None
        self._clear_person()
        if signed_in or self._settings.kiosk_mode:
            self._background(lambda: self._services.sign_in().sign_out())
        self._state = self._fresh_state(
            readiness=self._state.readiness,
            ready=self._state.ready,
            readers=self._state.readers,
        )
        self._set()

    # ------------------------------------------------------------------ teardown
    def _close_session(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            self._background(session.close)

    def shutdown(self) -> None:
        """Quit: stop waiting, stop the card monitor, close the session, sign out in kiosk.

        Runs on the flow's thread and blocks briefly; the UI then joins its workers.
        """
        if self._shut_down:
            return
        self._shut_down = True
        self._abandon()
        if self._signin_cancel is not None:
            self._signin_cancel.set()
        session, self._session = self._session, None
        monitor, self._monitor = self._monitor, None
        signin = self._signin_adapter
        for action in (
            session.close if session is not None else None,
            monitor.stop if monitor is not None else None,
            signin.close if signin is not None else None,
        ):
            if action is not None:
                try:
                    action()
                except Exception as exc:  # quitting must not fail
                    log.warning("shutdown step failed: %s", type(exc).__name__)
        if self._settings.kiosk_mode and (self._me is not None):
            self._background(lambda: self._services.sign_in().sign_out())
        self._clear_person()


class _PinStopped(CardError):
    code = "pin_stopped"


def _certificate_missing() -> CardError:
    return CertificateMissing("no certificate on the card")


def _certificate_expired() -> CardError:
    return CertificateExpired("the card certificate has expired")
