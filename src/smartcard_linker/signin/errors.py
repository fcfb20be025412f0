"""Sign-in failures, each with a stable code the flow turns into words and an action."""

from __future__ import annotations


class SignInError(Exception):
    code = "signin_failed"


class SignInCancelled(SignInError):
    code = "signin_cancelled"


class SignInTimedOut(SignInError):
    code = "signin_timeout"


class BrowserUnavailable(SignInError):
    """The system browser could not be opened; ``url`` is for the user to copy."""

    code = "browser_unavailable"

    def __init__(self, message: str, *, url: str) -> None:
        super().__init__(message)
        self.url = url


class SignInNetworkError(SignInError):
    """Network, proxy or TLS failure talking to ``host``."""

    code = "signin_network"

    def __init__(self, message: str, *, host: str, tls: bool = False) -> None:
        super().__init__(message)
        self.host = host
        self.tls = tls


class ProviderError(SignInError):
    """The identity provider answered with an error (``error`` / AADSTS code)."""

    code = "signin_provider_error"

    def __init__(
        self, message: str, *, error: str, description: str = "", provider_code: str | None = None
    ) -> None:
        super().__init__(message)
        self.error = error
        self.description = description
        self.provider_code = provider_code


class SignInRequired(SignInError):
    """No valid sign-in in the cache; the user must sign in interactively."""

    code = "signin_required"


class SignInCancelledAtProvider(SignInCancelled):
    """The person pressed Cancel on the provider's page (``access_denied``)."""

    code = "signin_cancelled_at_provider"


class TokenCacheUnavailable(SignInError):
    """The protected token store (keyring) failed; sign-in continues in memory only."""

    code = "token_cache_unavailable"
