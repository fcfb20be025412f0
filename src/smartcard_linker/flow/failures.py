"""A failure as the person reads it: the catalogue entry for an exception, as an ErrorReport.

Only the app's own error types carry a code the catalogue knows; anything else is a bug,
logged with its traceback and shown as ``app_error``.
"""

from __future__ import annotations

import logging
from datetime import datetime

from link_protocol.models import MeView
from smartcard_linker import __version__
from smartcard_linker.card.errors import CardError, CertificateExpired, CertificateMissing
from smartcard_linker.codes import MessageCode
from smartcard_linker.config import Settings
from smartcard_linker.flow.catalogue import ErrorEntry, Link
from smartcard_linker.flow.msg import Msg, msg
from smartcard_linker.flow.state import ErrorReport, Step
from smartcard_linker.portal.errors import PortalError
from smartcard_linker.signin.errors import BrowserUnavailable, ProviderError, SignInError

log = logging.getLogger(__name__)
CTX = "Journey"


class OriginMismatch(Exception):
    """The portal's challenge names a different origin than the app is configured for."""

    code = MessageCode.ORIGIN_MISMATCH


class PinStopped(CardError):
    """The person stopped before the final PIN try, to unlock online instead."""

    code = MessageCode.PIN_STOPPED


def certificate_missing() -> CardError:
    return CertificateMissing("no certificate on the card")


def certificate_expired() -> CardError:
    return CertificateExpired("the card certificate has expired")


def failure_code(exc: Exception) -> str:
    """The catalogue code for ``exc``; an unexpected exception is logged in full."""
    if not isinstance(exc, CardError | SignInError | PortalError | OriginMismatch):
        log.error("unexpected failure in the journey", exc_info=exc)
        return "app_error"
    code = str(getattr(exc, "code", "app_error"))
    log.info("journey step failed: %s", code)
    return code


def error_report(
    exc: Exception,
    code: str,
    entry: ErrorEntry,
    *,
    retry_label: Msg | None,
    step: Step,
    settings: Settings,
    me: MeView | None,
    now: datetime,
) -> ErrorReport:
    """The error page for ``exc`` (catalogue ``code``); ``retry_label`` None: no retry."""
    product = settings.product_name
    title, message, action = entry.texts(product)
    if isinstance(exc, ProviderError | BrowserUnavailable):
        title, message, action = _sign_in_words(exc, product, title, message, action)
    if code == "already_linked" and isinstance(exc, PortalError):
        title, message, action = already_linked_words(exc.problem.extra, product) or (
            title,
            message,
            action,
        )
    link_url, link_label = resolve_link(entry.link, settings, me)
    return ErrorReport(
        code=code,
        title=title,
        message=message,
        action=action,
        retry_allowed=retry_label is not None,
        retry_label=retry_label or msg("Journey", "Retry"),
        occurred_at=now,
        step=step,
        request_id=exc.request_id if isinstance(exc, PortalError) else None,
        detail=exc.provider_code if isinstance(exc, ProviderError) else None,
        link_url=link_url,
        link_label=link_label,
        app_version=__version__,
    )


def _sign_in_words(
    exc: SignInError, product: str, title: Msg, message: Msg, action: Msg
) -> tuple[Msg, Msg, Msg]:
    """The provider's reason in plain words (AADSTS code → text) and what to do about it,
    or the URL to copy when no browser opened. Imported here: it pulls in requests, loaded
    by now anyway."""
    from smartcard_linker.signin.messages import user_message

    words = user_message(exc, product)
    return words.title, words.text, words.todo or action


def retry_helps(exc: Exception, entry: ErrorEntry) -> bool:
    """The catalogue says whether trying again is safe and may help; a sign-in refusal that
    only the Local Administrator can lift (a disabled account) gets no "Sign in again"."""
    if entry.retry and isinstance(exc, ProviderError):
        from smartcard_linker.signin.messages import Action, user_message

        return user_message(exc).action is not Action.CONTACT_ADMIN
    return entry.retry


def already_linked_words(extra: dict[str, object], product: str) -> tuple[Msg, Msg, Msg] | None:
    """Which side is linked already, from the portal's problem (``linked_side`` and the other
    side, masked); None when the portal did not say."""
    side = extra.get("linked_side")
    if side == "identity":
        return (
            msg("Journey", "Your smartcard is already linked"),
            msg(
                "Journey",
                "The NHS Care Identity on this smartcard is already linked to another "
                "{product} account ({account}).",
            ).fill(product=product, account=extra.get("linked_account") or ""),
            msg(
                "Journey",
                "A smartcard can be linked to one {product} account. If that account is not "
                "yours, or the link is wrong, contact your Local Administrator.",
            ).fill(product=product),
        )
    if side == "account":
        return (
            msg("Journey", "Your {product} account is already linked").fill(product=product),
            msg(
                "Journey",
                "Your {product} account is already linked to Care Identity number {identity}.",
            ).fill(product=product, identity=extra.get("linked_identity") or ""),
            msg(
                "Journey",
                "An {product} account can be linked to one NHS Care Identity. If this link is "
                "wrong, contact your Local Administrator.",
            ).fill(product=product),
        )
    return None


def resolve_link(
    link: Link, settings: Settings, me: MeView | None
) -> tuple[str | None, Msg | None]:
    """The catalogue's named link as a URL from the settings (or the portal's AUP address)."""
    if link is Link.UNLOCK and settings.self_service_unlock_url:
        return settings.self_service_unlock_url, msg("Journey", "Unlock my smartcard online")
    if link is Link.AUP and me is not None:
        return me.aup_url, msg("Journey", "Open the Acceptable Use Policy")
    if link is Link.HELPDESK and settings.helpdesk_url:
        return settings.helpdesk_url, msg("Journey", "Open the Helpdesk")
    return None, None
