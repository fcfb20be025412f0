"""The composition root: the real adapter for each outside system, built on first use.

``build_services`` names the real adapters; ``LazyServices`` builds each one once, on the
worker that first needs it, and each builder imports its module inside the function, so
msal, requests, pyscard and pkcs11 load then and the first window appears fast.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from smartcard_linker.config import Settings
from smartcard_linker.flow.ports import CardAccess, CardMonitor, PortalClient, SignIn
from smartcard_linker.language import SpokenLanguage

T = TypeVar("T")

# One adapter is built at a time: each build imports large modules (msal, requests,
# pkcs11, pyscard, cryptography) and several imports at once hold the interpreter
# lock so much that the GUI thread stalls. Reentrant in case a builder needs another.
_BUILD_LOCK = threading.RLock()


class _Lazy(Generic[T]):
    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._value: T | None = None
        self._lock = threading.Lock()

    def get(self) -> T:
        with self._lock:
            if self._value is None:
                with _BUILD_LOCK:
                    self._value = self._build()
            return self._value

    @property
    def built(self) -> bool:
        return self._value is not None


class LazyServices:
    """Satisfies ``ServiceFactory``; a builder that raises is tried again on the next call."""

    def __init__(
        self,
        *,
        card_monitor: Callable[[], CardMonitor],
        card_access: Callable[[], CardAccess],
        sign_in: Callable[[], SignIn],
        portal: Callable[[], PortalClient],
    ) -> None:
        self._monitor = _Lazy(card_monitor)
        self._access = _Lazy(card_access)
        self._sign_in = _Lazy(sign_in)
        self._portal = _Lazy(portal)

    def card_monitor(self) -> CardMonitor:
        return self._monitor.get()

    def card_access(self) -> CardAccess:
        return self._access.get()

    def sign_in(self) -> SignIn:
        return self._sign_in.get()

    def portal(self) -> PortalClient:
        return self._portal.get()

    def built(self) -> dict[str, bool]:
        """Which adapters exist yet (for start-up timing checks)."""
        return {
            "card_monitor": self._monitor.built,
            "card_access": self._access.built,
            "sign_in": self._sign_in.built,
            "portal": self._portal.built,
        }


def build_services(
    settings: Settings,
    *,
    open_browser: Callable[[str], bool] | None = None,
    spoken: SpokenLanguage | None = None,
) -> LazyServices:
    """Real adapters for ``settings``. ``open_browser`` replaces the system browser (self-test);
    ``spoken`` is the language the person sees (the sign-in pages are asked for it too)."""

    def card_monitor() -> CardMonitor:
        from smartcard_linker.card.monitor import PcscCardMonitor

        return PcscCardMonitor()

    def card_access() -> CardAccess:
        from smartcard_linker.card.pkcs11_access import Pkcs11CardAccess
        from smartcard_linker.card.recognition import NhsCardRecogniser

        recogniser = NhsCardRecogniser.from_settings(
            settings.nhs_card_issuers, settings.extra_nhs_card_issuers
        )
        return Pkcs11CardAccess(settings.pkcs11_modules, recogniser=recogniser)

    def sign_in() -> SignIn:
        import webbrowser

        from smartcard_linker.signin.msal_signin import MsalSignIn

        browser: Callable[[str], bool] = open_browser or webbrowser.open
        end_browser_session: Callable[[], None] | None = None
        if settings.kiosk_mode and open_browser is None:
            from smartcard_linker.signin.throwaway_browser import ThrowawayBrowser

            throwaway = ThrowawayBrowser(settings.kiosk_browser or None)
            browser, end_browser_session = throwaway.open, throwaway.close
        return MsalSignIn(
            client_id=settings.client_id,
            api_scope=settings.api_scope,
            authority=settings.authority,
            extra_ca_file=settings.extra_ca_file,
            kiosk=settings.kiosk_mode,
            remember=settings.remember_sign_in,
            timeout_s=float(settings.signin_timeout_s),
            open_browser=browser,
            end_browser_session=end_browser_session,
            spoken=spoken,
        )

    def portal() -> PortalClient:
        from smartcard_linker.portal.client import HttpPortalClient

        return HttpPortalClient(settings.portal_url, extra_ca_file=settings.extra_ca_file)

    return LazyServices(
        card_monitor=card_monitor, card_access=card_access, sign_in=sign_in, portal=portal
    )
