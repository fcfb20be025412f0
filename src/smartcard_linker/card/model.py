"""What the card layer tells the rest of the app: readers, cards, PIN rules, identity."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from link_protocol import SignatureAlgorithm


@dataclass(frozen=True)
class CardKind:
    """What an ATR says the card is. ``known`` is False for cards not in the ATR table."""

    key: str  # e.g. "nhs-series-9", "openpgp-virtual", "unknown"
    label: str  # e.g. "NHS Smartcard (Series 9)"
    known: bool
    nhs: bool


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
    reader: str
    label: str
    serial: str
    manufacturer: str
    pin_policy: PinPolicy
    certificates: tuple[CareIdentityCertificate, ...] = ()
