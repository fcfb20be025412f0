"""Small display helpers shared by the flow and the UI (no Qt)."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit


def group_uuid(uuid: str) -> str:
    """Show a 12-digit Care Identity UUID in groups of four: ``1020 4884 3983``."""
    digits = "".join(ch for ch in uuid if not ch.isspace())
    if not digits:
        return ""
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def format_date(moment: datetime | None) -> str:
    """A date a person reads without thinking: ``25 November 2026``."""
    if moment is None:
        return ""
    return f"{moment.day} {moment.strftime('%B %Y')}"


def host_of(url: str) -> str:
    """The host (and port, if any) of a URL, for "checked by <host>" lines."""
    parts = urlsplit(url)
    return parts.netloc or url
