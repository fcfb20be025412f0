"""Turn sign-in failures into words a person can act on, and provider answers into errors.

``error_from_result`` reads an msal/OAuth error answer (``error``, ``error_codes``,
AADSTS text); ``error_from_exception`` reads a requests failure; ``user_message``
gives the title, text and next action the UI shows. No token, code or secret ever
goes into a message.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

import requests

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
    title: str
    text: str
    action: Action
    todo: str = ""  # what to do, when the sign-in error decides it (else the catalogue's)


# AADSTS code → (title, what happened, what to do, action). {product} is the mail service.
# "What to do" names the button the action gets: Sign in again for RETRY and
# USE_ANOTHER_ACCOUNT; none for CONTACT_ADMIN (signing in again cannot help).
PROVIDER_MESSAGES: dict[str, tuple[str, str, str, Action]] = {
    "AADSTS50057": (
        "Your {product} account is disabled",
        "Your {product} account has been disabled, so you cannot sign in and it cannot be linked.",
        "Ask your Local Administrator to re-enable your account. Then start again.",
        Action.CONTACT_ADMIN,
    ),
    "AADSTS50053": (
        "Your {product} account is locked",
        "Too many sign-in attempts locked your {product} account for a while.",
        "Wait a while, then select Sign in again. If it stays locked, ask your Local "
        "Administrator.",
        Action.RETRY,
    ),
    "AADSTS50055": (
        "Your {product} password has expired",
        "Your {product} password has expired, so the sign-in stopped.",
        "Change your {product} password, then select Sign in again.",
        Action.RETRY,
    ),
    "AADSTS50076": (
        "Sign-in needs your second step",
        "{product} asks for a second step (multi-factor authentication) that was not completed.",
        "Select Sign in again and finish the verification step.",
        Action.RETRY,
    ),
    "AADSTS50079": (
        "Set up multi-factor authentication first",
        "Your {product} account must register for multi-factor authentication.",
        "Select Sign in again and follow the set-up steps.",
        Action.RETRY,
    ),
    "AADSTS50074": (
        "Sign-in needs your second step",
        "Strong authentication was required but not completed.",
        "Select Sign in again and finish the verification step.",
        Action.RETRY,
    ),
    "AADSTS65001": (
        "This app needs approval",
        "Your organisation has not approved this app for your {product} account yet.",
        "Ask your Local Administrator to approve it. Then start again.",
        Action.CONTACT_ADMIN,
    ),
    "AADSTS90094": (
        "This app needs administrator approval",
        "An administrator must approve this app before you can sign in.",
        "Ask your Local Administrator to approve it. Then start again.",
        Action.CONTACT_ADMIN,
    ),
    "AADSTS90095": (
        "This app needs administrator approval",
        "An administrator must approve this app before you can sign in.",
        "Ask your Local Administrator to approve it. Then start again.",
        Action.CONTACT_ADMIN,
    ),
    "AADSTS50020": (
        "That is not an {product} account",
        "The account you signed in with does not belong to {product}.",
        "Select Sign in again and use your nhs.net address.",
        Action.USE_ANOTHER_ACCOUNT,
    ),
    "AADSTS90072": (
        "That is not an {product} account",
        "The account you signed in with does not belong to {product}.",
        "Select Sign in again and use your nhs.net address.",
        Action.USE_ANOTHER_ACCOUNT,
    ),
    "AADSTS50034": (
        "Account not found",
        "{product} has no account with that address.",
        "Check the address, then select Sign in again.",
        Action.RETRY,
    ),
    "AADSTS50126": (
        "Wrong address or password",
        "Your {product} address or password was not right.",
        "Check them, then select Sign in again.",
        Action.RETRY,
    ),
    "AADSTS50105": (
        "You are not allowed to use this app",
        "Your {product} account is not assigned to this app.",
        "Ask your Local Administrator to give you access. Then start again.",
        Action.CONTACT_ADMIN,
    ),
    "AADSTS53003": (
        "Sign-in blocked by your organisation",
        "Your organisation's access policy blocked this sign-in on this computer.",
        "Ask your Local Administrator. Then start again.",
        Action.CONTACT_ADMIN,
    ),
    "AADSTS700016": (
        "This app is not set up correctly",
        "The app's registration was not found in {product} (its client id setting is wrong).",
        "Tell your Local Administrator.",
        Action.CONTACT_ADMIN,
    ),
    "AADSTS50011": (
        "This app is not set up correctly",
        "{product} refused the app's sign-in return address.",
        "Tell your Local Administrator.",
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


def _network_message(error: SignInNetworkError) -> UserMessage:
    if error.tls:
        return UserMessage(
            "Secure connection failed",
            f"The certificate of {error.host} is not trusted on this computer. If your "
            "network inspects secure traffic, its certificate must be installed. Ask your "
            "Local Administrator.",
            Action.CHECK_NETWORK,
        )
    return UserMessage(
        "Cannot reach the sign-in service",
        f"Could not connect to {error.host}. Check the network connection and any proxy "
        "settings, then try again.",
        Action.CHECK_NETWORK,
    )


def user_message(error: SignInError, product: str = "NHSmail") -> UserMessage:
    """Title, text and next action for the UI. Never includes secrets."""

    def fmt(text: str) -> str:
        return text.replace("{product}", product)

    if isinstance(error, SignInCancelledAtProvider):
        return UserMessage(
            "Sign-in cancelled",
            fmt("You cancelled sign-in on the {product} page. Sign in to continue."),
            Action.RETRY,
        )
    if isinstance(error, SignInCancelled):
        return UserMessage("Sign-in cancelled", "Sign-in was cancelled.", Action.RETRY)
    if isinstance(error, SignInTimedOut):
        return UserMessage(
            "Sign-in took too long",
            "The sign-in page was not completed in time. Try again; if the browser did not "
            "open, check it is not hidden behind this window.",
            Action.RETRY,
        )
    if isinstance(error, BrowserUnavailable):
        return UserMessage(
            "Your web browser did not open",
            "Copy this address into a web browser on this computer to sign in: " + error.url,
            Action.COPY_URL,
        )
    if isinstance(error, SignInNetworkError):
        return _network_message(error)
    if isinstance(error, SignInRequired):
        return UserMessage(
            "Please sign in", fmt("Sign in with your {product} account."), Action.SIGN_IN
        )
    if isinstance(error, ProviderError):  # its code goes to the details for support only
        known = PROVIDER_MESSAGES.get(error.provider_code or "")
        if known:
            title, text, todo, action = known
            return UserMessage(fmt(title), fmt(text), action, fmt(todo))
        return UserMessage(
            "Sign-in did not work",
            fmt("{product} refused the sign-in."),
            Action.RETRY,
            "Select Sign in again. If it keeps happening, contact your Local Administrator.",
        )
    return UserMessage(
        "Sign-in did not work", "Something went wrong during sign-in. Try again.", Action.RETRY
    )
