"""Which language the app speaks: the start choice, the lock, and remembering a switch (no Qt).

The app follows the computer's language unless the ``language`` setting says otherwise; a
policy value locks it (the switch is hidden). A person's switch is remembered in the per-user
settings file, except in kiosk mode, where every person starts in the station's language.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from smartcard_linker.config import LoadedSettings
from smartcard_linker.setting_values import LANGUAGES, normalize_language

log = logging.getLogger(__name__)

ENGLISH, WELSH = LANGUAGES
# Each language's name in itself, as the switch shows it.
LANGUAGE_NAMES = {ENGLISH: "English", WELSH: "Cymraeg"}
# What the sign-in request asks the identity provider for (OpenID Connect ui_locales).
UI_LOCALES = {ENGLISH: "en-GB", WELSH: "cy-GB"}
_KEY_LINE = re.compile(r"^\s*language\s*=.*$", re.MULTILINE)
_TABLE = re.compile(r"^\s*\[smartcard_linker\]\s*$", re.MULTILINE)


def with_ui_locales(url: str, ui_locales: str) -> str:
    """``url`` with ``ui_locales`` set (OpenID Connect: the language the sign-in pages use).

    Split by hand, not with ``urlsplit``: that caches its last 128 answers, and each
    sign-in's address is new (its state and nonce), so a kiosk would keep the last 128
    people's sign-in addresses in memory."""
    rest, hash_mark, fragment = url.partition("#")
    base, _, query = rest.partition("?")
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "ui_locales"]
    pairs.append(("ui_locales", ui_locales))
    return f"{base}?{urlencode(pairs)}{hash_mark}{fragment}"


def from_locale_name(name: str) -> str:
    """The app's language for an OS locale name (``cy_GB``, ``cy-GB``); English otherwise."""
    try:
        return normalize_language(name)
    except ValueError:
        return ENGLISH


@dataclass(frozen=True)
class LanguageChoice:
    """The language the window opens in, whether a person may switch, where a switch is kept."""

    start: str = ENGLISH
    locked: bool = False
    remember_to: Path | None = None  # None: a switch lasts for this session only (kiosk)
    station: str = ENGLISH  # kiosk: the language each new person's session starts in


def remembered(path: Path | None) -> str | None:
    """The language a person chose before (``language`` in their settings file), if any."""
    if path is None or not path.is_file():
        return None
    import tomllib

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    table = data.get("smartcard_linker", data)
    value = table.get("language") if isinstance(table, dict) else None
    try:
        return normalize_language(value) if isinstance(value, str) and value else None
    except ValueError:
        return None


def choose(loaded: LoadedSettings, os_locale: str) -> LanguageChoice:
    """Policy lock first, then (outside kiosk mode) the person's own choice, then the
    configured language, then the computer's."""
    settings = loaded.settings
    station = settings.language or from_locale_name(os_locale)
    if "language" in loaded.locked:
        return LanguageChoice(settings.language, locked=True, station=settings.language)
    if settings.kiosk_mode:
        return LanguageChoice(station, remember_to=None, station=station)
    start = remembered(loaded.user_file) or station
    return LanguageChoice(start, remember_to=loaded.user_file, station=station)


def remember(path: Path, language: str) -> bool:
    """Write ``language = "<code>"`` into the per-user settings file, keeping the rest of it.

    Returns False (and the switch simply is not remembered) when the file cannot be written
    or would not stay valid TOML; the app never fails over this.
    """
    import tempfile
    import tomllib

    line = f'language = "{normalize_language(language)}"'
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        if _KEY_LINE.search(text):
            text = _KEY_LINE.sub(line, text, count=1)
        elif (table := _TABLE.search(text)) is not None:
            text = f"{text[: table.end()]}\n{line}{text[table.end() :]}"
        else:  # top of the file is the root table, before any [table] header
            text = f"{line}\n{text}"
        tomllib.loads(text)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, path)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        log.warning("the language choice was not remembered: %s", type(exc).__name__)
        return False
    return True


@dataclass
class SpokenLanguage:
    """The language the person sees now, shared with the adapters that speak to them outside
    the window (the sign-in request's ``ui_locales``, the browser's sign-in-finished page).

    The UI sets ``code`` on every switch and ``translate`` to Qt's translator once.
    """

    code: str = ENGLISH
    translate: Callable[[str, str], str] = lambda _context, text: text

    @property
    def ui_locales(self) -> str:
        return UI_LOCALES.get(self.code, UI_LOCALES[ENGLISH])
