"""The error catalogue: every failure code → what the user is told and can do.

Covers every card-layer code (card/errors.py), every sign-in code
(signin/errors.py), every Link API ``ErrorCode``, the portal client's transport
codes (network, tls, timeout, unexpected) and the flow's own codes. Text uses
``{product}`` for the configurable mail service name ("NHSmail" or
"NHS.net Connect"). ``retry`` says whether trying the same step again is safe
and may help; the flow then offers Retry. Codes are ``MessageCode`` members; the words are
in errors_card_signin.py and errors_portal.py, each marked with ``QT_TRANSLATE_NOOP`` so
lupdate puts it in the .ts (the UI translates it).
"""

from __future__ import annotations

from smartcard_linker.codes import MessageCode
from smartcard_linker.flow import errors_card_signin, errors_portal
from smartcard_linker.flow.error_entry import CONTEXT, ErrorEntry, Link

__all__ = ["CATALOGUE", "CONTEXT", "FALLBACK", "ErrorEntry", "Link", "entry_for"]

_ENTRIES = errors_card_signin.ENTRIES + errors_portal.ENTRIES

CATALOGUE: dict[MessageCode, ErrorEntry] = {entry.code: entry for entry in _ENTRIES}
FALLBACK = CATALOGUE[MessageCode.APP_ERROR]


def entry_for(code: str) -> ErrorEntry:
    """The entry for ``code``; unknown codes fall back to the generic one (never a crash)."""
    try:
        return CATALOGUE[MessageCode(code)]
    except ValueError:
        return FALLBACK


def all_templates() -> list[str]:
    """Every catalogue string (for translation tooling)."""
    return [t for e in _ENTRIES for t in (e.title, e.message, e.action)]
