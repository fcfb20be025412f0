"""What the card layer tells the rest of the app: readers, cards, PIN rules, identity."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from link_protocol import SignatureAlgorithm


@dataclass(frozen=True)
class CardKind:
    """What an ATR hints the card is (``card/atr.py``). ``known`` is False for unlisted cards.

    ``nhs`` is True only where a public source names the ATR as an NHS card (the
    retired JCOP41 series); a current card is recognised by its certificate instead.
    ``retired``: a card series that no longer works, stopped before any PIN.
    """

    key: str  # e.g. "idemia-piv", "nhs-retired-jcop41", "unknown"
    label: str  # e.g. "IDEMIA card"
    known: bool
    nhs: bool
    retired: bool = False
    maker: str | None = None


class Verdict(StrEnum):
    NHS = "nhs"  # certificate from a configured NHS issuer
    NOT_NHS = "not_nhs"  # a card, but its certificate comes from another issuer (or none)
    RETIRED_SERIES = "retired_series"  # an NHS series that no longer works (by ATR)


@dataclass(frozen=True)
class CardRecognition:
    """What the app concluded about one card, and why (for the user and diagnostics)."""

    verdict: Verdict
    reason: str  # plain words, no personal data: the issuer's name is a CA's, not a person's
    hint: CardKind  # the ATR's maker hint or UNKNOWN
    issuer: str | None = None  # RFC 4514 issuer of the authentication certificate
    matched_rule: str | None = None  # the setting entry that matched

    @property
    def nhs(self) -> bool:
        return self.verdict is Verdict.NHS


@dataclass(frozen=True)
class CardSummary:
    """One card, read without a PIN, to tell several cards apart (and which are NHS cards)."""

    reader: str
    recognition: CardRecognition
    care_identity: str | None = None  # 12 digits, from the authentication certificate's CN
    serial: str = ""  # the token serial (a PIV card's CHUID GUID, as OpenSC shows it)


@dataclass(frozen=True)
class ReaderState:
    name: str
    has_card: bool
    atr: bytes | None = None
    card_kind: CardKind | None = None
    pin_pad: bool = False


class MonitorStatus(StrEnum):
    RUNNING = "running"
    SERVICE_UNAVAILABLE = "service_unavailable"  # pcscd / SCardSvr not running
    NO_READER = "no_reader"
    STOPPED = "stopped"


class CardEventKind(StrEnum):
    READERS_CHANGED = "readers_changed"
    CARD_INSERTED = "card_inserted"
    CARD_REMOVED = "card_removed"
    STATUS_CHANGED = "status_changed"  # service gone/back, no reader


@dataclass(frozen=True)
class CardEvent:
    kind: CardEventKind
    readers: tuple[ReaderState, ...]
    status: MonitorStatus
    reader: str | None = None  # the reader an insert/remove happened in
    atr: bytes | None = None
    card_kind: CardKind | None = None


@dataclass(frozen=True)
class PinPolicy:
    """The token's PIN rules and counters, known before a PIN is typed."""

    min_length: int
    max_length: int
    count_low: bool = False
    final_try: bool = False
    locked: bool = False
    pin_pad: bool = False  # CKF_PROTECTED_AUTHENTICATION_PATH
    tries_left: int | None = None  # from the card's retry counter where it can be read


@dataclass(frozen=True)
class CareIdentityCertificate:
    """The NHS authentication certificate read from the card, parsed."""

    der: bytes = field(repr=False)
    uuid: str  # 12 digits, no spaces
    subject: str  # RFC 4514
    issuer: str
    not_before: datetime
    not_after: datetime
    key_type: str  # "RSA" | "EC"
    algorithm: SignatureAlgorithm  # what sign() will use for this key
    serial_number: int = 0

    def days_left(self, now: datetime | None = None) -> int:
        now = now or datetime.now(UTC)
        return (self.not_after - now).days

    def expired(self, now: datetime | None = None) -> bool:
        now = now or datetime.now(UTC)
        return not (self.not_before <= now <= self.not_after)


@dataclass(frozen=True)
class TokenInfo:
    """One opened card. ``recognition`` (``card.recognition.CardRecognition``) says whether
    it is an NHS Smartcard and why; ``module`` is the PKCS#11 module that serves it."""

    reader: str
    label: str
    serial: str
    manufacturer: str
    pin_policy: PinPolicy
    certificates: tuple[CareIdentityCertificate, ...] = ()
    module: str = ""
    atr: bytes | None = None
    recognition: CardRecognition | None = None
