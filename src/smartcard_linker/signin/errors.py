"""Sign-in failures, each with a stable code the flow turns into words and an action."""

from __future__ import annotations

from smartcard_linker.codes import MessageCode


class SignInError(Exception):
    code: MessageCode = MessageCode.SIGNIN_FAILED


class SignInCancelled(SignInError):
    code = MessageCode.SIGNIN_CANCELLED


class SignInTimedOut(SignInError):
    code = MessageCode.SIGNIN_TIMEOUT


class BrowserUnavailable(SignInError):
    """The system browser could not be opened; ``url`` is for the user to copy."""

    code = MessageCode.BROWSER_UNAVAILABLE

    def __init__(self, message: str, *, url: str) -> None:
        super().__init__(message)
        self.url = url


class SignInNetworkError(SignInError):
    """Network, proxy or TLS failure talking to ``host``."""

    code = MessageCode.SIGNIN_NETWORK

    def __init__(self, message: str, *, host: str, tls: bool = False) -> None:
        super().__init__(message)
        self.host = host
        self.tls = tls


class ProviderError(SignInError):
    """The identity provider answered with an error (``error`` / AADSTS code)."""

    code = MessageCode.SIGNIN_PROVIDER_ERROR

    def __init__(
        self, message: str, *, error: str, description: str = "", provider_code: str | None = None
    ) -> None:
        super().__init__(message)
        self.error = error
        self.description = description
        self.provider_code = provider_code


class SignInRequired(SignInError):
    """No valid sign-in in the cache; the user must sign in interactively."""

    code = MessageCode.SIGNIN_REQUIRED


class SignInCancelledAtProvider(SignInCancelled):
    """The person pressed Cancel on the provider's page (``access_denied``)."""

    code = MessageCode.SIGNIN_CANCELLED_AT_PROVIDER


class TokenCacheUnavailable(SignInError):
    """The protected token store (keyring) failed; sign-in continues in memory only."""

    code = MessageCode.TOKEN_CACHE_UNAVAILABLE
