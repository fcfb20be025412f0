"""Stable problem codes the portal returns (RFC 9457 ``code`` member).

The app maps each code to plain words and an action; the HTTP status is part of
the contract so both ends agree on it.
"""

from __future__ import annotations

from enum import StrEnum

PROBLEM_CONTENT_TYPE = "application/problem+json"
REQUEST_ID_HEADER = "X-Request-Id"
IDEMPOTENCY_KEY_HEADER = "Idempotency-Key"


class ErrorCode(StrEnum):
    TOKEN_INVALID = "token_invalid"  # noqa: S105 - an error code, not a secret
    AUP_NOT_ACCEPTED = "aup_not_accepted"
    ACCOUNT_INACTIVE = "account_inactive"
    CHALLENGE_EXPIRED = "challenge_expired"
    CHALLENGE_USED = "challenge_used"
    CERTIFICATE_UNTRUSTED = "certificate_untrusted"
    CERTIFICATE_EXPIRED = "certificate_expired"
    CERTIFICATE_REVOKED = "certificate_revoked"
    SIGNATURE_INVALID = "signature_invalid"
    IDENTITY_UNKNOWN = "identity_unknown"
    IDENTITY_INACTIVE = "identity_inactive"
    ALREADY_LINKED = "already_linked"
    NOT_FOUND = "not_found"
    RATE_LIMITED = "rate_limited"
    BAD_REQUEST = "bad_request"
    LINK_REQUEST_EXPIRED = "link_request_expired"
    SERVICE_UNAVAILABLE = "service_unavailable"  # the portal cannot serve now (retry later)
    INTERNAL_ERROR = "internal_error"  # a portal bug; never for bad input

    @property
    def http_status(self) -> int:
        return _STATUS[self]


_STATUS: dict[ErrorCode, int] = {
    ErrorCode.TOKEN_INVALID: 401,
    ErrorCode.AUP_NOT_ACCEPTED: 403,
    ErrorCode.ACCOUNT_INACTIVE: 403,
    ErrorCode.CHALLENGE_EXPIRED: 410,
    ErrorCode.CHALLENGE_USED: 410,
    ErrorCode.CERTIFICATE_UNTRUSTED: 422,
    ErrorCode.CERTIFICATE_EXPIRED: 422,
    ErrorCode.CERTIFICATE_REVOKED: 422,
    ErrorCode.SIGNATURE_INVALID: 422,
    ErrorCode.IDENTITY_UNKNOWN: 422,
    ErrorCode.IDENTITY_INACTIVE: 422,
    ErrorCode.ALREADY_LINKED: 409,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.RATE_LIMITED: 429,
    ErrorCode.BAD_REQUEST: 400,
    ErrorCode.LINK_REQUEST_EXPIRED: 410,
    ErrorCode.SERVICE_UNAVAILABLE: 503,
    ErrorCode.INTERNAL_ERROR: 500,
}
