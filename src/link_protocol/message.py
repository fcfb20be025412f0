"""The exact bytes a card signs to prove it is held by the signed-in person.

message = DOMAIN_PREFIX || SHA-256(origin) || SHA-256(nonce) || SHA-256(oid)

The prefix and the hashes bind a signature to one portal (origin), one moment
(nonce) and one account (oid), so it can be replayed nowhere else.
"""

from __future__ import annotations

import hashlib
from urllib.parse import urlsplit

DOMAIN_PREFIX = b"NHS-SMARTCARD-LINK-V1"
NONCE_BYTES = 32


def normalize_origin(url: str) -> str:
    """Reduce a portal URL to its origin: ``https://host[:port]``, lower-case, no path.

    The default port is dropped so ``https://h:443`` and ``https://h`` sign alike.
    """
    parts = urlsplit(url.strip())
    if parts.scheme.lower() != "https" or not parts.hostname:
        raise ValueError(f"origin must be an https URL with a host, got {url!r}")
    host = parts.hostname.lower()
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    port = parts.port
    if port is None or port == 443:
        return f"https://{host}"
    return f"https://{host}:{port}"


def build_link_message(origin: str, nonce: bytes, oid: str) -> bytes:
    """Build the message the card signs (and the portal verifies)."""
    if len(nonce) != NONCE_BYTES:
        raise ValueError(f"nonce must be {NONCE_BYTES} bytes, got {len(nonce)}")
    if not oid:
        raise ValueError("oid must not be empty")
    return b"".join(
        (
            DOMAIN_PREFIX,
            hashlib.sha256(normalize_origin(origin).encode("utf-8")).digest(),
            hashlib.sha256(nonce).digest(),
            hashlib.sha256(oid.encode("utf-8")).digest(),
        )
    )
