"""Turn sign-in failures into words a person can act on, and provider answers into errors.

``error_from_result`` reads an msal/OAuth error answer (``error``, ``error_codes``,
AADSTS text); ``error_from_exception`` reads a requests failure; ``user_message``
gives the title, text and next action the UI shows, as templates the UI translates
(``SignInMessages`` in the .ts). No token, code or secret ever goes into a message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

import requests

from smartcard_linker.flow.msg import Msg, msg
from smartcard_linker.signin.errors import (
    BrowserUnavailable,
    ProviderError,
    SignInCancelled,
    SignInCancelledAtProvider,
    SignInError,
    SignInNetworkError,
    SignInRequired,
    SignInTimedOut,
)
from smartcard_linker.translatable import QT_TRANSLATE_NOOP

_AADSTS = re.compile(r"AADSTS(\d+)")


class Action(StrEnum):
    """What the UI offers next."""

    RETRY = "retry"  # "Try again"
    COPY_URL = "copy_url"  # show the sign-in address to open in a browser by hand
    CONTACT_ADMIN = "contact_admin"  # Local Administrator, then the helpdesk
    CHECK_NETWORK = "check_network"  # network / proxy / certificate problem
    USE_ANOTHER_ACCOUNT = "use_another_account"
    SIGN_IN = "sign_in"


@dataclass(frozen=True)
class UserMessage:
    title: Msg
    text: Msg
    action: Action
    todo: Msg | None = None  # what to do, when the sign-in error decides it (else the catalogue's)


CONTEXT = "SignInMessages"  # the texts' translation context


# AADSTS code → (title, what happened, what to do, action). {product} is the mail service.
# "What to do" names the button the action gets: Sign in again for RETRY and
# USE_ANOTHER_ACCOUNT; none for CONTACT_ADMIN (signing in again cannot help).
PROVIDER_MESSAGES: dict[str, tuple[str, str, str, Action]] = {
    "AADSTS50057": (
        QT_TRANSLATE_NOOP("SignInMessages", "Your {product} account is disabled"),
        QT_TRANSLATE_NOOP(
            "SignInMessages",
            "Your {product} account has been disabled, so you cannot sign in and it cannot be "
            "linked.",
        ),
        QT_TRANSLATE_NOOP(
            "SignInMessages",
            "Ask your Local Administrator to re-enable your account. Then start again.",
        ),
        Action.CONTACT_ADMIN,
    ),
    "AADSTS50053": (
        QT_TRANSLATE_NOOP("SignInMessages", "Your {product} account is locked"),
        QT_TRANSLATE_NOOP(
            "SignInMessages", "Too many sign-in attempts locked your {product} account for a while."
        ),
        QT_TRANSLATE_NOOP(
            "SignInMessages",
            "Wait a while, then select Sign in again. If it stays locked, ask your Local "
            "Administrator.",
        ),
        Action.RETRY,
    ),
    "AADSTS50055": (
        QT_TRANSLATE_NOOP("SignInMessages", "Your {product} password has expired"),
        QT_TRANSLATE_NOOP(
            "SignInMessages", "Your {product} password has expired, so the sign-in stopped."
        ),
        QT_TRANSLATE_NOOP(
            "SignInMessages", "Change your {product} password, then select Sign in again."
        ),
        Action.RETRY,
    ),
    "AADSTS50076": (
        QT_TRANSLATE_NOOP("SignInMessages", "Sign-in needs your second step"),
        QT_TRANSLATE_NOOP(
            "SignInMessages",
            "{product} asks for a second step (multi-factor authentication) that was not "
            "completed.",
        ),
        QT_TRANSLATE_NOOP(
            "SignInMessages", "Select Sign in again and finish the verification step."
        ),
        Action.RETRY,
    ),
    "AADSTS50079": (
        QT_TRANSLATE_NOOP("SignInMessages", "Set up multi-factor authentication first"),
        QT_TRANSLATE_NOOP(
            "SignInMessages",
            "Your {product} account must register for multi-factor authentication.",
        ),
        QT_TRANSLATE_NOOP("SignInMessages", "Select Sign in again and follow the set-up steps."),
        Action.RETRY,
    ),
    "AADSTS50074": (
        QT_TRANSLATE_NOOP("SignInMessages", "Sign-in needs your second step"),
        QT_TRANSLATE_NOOP(
            "SignInMessages", "Strong authentication was required but not completed."
        ),
        QT_TRANSLATE_NOOP(
            "SignInMessages", "Select Sign in again and finish the verification step."
        ),
        Action.RETRY,
    ),
    "AADSTS65001": (
        QT_TRANSLATE_NOOP("SignInMessages", "This app needs approval"),
        QT_TRANSLATE_NOOP(
            "SignInMessages",
            "Your organisation has not approved this app for your {product} account yet.",
        ),
        QT_TRANSLATE_NOOP(
            "SignInMessages", "Ask your Local Administrator to approve it. Then start again."
        ),
        Action.CONTACT_ADMIN,
    ),
    "AADSTS90094": (
        QT_TRANSLATE_NOOP("SignInMessages", "This app needs administrator approval"),
        QT_TRANSLATE_NOOP(
            "SignInMessages", "An administrator must approve this app before you can sign in."
        ),
        QT_TRANSLATE_NOOP(
            "SignInMessages", "Ask your Local Administrator to approve it. Then start again."
        ),
        Action.CONTACT_ADMIN,
    ),
    "AADSTS90095": (
        QT_TRANSLATE_NOOP("SignInMessages", "This app needs administrator approval"),
        QT_TRANSLATE_NOOP(
            "SignInMessages", "An administrator must approve this app before you can sign in."
        ),
        QT_TRANSLATE_NOOP(
            "SignInMessages", "Ask your Local Administrator to approve it. Then start again."
        ),
        Action.CONTACT_ADMIN,
    ),
    "AADSTS50020": (
        QT_TRANSLATE_NOOP("SignInMessages", "That is not an {product} account"),
        QT_TRANSLATE_NOOP(
            "SignInMessages", "The account you signed in with does not belong to {product}."
        ),
        QT_TRANSLATE_NOOP("SignInMessages", "Select Sign in again and use your nhs.net address."),
        Action.USE_ANOTHER_ACCOUNT,
    ),
    "AADSTS90072": (
        QT_TRANSLATE_NOOP("SignInMessages", "That is not an {product} account"),
        QT_TRANSLATE_NOOP(
            "SignInMessages", "The account you signed in with does not belong to {product}."
        ),
        QT_TRANSLATE_NOOP("SignInMessages", "Select Sign in again and use your nhs.net address."),
        Action.USE_ANOTHER_ACCOUNT,
    ),
    "AADSTS50034": (
        QT_TRANSLATE_NOOP("SignInMessages", "Account not found"),
        QT_TRANSLATE_NOOP("SignInMessages", "{product} has no account with that address."),
        QT_TRANSLATE_NOOP("SignInMessages", "Check the address, then select Sign in again."),
        Action.RETRY,
    ),
    "AADSTS50126": (
        QT_TRANSLATE_NOOP("SignInMessages", "Wrong address or password"),
        QT_TRANSLATE_NOOP("SignInMessages", "Your {product} address or password was not right."),
        QT_TRANSLATE_NOOP("SignInMessages", "Check them, then select Sign in again."),
        Action.RETRY,
    ),
    "AADSTS50105": (
        QT_TRANSLATE_NOOP("SignInMessages", "You are not allowed to use this app"),
        QT_TRANSLATE_NOOP("SignInMessages", "Your {product} account is not assigned to this app."),
        QT_TRANSLATE_NOOP(
            "SignInMessages", "Ask your Local Administrator to give you access. Then start again."
        ),
        Action.CONTACT_ADMIN,
    ),
    "AADSTS53003": (
        QT_TRANSLATE_NOOP("SignInMessages", "Sign-in blocked by your organisation"),
        QT_TRANSLATE_NOOP(
            "SignInMessages",
            "Your organisation's access policy blocked this sign-in on this computer.",
        ),
        QT_TRANSLATE_NOOP("SignInMessages", "Ask your Local Administrator. Then start again."),
        Action.CONTACT_ADMIN,
    ),
    "AADSTS700016": (
        QT_TRANSLATE_NOOP("SignInMessages", "This app is not set up correctly"),
        QT_TRANSLATE_NOOP(
            "SignInMessages",
            "The app's registration was not found in {product} (its client id setting is wrong).",
        ),
        QT_TRANSLATE_NOOP("SignInMessages", "Tell your Local Administrator."),
        Action.CONTACT_ADMIN,
    ),
    "AADSTS50011": (
        QT_TRANSLATE_NOOP("SignInMessages", "This app is not set up correctly"),
        QT_TRANSLATE_NOOP("SignInMessages", "{product} refused the app's sign-in return address."),
        QT_TRANSLATE_NOOP("SignInMessages", "Tell your Local Administrator."),
        Action.CONTACT_ADMIN,
    ),
}

_CANCEL_CODES = {"AADSTS65004"}  # user declined (consent or sign-in)
_SIGN_IN_AGAIN = {"invalid_grant", "interaction_required", "login_required", "consent_required"}


def provider_code(result: Mapping[str, Any]) -> str | None:
    """The first AADSTS code in an error answer, as ``AADSTSnnnnn``."""
    codes = result.get("error_codes")
    if isinstance(codes, list) and codes:
        return f"AADSTS{codes[0]}"
    found = _AADSTS.search(str(result.get("error_description", "")))
    return f"AADSTS{found.group(1)}" if found else None


def error_from_result(result: Mapping[str, Any], *, interactive: bool = True) -> SignInError:
    """An OAuth error answer (from the redirect or the token endpoint) as a SignInError."""
    error = str(result.get("error", "unknown_error"))
    description = str(result.get("error_description", ""))
    code = provider_code(result)
    if code in PROVIDER_MESSAGES:
        return ProviderError(
            f"the sign-in service refused: {code}",
            error=error,
            description=description,
            provider_code=code,
        )
    if error == "access_denied" or code in _CANCEL_CODES:
        return SignInCancelledAtProvider("sign-in was cancelled at the sign-in page")
    if not interactive and error in _SIGN_IN_AGAIN:
        return SignInRequired(f"sign in again ({error})")
    return ProviderError(
        f"the sign-in service refused: {error}" + (f" ({code})" if code else ""),
        error=error,
        description=description,
        provider_code=code,
    )


def _host_of(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None


def error_from_exception(exc: BaseException, default_host: str) -> SignInNetworkError:
    """A requests failure (connect, proxy, TLS, timeout) as SignInNetworkError naming the host."""
    host = default_host
    request = getattr(exc, "request", None)
    if request is not None:
        host = _host_of(getattr(request, "url", None)) or host
    if isinstance(exc, requests.exceptions.SSLError):
        return SignInNetworkError(
            f"could not verify the TLS certificate of {host}", host=host, tls=True
        )
    if isinstance(exc, requests.exceptions.ProxyError):
        return SignInNetworkError(f"the proxy refused the connection to {host}", host=host)
    if isinstance(exc, requests.exceptions.Timeout):
        return SignInNetworkError(f"{host} did not answer in time", host=host)
    return SignInNetworkError(f"could not reach {host}", host=host)


def _words(title: str, text: str, action: Action, todo: str = "", **args: object) -> UserMessage:
    """Templates marked with QT_TRANSLATE_NOOP, filled with ``args`` (the UI translates them)."""
    return UserMessage(
        msg(CONTEXT, title).fill(**args),
        msg(CONTEXT, text).fill(**args),
        action,
        msg(CONTEXT, todo).fill(**args) if todo else None,
    )


def _network_message(error: SignInNetworkError) -> UserMessage:
    if error.tls:
        return _words(
            QT_TRANSLATE_NOOP("SignInMessages", "Secure connection failed"),
            QT_TRANSLATE_NOOP(
                "SignInMessages",
                "The certificate of {host} is not trusted on this computer. If your network "
                "inspects secure traffic, its certificate must be installed. Ask your Local "
                "Administrator.",
            ),
            Action.CHECK_NETWORK,
            host=error.host,
        )
    return _words(
        QT_TRANSLATE_NOOP("SignInMessages", "Cannot reach the sign-in service"),
        QT_TRANSLATE_NOOP(
            "SignInMessages",
            "Could not connect to {host}. Check the network connection and any proxy "
            "settings, then try again.",
        ),
        Action.CHECK_NETWORK,
        host=error.host,
    )


def _provider_message(error: ProviderError, product: str) -> UserMessage:
    """Its AADSTS code goes to the details for support only, never into the text."""
    known = PROVIDER_MESSAGES.get(error.provider_code or "")
    if known:
        title, text, todo, action = known
        return _words(title, text, action, todo, product=product)
    return _words(
        QT_TRANSLATE_NOOP("SignInMessages", "Sign-in did not work"),
        QT_TRANSLATE_NOOP("SignInMessages", "{product} refused the sign-in."),
        Action.RETRY,
        QT_TRANSLATE_NOOP(
            "SignInMessages",
            "Select Sign in again. If it keeps happening, contact your Local Administrator.",
        ),
        product=product,
    )


def user_message(error: SignInError, product: str = "NHSmail") -> UserMessage:
    """Title, text and next action for the UI (templates it translates). Never includes
    secrets."""
    if isinstance(error, SignInCancelledAtProvider):
        return _words(
            QT_TRANSLATE_NOOP("SignInMessages", "Sign-in cancelled"),
            QT_TRANSLATE_NOOP(
                "SignInMessages",
                "You cancelled sign-in on the {product} page. Sign in to continue.",
            ),
            Action.RETRY,
            product=product,
        )
    if isinstance(error, SignInCancelled):
        return _words(
            QT_TRANSLATE_NOOP("SignInMessages", "Sign-in cancelled"),
            QT_TRANSLATE_NOOP("SignInMessages", "Sign-in was cancelled."),
            Action.RETRY,
        )
    if isinstance(error, SignInTimedOut):
        return _words(
            QT_TRANSLATE_NOOP("SignInMessages", "Sign-in took too long"),
            QT_TRANSLATE_NOOP(
                "SignInMessages",
                "The sign-in page was not completed in time. Try again; if the browser did not "
                "open, check it is not hidden behind this window.",
            ),
            Action.RETRY,
        )
    if isinstance(error, BrowserUnavailable):
        return _words(
            QT_TRANSLATE_NOOP("SignInMessages", "Your web browser did not open"),
            QT_TRANSLATE_NOOP(
                "SignInMessages",
                "Copy this address into a web browser on this computer to sign in: {url}",
            ),
            Action.COPY_URL,
            url=error.url,
        )
    if isinstance(error, SignInNetworkError):
        return _network_message(error)
    if isinstance(error, SignInRequired):
        return _words(
            QT_TRANSLATE_NOOP("SignInMessages", "Please sign in"),
            QT_TRANSLATE_NOOP("SignInMessages", "Sign in with your {product} account."),
            Action.SIGN_IN,
            product=product,
        )
    if isinstance(error, ProviderError):
        return _provider_message(error, product)
    return _words(
        QT_TRANSLATE_NOOP("SignInMessages", "Sign-in did not work"),
        QT_TRANSLATE_NOOP("SignInMessages", "Something went wrong during sign-in. Try again."),
        Action.RETRY,
    )
