"""Small in-memory doubles of the flow's ports (allowed for the Qt-free flow's tests only).

They behave like the real adapters where the flow can tell: the token wipes the
PIN buffer, counts tries and locks; the portal checks the signed message against
the configured origin and the caller's oid and honours the Idempotency-Key.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from link_protocol import SignatureAlgorithm, build_link_message
from link_protocol.models import (
    AccountView,
    ChallengeView,
    IdentityView,
    LinkRequestBody,
    LinkRequestView,
    LinkView,
    MeView,
    Problem,
)
from smartcard_linker.card.errors import CardRemoved, NoCard, PinLocked, WrongPin
from smartcard_linker.card.model import (
    CardEvent,
    CardEventKind,
    CardKind,
    CardRecognition,
    CardSummary,
    CareIdentityCertificate,
    MonitorStatus,
    PinPolicy,
    ReaderState,
    TokenInfo,
    Verdict,
)
from smartcard_linker.portal.errors import PortalError
from smartcard_linker.signin.errors import SignInCancelled, SignInRequired
from smartcard_linker.signin.model import AccessToken, SignedInAccount

T = TypeVar("T")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ORIGIN = "https://portal.test:8443"
SERIES_9 = CardKind("nhs-series-9", "NHS Smartcard (Series 9)", known=True, nhs=True)


class DeferredExecutor:
    """Queues work; the test decides when it runs (so "waiting" states can be seen)."""

    def __init__(self) -> None:
        self.queue: list[Callable[[], None]] = []
        # Set to model another thread acting after a task finished but before its answer
        # reaches the flow: it runs once, and the answer is queued behind what it posts.
        self.between: Callable[[], None] | None = None

    def submit(
        self,
        task: Callable[[], T],
        on_ok: Callable[[T], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        def run() -> None:
            try:
                value = task()
            except Exception as exc:
                on_error(exc)
                return
            if self.between is None:
                on_ok(value)
                return
            between, self.between = self.between, None
            between()
            self.queue.append(lambda: on_ok(value))

        self.queue.append(run)

    def post(self, callback: Callable[[], None]) -> None:
        self.queue.append(callback)

    def run_all(self, limit: int = 200) -> None:
        for _ in range(limit):
            if not self.queue:
                return
            self.queue.pop(0)()
        raise AssertionError("executor queue never drained")


def certificate(
    uuid: str = "102048843983",
    *,
    not_after: datetime = NOW + timedelta(days=400),
    subject: str | None = None,
) -> CareIdentityCertificate:
    return CareIdentityCertificate(
        der=b"DER:" + uuid.encode(),
        uuid=uuid,
        subject=subject or f"CN={uuid},OU=people,O=nhs",
        issuer="CN=SubCA Test,OU=CA,O=nhs",
        not_before=NOW - timedelta(days=300),
        not_after=not_after,
        key_type="RSA",
        algorithm=SignatureAlgorithm.RS256,
    )


def fake_sign(message: bytes) -> bytes:
    return hashlib.sha256(b"card-key" + message).digest()


class FakeToken:
    def __init__(
        self,
        reader: str,
        *,
        pin: str = "123456",
        tries: int = 3,
        certificates: tuple[CareIdentityCertificate, ...] | None = None,
        pin_pad: bool = False,
        nhs: bool = True,
    ) -> None:
        self.reader = reader
        self.nhs = nhs  # an NHS Smartcard (its certificate from an NHS issuer)
        self._pin = pin.encode()
        self.tries = tries
        self.max_tries = tries
        self.pin_pad = pin_pad
        self.logged_in = False
        self.closed = False
        self.login_calls = 0
        self.pins_seen: list[bytearray | None] = []
        self.signed: list[bytes] = []
        self.pad_pin: str | None = None  # what the person types on the PIN pad
        self.certificates = (certificate(),) if certificates is None else certificates
        self.removed = False

    def policy(self) -> PinPolicy:
        return PinPolicy(
            min_length=4,
            max_length=8,
            count_low=0 < self.tries < self.max_tries,
            final_try=self.tries == 1,
            locked=self.tries == 0,
            pin_pad=self.pin_pad,
        )

    @property
    def info(self) -> TokenInfo:
        return TokenInfo(
            reader=self.reader,
            label="NHS",
            serial="0001",
            manufacturer="Test",
            pin_policy=self.policy(),
            certificates=self.certificates,
        )

    def pin_policy(self) -> PinPolicy:
        self._check()
        return self.policy()

    def _check(self) -> None:
        if self.removed:
            raise CardRemoved("card removed")
        if self.closed:
            raise RuntimeError("session closed")

    def login(self, pin: bytearray | None) -> None:
        self._check()
        self.login_calls += 1
        self.pins_seen.append(pin)
        typed = bytes(pin) if pin is not None else (self.pad_pin or "").encode()
        if pin is not None:
            pin[:] = bytes(len(pin))  # the real adapter wipes it too
        if self.tries == 0:
            raise PinLocked("locked")
        if typed != self._pin:
            self.tries -= 1
            if self.tries == 0:
                raise PinLocked("locked")
            raise WrongPin(tries_left=self.tries, final_try=self.tries == 1)
        self.tries = self.max_tries
        self.logged_in = True

    def sign(self, certificate: CareIdentityCertificate, message: bytes) -> bytes:
        self._check()
        assert self.logged_in, "sign before login"
        self.signed.append(message)
        return fake_sign(message)

    def close(self) -> None:
        self.closed = True
        self.logged_in = False


class FakeMonitor:
    def __init__(self, readers: list[ReaderState] | None = None) -> None:
        self._readers = readers if readers is not None else [reader("Reader A", card=True)]
        self._status = MonitorStatus.RUNNING
        self.on_event: Callable[[CardEvent], None] | None = None
        self.stopped = False
        self.started = 0

    def start(self, on_event: Callable[[CardEvent], None]) -> None:
        self.started += 1
        self.on_event = on_event

    def stop(self) -> None:
        self.stopped = True

    def readers(self) -> tuple[ReaderState, ...]:
        return tuple(self._readers)

    def status(self) -> MonitorStatus:
        if self._status is MonitorStatus.RUNNING and not self._readers:
            return MonitorStatus.NO_READER
        return self._status

    def _emit(self, kind: CardEventKind, name: str | None) -> None:
        assert self.on_event is not None
        self.on_event(CardEvent(kind, self.readers(), self.status(), reader=name))

    def set_card(self, name: str, present: bool) -> None:
        self._readers = [
            replace(r, has_card=present, card_kind=SERIES_9 if present else None)
            if r.name == name
            else r
            for r in self._readers
        ]
        self._emit(CardEventKind.CARD_INSERTED if present else CardEventKind.CARD_REMOVED, name)


def reader(name: str, *, card: bool, pin_pad: bool = False) -> ReaderState:
    return ReaderState(
        name=name, has_card=card, card_kind=SERIES_9 if card else None, pin_pad=pin_pad
    )


class FakeCardAccess:
    def __init__(self, monitor: FakeMonitor, tokens: dict[str, FakeToken]) -> None:
        self.monitor = monitor
        self.tokens = tokens
        self.module_missing = False
        self.opened: list[FakeToken] = []

    def module_path(self) -> str:
        if self.module_missing:
            from smartcard_linker.card.errors import ModuleNotFound

            raise ModuleNotFound("no module", tried=("/usr/local/AWP/lib/libOcsCryptoki.so",))
        return "/usr/lib/opensc-pkcs11.so"

    def open_token(self, reader: str) -> FakeToken:
        state = next((r for r in self.monitor.readers() if r.name == reader), None)
        if state is None or not state.has_card:
            raise NoCard("no card")
        token = self.tokens[reader]
        token.closed = False
        token.removed = False
        self.opened.append(token)
        return token

    def summary(self, reader: str) -> CardSummary:
        state = next((r for r in self.monitor.readers() if r.name == reader), None)
        if state is None or not state.has_card:
            raise NoCard("no card")
        token = self.tokens[reader]
        verdict = Verdict.NHS if token.nhs else Verdict.NOT_NHS
        recognition = CardRecognition(verdict, "test issuer", SERIES_9)
        uuid = token.certificates[0].uuid if token.nhs and token.certificates else None
        return CardSummary(reader, recognition, uuid, f"serial-{reader[-1]}")


@dataclass
class Person:
    oid: str = "0b1e7f6c-1a2b-4c3d-8e9f-000000000001"
    email: str = "ready.user@nhs.net"
    name: str = "Alex Ready"
    active: bool = True
    aup: bool = True
    uuid: str = "102048843983"
    identity_name: str = "Alex Ready"
    identity_known: bool = True


class FakeSignIn:
    def __init__(self, person: Person) -> None:
        self.person = person
        self.remembers_sign_in = False
        self.cached: AccessToken | None = None
        self.interactive_calls = 0
        self.silent_calls = 0
        self.sign_outs = 0
        self.cancel_next = False  # the user closes the browser
        self.block_until_cancel = False
        self._serial = itertools.count(1)
        self.hints: list[str | None] = []
        self.fail_with: Exception | None = None  # what the provider answers next
        self.continued = 0  # continue_in_browser calls (after BrowserUnavailable)
        self.closed = 0

    def _mint(self) -> AccessToken:
        return AccessToken(
            token=f"tok-{next(self._serial)}",
            expires_at=NOW + timedelta(hours=1),
            account=SignedInAccount("home", self.person.email, self.person.name, "tenant"),
        )

    def interactive(self, cancel: threading.Event, login_hint: str | None = None) -> AccessToken:
        self.interactive_calls += 1
        self.hints.append(login_hint)
        if self.fail_with is not None:
            failure, self.fail_with = self.fail_with, None
            raise failure
        if self.cancel_next or (self.block_until_cancel and cancel.wait(5)):
            self.cancel_next = False
            raise SignInCancelled("cancelled")
        self.cached = self._mint()
        return self.cached

    def silent(self) -> AccessToken | None:
        self.silent_calls += 1
        if self.cached is None:
            return None
        self.cached = self._mint()  # a refresh gives a new token
        return self.cached

    def access_token(self) -> AccessToken:
        if self.cached is None:
            raise SignInRequired("no sign-in")
        return self.cached

    def sign_out(self) -> None:
        self.sign_outs += 1
        self.cached = None

    def continue_in_browser(self, cancel: threading.Event) -> AccessToken:
        """The person finishes at the copied address (or blocks until cancelled)."""
        self.continued += 1
        if self.block_until_cancel and cancel.wait(5):
            raise SignInCancelled("cancelled")
        self.cached = self._mint()
        return self.cached

    def close(self) -> None:
        self.closed += 1


@dataclass
class FakePortal:
    person: Person
    origin: str = ORIGIN
    challenge_origin: str | None = None
    down: bool = False
    valid_tokens: set[str] = field(default_factory=set)
    accept_any_token: bool = True
    fail_next: list[tuple[str, str]] = field(default_factory=list)  # (call, code)
    challenge_lifetime: timedelta = timedelta(seconds=120)  # the portal's default TTL
    lose_confirm_response: int = 0  # confirm records the link, then the answer is lost
    already_linked: bool = False
    links: dict[str, LinkView] = field(default_factory=dict)  # idempotency key → link
    cancelled: list[str] = field(default_factory=list)
    confirm_keys: list[str] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    tokens_seen: list[str] = field(default_factory=list)
    _challenges: dict[str, bytes] = field(default_factory=dict)
    _counter: Any = field(default_factory=lambda: itertools.count(1))

    def _problem(self, code: str, status: int = 400) -> PortalError:
        return PortalError(
            Problem(code=code, title=code, status=status, request_id=f"req-{code}"),
            host="portal.test",
        )

    def _enter(self, call: str, token: str | None) -> None:
        self.calls.append(call)
        if self.down:
            raise self._problem("network", 0)
        if token is not None:
            self.tokens_seen.append(token)
            if not self.accept_any_token and token not in self.valid_tokens:
                raise self._problem("token_invalid", 401)
        for i, (name, code) in enumerate(self.fail_next):
            if name == call:
                del self.fail_next[i]
                raise self._problem(code)

    def account(self) -> AccountView:
        return AccountView(self.person.oid, self.person.email, self.person.name)

    def identity(self) -> IdentityView:
        return IdentityView(
            self.person.uuid,
            self.person.identity_name,
            "active",
            certificate_not_after=NOW + timedelta(days=400),
        )

    def health(self) -> None:
        self._enter("health", None)

    def me(self, token: str) -> MeView:
        self._enter("me", token)
        current = next(iter(self.links.values()), None)
        if self.already_linked and current is None:
            current = self._link()
        return MeView(
            account=self.account(),
            account_active=self.person.active,
            aup_accepted=self.person.aup,
            aup_url="https://portal.nhs.net/aup",
            current_link=current,
        )

    def create_challenge(self, token: str) -> ChallengeView:
        self._enter("challenge", token)
        cid = f"ch-{next(self._counter)}"
        nonce = hashlib.sha256(cid.encode()).digest()
        self._challenges[cid] = nonce
        origin = self.challenge_origin or self.origin
        return ChallengeView(cid, nonce, origin, NOW + self.challenge_lifetime)

    def create_link_request(self, token: str, body: LinkRequestBody) -> LinkRequestView:
        self._enter("link_request", token)
        nonce = self._challenges.pop(body.challenge_id)
        expected = build_link_message(self.origin, nonce, self.person.oid)
        if body.signature != fake_sign(expected):
            raise self._problem("signature_invalid", 422)
        if not self.person.identity_known:
            raise self._problem("identity_unknown", 422)
        return LinkRequestView(
            link_request_id="lr-1",
            account=self.account(),
            identity=self.identity(),
            expires_at=NOW + timedelta(minutes=10),
            portal_origin=self.origin,
            names_match=self.person.name == self.person.identity_name,
        )

    def _link(self) -> LinkView:
        return LinkView(
            link_id="link-1",
            reference="LNK-7F3K-92QD",
            linked_at=NOW,
            account=self.account(),
            identity=self.identity(),
        )

    def confirm(self, token: str, link_request_id: str, idempotency_key: str) -> LinkView:
        self._enter("confirm", token)
        self.confirm_keys.append(idempotency_key)
        if idempotency_key not in self.links:
            if self.links:
                raise self._problem("already_linked", 409)
            self.links[idempotency_key] = self._link()
        if self.lose_confirm_response:
            self.lose_confirm_response -= 1
            raise self._problem("timeout", 0)
        return self.links[idempotency_key]

    def cancel(self, token: str, link_request_id: str) -> None:
        self._enter("cancel", token)
        self.cancelled.append(link_request_id)


class FakeServices:
    """Everything a journey needs, in memory; build counts prove laziness."""

    def __init__(
        self,
        *,
        person: Person | None = None,
        readers: list[ReaderState] | None = None,
        tokens: dict[str, FakeToken] | None = None,
    ) -> None:
        self.person = person or Person()
        self.monitor = FakeMonitor(readers)
        names = [r.name for r in self.monitor.readers()]
        self.tokens = tokens or {name: FakeToken(name) for name in names}
        self.access = FakeCardAccess(self.monitor, self.tokens)
        self.signin = FakeSignIn(self.person)
        self.portal_double = FakePortal(self.person)
        self.built: list[str] = []

    def card_monitor(self) -> FakeMonitor:
        self.built.append("card_monitor")
        return self.monitor

    def card_access(self) -> FakeCardAccess:
        self.built.append("card_access")
        return self.access

    def sign_in(self) -> FakeSignIn:
        self.built.append("sign_in")
        return self.signin

    def portal(self) -> FakePortal:
        self.built.append("portal")
        return self.portal_double
