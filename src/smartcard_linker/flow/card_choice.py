"""Which reader and which certificate, as plain decisions; the certificate's warning, and
whether the card can go on at all.

The journey hands these the readers the monitor sees and the certificates the card holds;
they answer without touching a card, so each rule has its own unit test.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from smartcard_linker.card.model import (
    CardKind,
    CardRecognition,
    CardSummary,
    CareIdentityCertificate,
    PinPolicy,
    ReaderState,
)
from smartcard_linker.flow.msg import Msg, msg
from smartcard_linker.flow.state import CardStop
from smartcard_linker.translatable import QT_TRANSLATE_NOOP

CTX = "Journey"
RENEW_SOON_DAYS = 90


@dataclass(frozen=True)
class ReaderChoice:
    """Read the card in ``reader``; or, when ``reader`` is None, show ``message`` and wait
    (``choice_needed``: cards in several readers, the person picks one)."""

    reader: ReaderState | None
    message: Msg | None = None
    choice_needed: bool = False


def choose_reader(
    readers: tuple[ReaderState, ...],
    selected: str | None,
    kept_message: Msg | None = None,
    stale: frozenset[str] = frozenset(),
    *,
    service_down: bool = False,
    summaries: tuple[CardSummary, ...] = (),
) -> ReaderChoice:
    """The reader to read: the selected one if it still has a card, else the only one with a
    card, else the only NHS Smartcard among cards told apart (``summaries``: the others are
    not NHS Smartcards and are ignored). ``kept_message`` (e.g. "your card was removed")
    stays up while no card is in. ``service_down``: the smartcard service is stopped, so no
    reader can be listed.

    ``stale``: kiosk readers whose card was already in when this person's session began
    (the last person's, most likely); such a card is never read until it leaves."""
    with_card = [r for r in readers if r.has_card and r.name not in stale]
    chosen = next((r for r in with_card if r.name == selected), None)
    if chosen is None and len(with_card) == 1:
        chosen = with_card[0]
    if chosen is None and len(with_card) > 1:
        nhs = {s.reader for s in summaries if s.recognition.nhs}
        known = {s.reader for s in summaries}
        if known >= {r.name for r in with_card} and len(nhs) == 1:
            chosen = next(r for r in with_card if r.name in nhs)
    if chosen is not None:
        return ReaderChoice(chosen)
    if len(with_card) > 1:
        return ReaderChoice(
            None,
            msg(
                "Journey",
                "There is a card in more than one reader. Choose the reader with your card.",
            ),
            choice_needed=True,
        )
    if any(r.has_card and r.name in stale for r in readers):
        message = msg("Journey", "Remove the card that is in the reader, then insert your own.")
        return ReaderChoice(None, message)
    if not readers and service_down:
        message = msg(
            "Journey",
            "The smartcard service on this computer is not running, so no reader or card "
            "can be seen. Restart the computer, or ask your Local Administrator to start it.",
        )
    elif not readers:
        message = msg("Journey", "Connect your smartcard reader to this computer.")
    elif len(readers) == 1:
        message = msg("Journey", "Put your smartcard in the reader.")
    else:
        message = msg("Journey", "Put your smartcard in one of the readers.")
    return ReaderChoice(None, kept_message or message)


def shown_kind(hint: CardKind | None, recognition: CardRecognition | None) -> CardKind | None:
    """What the card page calls the card: "NHS Smartcard (IDEMIA)" once its certificate says
    NHS (the ATR alone only gives the maker), else the ATR's hint."""
    if recognition is None or not recognition.nhs:
        return hint
    maker = recognition.hint.maker or (hint.maker if hint else None)
    label = (
        QT_TRANSLATE_NOOP("CardKind", "NHS Smartcard ({maker})")
        if maker
        else QT_TRANSLATE_NOOP("CardKind", "NHS Smartcard")
    )
    return CardKind("nhs", label, known=True, nhs=True, maker=maker)


def untold_cards(
    readers: tuple[ReaderState, ...], summaries: tuple[CardSummary, ...]
) -> tuple[str, ...]:
    """Readers with a card not yet told apart (several cards: read each without a PIN)."""
    with_card = [r.name for r in readers if r.has_card]
    if len(with_card) < 2:
        return ()
    known = {s.reader for s in summaries}
    return tuple(name for name in with_card if name not in known)


def summaries_still_in(
    readers: tuple[ReaderState, ...], summaries: tuple[CardSummary, ...]
) -> tuple[CardSummary, ...]:
    """The summaries of cards still in their reader (a removed card's summary is dropped)."""
    present = {r.name for r in readers if r.has_card}
    return tuple(s for s in summaries if s.reader in present)


def default_certificate(certs: tuple[CareIdentityCertificate, ...], now: datetime) -> int:
    """The NHS certificate (O=nhs, still valid) by default; else the first valid; else the
    first."""
    for i, cert in enumerate(certs):
        if "o=nhs" in cert.subject.lower() and not cert.expired(now):
            return i
    for i, cert in enumerate(certs):
        if not cert.expired(now):
            return i
    return 0


def certificate_warning(cert: CareIdentityCertificate, now: datetime) -> Msg | None:
    """Expired, or expiring within ``RENEW_SOON_DAYS``: say so and who renews it."""
    if cert.expired(now):
        return msg(
            "Journey",
            "This certificate expired on {date}. Ask your Registration Authority to renew it.",
        ).fill(date=cert.not_after)
    days = cert.days_left(now)
    if days <= RENEW_SOON_DAYS:
        return msg(
            "Journey",
            "This certificate expires in {days} days ({date}). You can renew it with your "
            "Registration Authority.",
        ).fill(days=days, date=cert.not_after)
    return None


def card_stop(
    cert: CareIdentityCertificate, policy: PinPolicy, now: datetime, unlock_url: str
) -> CardStop | None:
    """Why this card cannot be linked as it is, and the next step; None when it can go on.
    A locked card is known from the token before any PIN is asked for."""
    if policy.locked:
        return CardStop(
            "pin_locked",
            msg(
                "Journey", "Your smartcard is locked because too many wrong passcodes were entered."
            ),
            msg(
                "Journey",
                "Unlock it online (you need an email address or mobile number on your NHS "
                "Care Identity profile), or ask your Registration Authority to unlock it. "
                "Then start again.",
            ),
            unlock_url or None,
            msg("Journey", "Unlock my smartcard online") if unlock_url else None,
        )
    if cert.expired(now):
        return CardStop(
            "certificate_expired",
            msg("Journey", "The certificate on this smartcard expired on {date}.").fill(
                date=cert.not_after
            ),
            msg(
                "Journey",
                "Ask your Registration Authority to renew the certificate on your card. Then "
                "start again.",
            ),
        )
    return None


def pin_pad_in_use(
    pin_pad_policy: bool, readers: tuple[ReaderState, ...], selected: str | None
) -> bool:
    """The PIN goes in on the reader's keypad when the token or the selected reader says so."""
    reader = next((r for r in readers if r.name == selected), None)
    return pin_pad_policy or (reader is not None and reader.pin_pad)
