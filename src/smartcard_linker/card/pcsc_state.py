"""What PC/SC says about one reader now: is a card there, held exclusively, its ATR.

The PKCS#11 layer asks when the middleware's answer needs explaining (no token: is a
card there at all? an unexplained failure: is the card going?). Blocking calls.
"""

from __future__ import annotations

from dataclasses import dataclass

TOKEN_PREFIX = "token:"  # noqa: S105 - open_token("token:<label>"): a token with no reader (SoftHSM)


@dataclass(frozen=True)
class PcscReaderState:
    present: bool
    exclusive: bool
    atr: bytes | None = None


def reader_state(reader: str) -> PcscReaderState | None:
    """The reader's PC/SC state now, or None when the service or reader is not there."""
    from smartcard import scard

    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return None
    try:
        hresult, states = scard.SCardGetStatusChange(
            context, 0, [(reader, scard.SCARD_STATE_UNAWARE)]
        )
        if hresult != scard.SCARD_S_SUCCESS:
            return None
        flags = states[0][1]
        present = bool(flags & scard.SCARD_STATE_PRESENT)
        return PcscReaderState(
            present=present,
            exclusive=bool(flags & scard.SCARD_STATE_EXCLUSIVE),
            atr=bytes(states[0][2] or b"") or None if present else None,
        )
    finally:
        scard.SCardReleaseContext(context)


def card_absent(reader: str, wait_s: float = 1.0) -> bool:
    """After an unexplained failure: is the card gone from ``reader`` (or going)?

    A reader notices a pulled card at once, but the failing APDU can come first;
    wait (event-driven, bounded) for PC/SC to report the slot empty.
    """
    if reader.startswith(TOKEN_PREFIX):
        return False
    from smartcard import scard

    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return True  # no service: no card either
    try:
        hresult, states = scard.SCardGetStatusChange(
            context, 0, [(reader, scard.SCARD_STATE_UNAWARE)]
        )
        if hresult != scard.SCARD_S_SUCCESS:
            return True
        state = states[0][1] & ~scard.SCARD_STATE_CHANGED
        if not state & scard.SCARD_STATE_PRESENT:
            return True
        hresult, states = scard.SCardGetStatusChange(context, int(wait_s * 1000), [(reader, state)])
        if hresult == scard.SCARD_E_TIMEOUT:
            return False
        return hresult != scard.SCARD_S_SUCCESS or not states[0][1] & scard.SCARD_STATE_PRESENT
    finally:
        scard.SCardReleaseContext(context)
