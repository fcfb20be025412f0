"""The composition root's builders: one real adapter per outside system, built on first use.

Each builder imports its adapter module inside the function, so msal, requests,
pyscard and pkcs11 load on the worker that first needs them, never at start-up.
"""

from __future__ import annotations

from collections.abc import Callable

from smartcard_linker.config import Settings
from smartcard_linker.flow.ports import CardAccess, CardMonitor, PortalClient, SignIn
from smartcard_linker.flow.services import LazyServices


def build_services(
    settings: Settings, *, open_browser: Callable[[str], bool] | None = None
) -> LazyServices:
    """Real adapters for ``settings``. ``open_browser`` replaces the system browser (self-test)."""

    def card_monitor() -> CardMonitor:
        from smartcard_linker.card.monitor import PcscCardMonitor

        return PcscCardMonitor()

    def card_access() -> CardAccess:
        from smartcard_linker.card.pkcs11_access import Pkcs11CardAccess

        return Pkcs11CardAccess(settings.pkcs11_modules)

    def sign_in() -> SignIn:
        import webbrowser

        from smartcard_linker.signin.msal_signin import MsalSignIn

        return MsalSignIn(
            client_id=settings.client_id,
            api_scope=settings.api_scope,
            authority=settings.authority,
            extra_ca_file=settings.extra_ca_file,
            kiosk=settings.kiosk_mode,
            remember=settings.remember_sign_in,
            timeout_s=float(settings.signin_timeout_s),
            open_browser=open_browser or webbrowser.open,
        )

    def portal() -> PortalClient:
        from smartcard_linker.portal import HttpPortalClient

        return HttpPortalClient(settings.portal_url, extra_ca_file=settings.extra_ca_file)

    return LazyServices(
        card_monitor=card_monitor, card_access=card_access, sign_in=sign_in, portal=portal
    )
