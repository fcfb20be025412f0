"""Checks for one settings value each: text without control characters, files that exist,
path lists, issuer rules, the fixed choices. Each returns the clean value or raises
ValueError saying what was expected (the loader turns that into a ``ConfigProblem``)."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Any

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
LANGUAGES = ("en-GB", "cy")  # the languages the app ships (resources/translations/)


def refuse_control_characters(raw: Any) -> Any:
    """``raw`` itself; newlines, escape codes and other control characters are refused."""
    items = raw if isinstance(raw, list | tuple) else [raw]
    for item in items:
        if isinstance(item, str):
            bad = next((c for c in item if unicodedata.category(c) == "Cc"), None)
            if bad is not None:
                raise ValueError(
                    f"contains a control character (U+{ord(bad):04X}); "
                    "expected text without newlines, tabs or escape codes"
                )
    return raw


def checked_file(kind: str, value: str) -> str | None:
    """A PEM file to read ("path") or a program to run ("program"), checked now."""
    if kind == "program":
        if value and not _is_file(Path(value), os.X_OK):
            raise ValueError(f"expected the path of a browser program, {value!r} is not one")
        return value
    if not value:
        return None
    path = Path(value).expanduser()
    if not _is_file(path, os.R_OK):
        raise ValueError(f"expected a readable PEM file, {value!r} is not one")
    return str(path)


def _is_file(path: Path, mode: int) -> bool:
    """A file we may use in ``mode``; a name the OS cannot even look up (too long) is not."""
    try:
        return path.is_file() and os.access(path, mode)
    except OSError:
        return False


def path_list(raw: Any, from_text: bool) -> tuple[str, ...]:
    """A list of file paths: a list, or text separated by ``os.pathsep`` (``;`` in the registry)."""
    if isinstance(raw, str):
        items = [p.strip() for p in raw.split(os.pathsep if from_text else ";")]
        return tuple(p for p in items if p)
    if isinstance(raw, list | tuple) and all(isinstance(p, str) for p in raw):
        return tuple(p for p in raw if p)
    raise ValueError(f"expected a list of file paths, got {raw!r}")


def issuer_rules(raw: Any) -> tuple[str, ...]:
    """A list of NHS issuer rules, each checked (``card.recognition.IssuerRule``)."""
    if isinstance(raw, str):
        items = [p.strip() for p in raw.split(";")]
    elif isinstance(raw, list | tuple) and all(isinstance(p, str) for p in raw):
        items = [p.strip() for p in raw]
    else:
        raise ValueError(f"expected a list of issuer names, got {raw!r}")
    from smartcard_linker.card.recognition import IssuerRule

    rules = tuple(p for p in items if p)
    for rule in rules:
        IssuerRule.parse(rule)
    return rules


def log_level(value: str) -> str:
    if value.upper() not in LOG_LEVELS:
        raise ValueError(f"expected one of {', '.join(LOG_LEVELS)}, got {value!r}")
    return value.upper()


def language(value: str) -> str:
    return normalize_language(value) if value else ""


def normalize_language(value: str) -> str:
    """``en-GB`` or ``cy`` from a language tag (``cy-GB``, ``en_gb``, ``EN``), else ValueError."""
    base = value.strip().replace("_", "-").split("-")[0].lower()
    for language in LANGUAGES:
        if language.split("-")[0].lower() == base:
            return language
    raise ValueError(f"expected one of {', '.join(LANGUAGES)}, got {value!r}")


# Settings with a fixed set of values: each checks and normalises a value (ValueError if bad).
