"""Every message code the app can show, as one enum (the error catalogue's keys).

The card, sign-in and portal errors carry one of these as their ``code``; the Link API's
problem codes (``link_protocol.ErrorCode``) are here under the same values. No imports: the
lowest layer may use it.
"""

from __future__ import annotations

from enum import StrEnum


class MessageCode(StrEnum):
    """A failure the person is told about (flow/catalogue.py holds its words)."""

    # card layer
    CARD_ERROR = "card_error"
    CARD_SERVICE_UNAVAILABLE = "card_service_unavailable"
    NO_READER = "no_reader"
    NO_CARD = "no_card"
    CARD_UNSUPPORTED = "card_unsupported"
    CARD_NOT_NHS = "card_not_nhs"
    CARD_SERIES_RETIRED = "card_series_retired"
    PKCS11_MODULE_MISSING = "pkcs11_module_missing"
    PKCS11_MODULE_FAILED = "pkcs11_module_failed"
    PIN_WRONG = "pin_wrong"
    PIN_FORMAT = "pin_format"
    PIN_LOCKED = "pin_locked"
    PIN_STOPPED = "pin_stopped"
    PIN_PAD_TIMEOUT = "pin_pad_timeout"
    CARD_REMOVED = "card_removed"
    CARD_BUSY = "card_busy"
    CERTIFICATE_MISSING = "certificate_missing"
    CERTIFICATE_EXPIRED = "certificate_expired"
    # sign-in
    SIGNIN_FAILED = "signin_failed"
    SIGNIN_CANCELLED = "signin_cancelled"
    SIGNIN_TIMEOUT = "signin_timeout"
    BROWSER_UNAVAILABLE = "browser_unavailable"
    SIGNIN_NETWORK = "signin_network"
    SIGNIN_PROVIDER_ERROR = "signin_provider_error"
    SIGNIN_REQUIRED = "signin_required"
    SIGNIN_CANCELLED_AT_PROVIDER = "signin_cancelled_at_provider"
    TOKEN_CACHE_UNAVAILABLE = "token_cache_unavailable"  # noqa: S105 - not a secret
    # Link API problem codes
    TOKEN_INVALID = "token_invalid"  # noqa: S105 - not a secret
    AUP_NOT_ACCEPTED = "aup_not_accepted"
    ACCOUNT_INACTIVE = "account_inactive"
    CHALLENGE_EXPIRED = "challenge_expired"
    CHALLENGE_USED = "challenge_used"
    CERTIFICATE_UNTRUSTED = "certificate_untrusted"
    CERTIFICATE_REVOKED = "certificate_revoked"
    SIGNATURE_INVALID = "signature_invalid"
    IDENTITY_UNKNOWN = "identity_unknown"
    IDENTITY_INACTIVE = "identity_inactive"
    ALREADY_LINKED = "already_linked"
    NOT_FOUND = "not_found"
    RATE_LIMITED = "rate_limited"
    BAD_REQUEST = "bad_request"
    LINK_REQUEST_EXPIRED = "link_request_expired"
    SERVICE_UNAVAILABLE = "service_unavailable"
    INTERNAL_ERROR = "internal_error"
    # transport (portal client)
    NETWORK = "network"
    TLS = "tls"
    TIMEOUT = "timeout"
    UNEXPECTED = "unexpected"
    # the flow's own codes
    ORIGIN_MISMATCH = "origin_mismatch"
    APP_ERROR = "app_error"
