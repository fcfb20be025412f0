"""What kind of card an ATR (answer to reset) says is in the reader.

The ATR only labels a card for the user ("NHS Smartcard (Series 9)", "unknown
card"); whether it can link is decided by PKCS#11 (is there an NHS certificate?),
so an unlisted or foreign card never breaks the flow. Sources and what is not
confirmed are in docs/smartcard.md. Labels are English templates under the ``CardKind``
translation context; the UI shows them translated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from smartcard_linker.card.model import CardKind
from smartcard_linker.translatable import QT_TRANSLATE_NOOP

UNKNOWN = CardKind("unknown", QT_TRANSLATE_NOOP("CardKind", "Unknown card"), known=False, nhs=False)


@dataclass(frozen=True)
class AtrEntry:
    pattern: str  # hex bytes separated by spaces; ".." matches any byte
    kind: CardKind
    confirmed: bool  # False: a plausible match from public ATR lists, not seen on an NHS card


def _kind(key: str, label: str, *, nhs: bool) -> CardKind:
    return CardKind(key, label, known=True, nhs=nhs)


ATR_TABLE: tuple[AtrEntry, ...] = (
    # Sandbox virtual card (OpenPGP card emulator, see linker_sandbox.openpgp_card).
    AtrEntry(
        "3B DA 11 FF 81 B1 FE 55 1F 03 00 31 C8 73 FB 11 DF 01 90 00 9D",
        _kind(
            "openpgp-virtual",
            QT_TRANSLATE_NOOP("CardKind", "Sandbox virtual smartcard (test only)"),
            nhs=True,
        ),
        confirmed=True,
    ),
    # NHS Care Identity Service smartcard, JCOP41 V2.2 (pcsc-tools smartcard_list):
    # series 5/6 era, authentication blocked by NHS England since May 2026.
    AtrEntry(
        "3B F9 18 00 00 81 31 FE 45 4A 43 4F 50 34 31 56 32 32 AF",
        _kind(
            "nhs-legacy-jcop41",
            QT_TRANSLATE_NOOP("CardKind", "NHS Smartcard (old series, no longer accepted)"),
            nhs=True,
        ),
        confirmed=True,
    ),
    AtrEntry(
        "3B 6A 00 FF 4A 43 4F 50 34 31 56 32 32 31",
        _kind(
            "nhs-legacy-jcop41",
            QT_TRANSLATE_NOOP("CardKind", "NHS Smartcard (old series, no longer accepted)"),
            nhs=True,
        ),
        confirmed=True,
    ),
    # Series 9/10 are IDEMIA PIV-compatible cards; these are IDEMIA/Oberthur
    # Cosmo V8 PIV ATRs from public lists, NOT confirmed on NHS cards.
    AtrEntry(
        "3B D6 97 00 81 B1 FE 45 1F .7 80 31 C1 52 .. .. ..",
        _kind(
            "nhs-series-9-10",
            QT_TRANSLATE_NOOP("CardKind", "NHS Smartcard (Series 9/10, IDEMIA)"),
            nhs=True,
        ),
        confirmed=False,
    ),
    # Series 8 (Oberthur ID-One Cosmo): historical bytes of Oberthur Cosmo cards,
    # NOT confirmed on NHS cards.
    AtrEntry(
        "3B DB 96 00 8. B1 FE 45 1F 83 .. .. .. .. .. .. .. .. 90 00 ..",
        _kind(
            "nhs-series-8",
            QT_TRANSLATE_NOOP("CardKind", "NHS Smartcard (Series 8, Oberthur)"),
            nhs=True,
        ),
        confirmed=False,
    ),
)


def _regex(pattern: str) -> re.Pattern[str]:
    parts = pattern.upper().split()
    return re.compile("".join(p.replace(".", "[0-9A-F]") for p in parts) + "$")


_COMPILED = tuple((_regex(e.pattern), e) for e in ATR_TABLE)


def lookup(atr: bytes | None) -> CardKind:
    """The card kind for an ATR; ``UNKNOWN`` for anything not in the table."""
    if not atr:
        return UNKNOWN
    text = atr.hex().upper()
    for regex, entry in _COMPILED:
        if regex.match(text):
            return entry.kind
    return UNKNOWN


def format_atr(atr: bytes) -> str:
    return " ".join(f"{b:02X}" for b in atr)
