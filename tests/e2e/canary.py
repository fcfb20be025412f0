"""The canary scanner: every form a secret or a piece of personal data could take in a log.

A PIN is searched as text, as hex (plain, spaced, ``\\x``-escaped) and as
``\\u``-escaped text; binary values (signature, certificate) as hex, base64 and
base64url; a Care Identity number compact and grouped. ``find_leaks`` names
each form it finds, so a failure says exactly what leaked.
"""

from __future__ import annotations

import base64


def text_forms(value: str) -> dict[str, str]:
    raw = value.encode()
    return {
        "text": value,
        "hex": raw.hex(),
        "HEX": raw.hex().upper(),
        "spaced hex": " ".join(f"{b:02x}" for b in raw),
        "spaced HEX": " ".join(f"{b:02X}" for b in raw),
        "\\x-escaped": "".join(f"\\x{b:02x}" for b in raw),
        "\\u-escaped": "".join(f"\\u{ord(c):04x}" for c in value),
    }


def binary_forms(value: bytes) -> dict[str, str]:
    # A 24-byte slice from the middle is enough: no log line should hold any of it.
    middle = value[len(value) // 3 : len(value) // 3 + 24]
    return {
        "hex": middle.hex(),
        "HEX": middle.hex().upper(),
        "base64": base64.b64encode(value).decode()[8:40],
        "base64url": base64.urlsafe_b64encode(value).decode().rstrip("=")[8:40],
    }


def care_identity_forms(uuid: str) -> dict[str, str]:
    return {"compact": uuid, "grouped": f"{uuid[:4]} {uuid[4:8]} {uuid[8:]}"}


def find_leaks(text: str, secrets: dict[str, dict[str, str]]) -> list[str]:
    """``["PIN (hex)", ...]``: each secret form present in ``text``."""
    return [
        f"{name} ({form})"
        for name, forms in secrets.items()
        for form, value in forms.items()
        if value and value in text
    ]
