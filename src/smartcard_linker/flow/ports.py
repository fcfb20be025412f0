"""What the flow needs from the outside world, as narrow Protocols.

The composition root (``__main__``) hands the flow real adapters (card/, signin/,
portal.py); the flow's unit tests hand it small in-memory doubles. Nothing here
does I/O.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Protocol, TypeVar

from link_protocol.models import (
    ChallengeView,
    LinkRequestBody,
    LinkRequestView,
    LinkView,
    MeView,
)
from smartcard_linker.card.model import (
    CardEvent,
    CardSummary,
    CareIdentityCertificate,
    MonitorStatus,
    PinPolicy,
    ReaderState,
    TokenInfo,
)
from smartcard_linker.signin.model import AccessToken

_T = TypeVar("_T")


class CardMonitor(Protocol):
    """Watches PC/SC readers and cards on its own thread; events come from that thread."""

    def start(self, on_event: Callable[[CardEvent], None]) -> None: ...
    def stop(self) -> None: ...
    def readers(self) -> tuple[ReaderState, ...]: ...
    def status(self) -> MonitorStatus: ...


class TokenSession(Protocol):
    """One open PKCS#11 session on the token in one reader. Blocking: call from a worker."""

    @property
    def info(self) -> TokenInfo: ...
    def pin_policy(self) -> PinPolicy:
        """Re-read the token's PIN flags (tries low / final try / locked)."""
        ...

    def login(self, pin: bytearray | None) -> None:
        """Log in; ``pin`` is wiped after use. ``None`` means the reader's PIN pad.

        Raises WrongPin (with tries left), PinLocked, PinFormatRejected, CardRemoved...
        """
        ...

    def sign(self, certificate: CareIdentityCertificate, message: bytes) -> bytes:
        """Sign with the key that belongs to ``certificate`` using ``certificate.algorithm``."""
        ...

    def close(self) -> None: ...


class CardAccess(Protocol):
    def module_path(self) -> str:
        """The PKCS#11 module that will be used; raises ModuleNotFound (readiness check)."""
        ...

    def open_token(self, reader: str) -> TokenSession:
        """Open the token in ``reader``; raises NoCard, UnsupportedCard, CardBusy..."""
        ...

    def summary(self, reader: str) -> CardSummary:
        """Whose card is in ``reader`` and whether it is an NHS Smartcard; no PIN."""
        ...


class SignIn(Protocol):
    """NHSmail sign-in. Blocking calls: run them on a worker."""

    @property
    def remembers_sign_in(self) -> bool:
        """False when the token cache lives in memory only (kiosk, or no protected store)."""
        ...

    def interactive(self, cancel: threading.Event, login_hint: str | None = None) -> AccessToken:
        """Browser sign-in; returns within ~2 s of ``cancel`` being set (SignInCancelled)."""
        ...

    def silent(self) -> AccessToken | None:
        """A token from the cache (refreshing if needed), or None."""
        ...

    def access_token(self) -> AccessToken:
        """A valid token for the current account; raises SignInRequired."""
        ...

    def sign_out(self) -> None: ...

    def continue_in_browser(self, cancel: threading.Event) -> AccessToken:
        """After BrowserUnavailable: wait for the sign-in finished at the copied address."""
        ...

    def close(self) -> None:
        """On quit: nothing may keep listening (a parked loopback listener, connections)."""
        ...


class PortalClient(Protocol):
    """Link API v1 client. Raises PortalError (with the portal's problem code)."""

    @property
    def origin(self) -> str: ...
    def health(self) -> None: ...
    def me(self, token: str) -> MeView: ...
    def create_challenge(self, token: str) -> ChallengeView: ...
    def create_link_request(self, token: str, body: LinkRequestBody) -> LinkRequestView: ...
    def confirm(self, token: str, link_request_id: str, idempotency_key: str) -> LinkView: ...
    def cancel(self, token: str, link_request_id: str) -> None: ...


class ServiceFactory(Protocol):
    """Builds each adapter on first use and returns the same one afterwards.

    The first call may import heavy modules (msal, requests, pkcs11, pyscard) and
    so must run on a worker; implementations must be thread-safe. This keeps the
    first window on screen fast: nothing outside the flow is built at start.
    """

    def card_monitor(self) -> CardMonitor: ...
    def card_access(self) -> CardAccess: ...
    def sign_in(self) -> SignIn: ...
    def portal(self) -> PortalClient: ...


class Executor(Protocol):
    """Runs blocking work off the flow's thread and hands results back on it.

    The Qt layer supplies a worker-pool executor whose callbacks arrive on the
    GUI thread; unit tests supply a synchronous or step-by-step one.
    """

    def submit(
        self,
        task: Callable[[], _T],
        on_ok: Callable[[_T], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        """Run ``task`` on a worker; call ``on_ok``/``on_error`` later on the flow's thread."""
        ...

    def post(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` on the flow's thread soon; safe to call from any thread."""
        ...
