"""The Link API v1 contract shared by the desktop app and the portal.

Pure and tiny on purpose: both ends build the signed message with the same
code, so a change to the bytes shows up on both sides at once.
"""

from link_protocol.algorithms import SignatureAlgorithm
from link_protocol.care_identity import group_uuid
from link_protocol.errors import ErrorCode
from link_protocol.message import (
    DOMAIN_PREFIX,
    NONCE_BYTES,
    build_link_message,
    normalize_origin,
)

API_VERSION = "v1"

__all__ = [
    "API_VERSION",
    "DOMAIN_PREFIX",
    "NONCE_BYTES",
    "ErrorCode",
    "SignatureAlgorithm",
    "build_link_message",
    "group_uuid",
    "normalize_origin",
]
