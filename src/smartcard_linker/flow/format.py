"""Small display helpers shared by the flow and the UI (no Qt)."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit


def format_date(moment: date | None) -> str:
    """A date a person reads without thinking: ``25 November 2026`` (English; the UI writes
    dates in the person's language with QLocale, ui/i18n.format_date)."""
    if moment is None:
        return ""
    return f"{moment.day} {moment.strftime('%B %Y')}"


def host_of(url: str) -> str:
    """The host (and port, if any) of a URL, for "checked by <host>" lines."""
    parts = urlsplit(url)
    return parts.netloc or url
