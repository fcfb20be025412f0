"""What a report may show: Care Identity numbers cut to their last 4 digits, no credentials,
no home folder name.

Applied to the whole report just before it leaves the process (printed,
copied, saved), so no section can forget it.
"""

from __future__ import annotations

import os
import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

# 12 digits, as on the card (CN=102048843983) or as staff write it (1020 4884 3983).
_CARE_IDENTITY = re.compile(r"(?<!\d)\d{4} ?\d{4} ?(\d{4})(?!\d)")
_SECRET_WORDS = ("secret", "password", "token", "pin", "key")


def mask_care_identity(text: str) -> str:
    """``1020 4884 3983`` and ``102048843983`` become ``********3983``."""
    return _CARE_IDENTITY.sub(lambda m: "********" + m.group(1), text)


def mask_url_credentials(url: str) -> str:
    """A proxy URL's ``user:password@`` is replaced; the rest stays."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, f"***:***@{host}", parts.path, parts.query, parts.fragment))


def is_secret_key(key: str) -> bool:
    words = re.split(r"[_\W]+", key.lower())
    return any(word in _SECRET_WORDS for word in words)


def mask_home(text: str) -> str:
    """The user's home folder becomes ``~``: on Windows its name is often the person's name."""
    home = os.path.expanduser("~")
    if len(home) > 3 and home in text:
        text = text.replace(home, "~")
    return text


def scrub(value: Any) -> Any:
    """The same structure with every string masked (used on the whole report)."""
    if isinstance(value, str):
        return mask_home(mask_care_identity(value))
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub(v) for v in value]
    return value
