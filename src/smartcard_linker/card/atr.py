"""What an ATR (answer to reset) can tell about a card: a maker hint, or a retired NHS series.

An ATR never proves a card is an NHS Smartcard: the IDEMIA and Oberthur families
current NHS cards belong to are also national ID, government PIV and bank cards.
Whether a card is an NHS Smartcard is decided by its authentication certificate
(``recognition.py``); the portal's chain check is the real decision. The ATR only
(a) labels the card for the user ("IDEMIA card") and (b) stops, before any PIN, the
Series 5-6 JCOP41 cards that the public list names as NHS cards and that NHS
England has blocked. Every entry cites its source; no sandbox ATR is listed here.
See docs/smartcard.md ("Card series") for the table and how to add an entry.
Labels are English templates under the ``CardKind`` translation context; the UI shows them
translated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from smartcard_linker.card.model import CardKind
from smartcard_linker.translatable import QT_TRANSLATE_NOOP

UNKNOWN = CardKind("unknown", QT_TRANSLATE_NOOP("CardKind", "Smartcard"), known=False, nhs=False)

SMARTCARD_LIST = "pcsc-tools smartcard_list.txt (Debian pcsc-tools 1.6.2)"

RETIRED_NHS = CardKind(
    "nhs-retired-jcop41",
    QT_TRANSLATE_NOOP("CardKind", "NHS Smartcard (Series 5 or 6)"),
    known=True,
    nhs=True,
    retired=True,
)
IDEMIA_PIV = CardKind(
    "idemia-piv",
    QT_TRANSLATE_NOOP("CardKind", "IDEMIA card"),
    known=True,
    nhs=False,
    maker="IDEMIA",
)
OBERTHUR_COSMO = CardKind(
    "oberthur-cosmo",
    QT_TRANSLATE_NOOP("CardKind", "Oberthur (IDEMIA) card"),
    known=True,
    nhs=False,
    maker="Oberthur",
)


@dataclass(frozen=True)
class AtrEntry:
    pattern: str  # hex bytes separated by spaces; "." in a byte matches any nibble
    kind: CardKind
    source: str  # where the fact comes from, with the list's own description


ATR_TABLE: tuple[AtrEntry, ...] = (
    # The only ATRs the public list names as NHS cards: JCOP41 V2.2. NHS Digital's
    # deprecation note (10 February 2022) names "Gem Series 05 or 06 (JCOP41 and JCP 41
    # cards)"; NHS England blocked Series 5 and 6 on 7 May 2026 (Series 4 on 1 April).
    AtrEntry(
        "3B F9 18 00 00 81 31 FE 45 4A 43 4F 50 34 31 56 32 32 AF",
        RETIRED_NHS,
        f"{SMARTCARD_LIST}: 'NHS Care Identity Service (CIS) smartcard (HealthCare)'",
    ),
    AtrEntry(
        "3B 6A 00 FF 4A 43 4F 50 34 31 56 32 32 31",
        RETIRED_NHS,
        f"{SMARTCARD_LIST}: 'NHS hospital smartcard login key (HealthCare)'",
    ),
    # IDEMIA (formerly Oberthur) Cosmo V8 with a PIV applet, contact interface. The same
    # family is listed for NASA and DOS PIV cards, 'ID-One PIV 2.4 from IDEMIA', a badge:
    # a maker hint only (NHS Series 9 is an IDEMIA PIV card, Series 10 IDEMIA).
    AtrEntry(
        "3B D6 9. 00 81 B1 FE 45 1F .7 80 31 C1 52 .. .. ..",
        IDEMIA_PIV,
        f"{SMARTCARD_LIST}: 'IDEMIA Cosmo V8.0 with a PIV applet', "
        "'IDEMIA Cosmo V8.1 with a PIV applet'",
    ),
    # The same chips over the contactless interface.
    AtrEntry(
        "3B 86 80 01 80 31 C1 52 .. .. ..",
        IDEMIA_PIV,
        f"{SMARTCARD_LIST}: 'IDEMIA Cosmo V8.0 with a PIV applet (contactless)', "
        "'IDEMIA Cosmo V8.1 with a PIV applet (contactless)'",
    ),
    # Oberthur ID-One Cosmo V7 family (22 bytes): 'Oberthur Cosmo V7 64K Dual/128K',
    # 'Oberthur ID-One Cosmo v7.0 80K (eID)', 'ID-One PIV', 'Oberthur Cosmo (eID)'. NHS
    # Series 8 cards are Oberthur cards, but so are many eID cards: a maker hint only.
    AtrEntry(
        "3B DB .. 00 80 B1 FE 45 1F 83 00 31 C0 64 .. .. .. .. .. 90 00 ..",
        OBERTHUR_COSMO,
        f"{SMARTCARD_LIST}: 'Oberthur Cosmo V7 64K Dual/128K', 'Oberthur ID-One Cosmo v7.0 80K'",
    ),
)


def _regex(pattern: str) -> re.Pattern[str]:
    parts = pattern.upper().split()
    if any(len(p) != 2 for p in parts):
        raise ValueError(f"ATR pattern bytes are two hex digits or dots: {pattern!r}")
    return re.compile("".join(p.replace(".", "[0-9A-F]") for p in parts) + "$")


_COMPILED = tuple((_regex(e.pattern), e) for e in ATR_TABLE)


def entry_for(atr: bytes | None) -> AtrEntry | None:
    """The table entry an ATR matches, or None."""
    if not atr:
        return None
    text = atr.hex().upper()
    for regex, entry in _COMPILED:
        if regex.match(text):
            return entry
    return None


def lookup(atr: bytes | None) -> CardKind:
    """The card kind for an ATR; ``UNKNOWN`` for anything not in the table."""
    entry = entry_for(atr)
    return entry.kind if entry else UNKNOWN


def format_atr(atr: bytes) -> str:
    return " ".join(f"{b:02X}" for b in atr)
