"""A PIV card's PIN retry counter, read over PC/SC without spending a try.

OpenSC's PIV emulation reports no PIN retry limit, so its token flags say nothing
until the final try (CKF_USER_PIN_FINAL_TRY) or the lock. A PIV card answers a
VERIFY with no data (NIST SP 800-73-4 Part 2, 3.2.1) with ``63 Cx`` (x tries left),
``69 83`` (blocked) or ``90 00`` (already verified) and counts no attempt. This
module sends that command on a shared PC/SC connection inside a transaction,
outside the PKCS#11 login, and leaves the card as it was (no reset).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

# SP 800-73-4 Part 1, 2.2: the PIV card application, right-truncated as OpenSC selects it.
PIV_AID_TRUNCATED = bytes.fromhex("A00000030800001000")
VERIFY_STATUS = bytes.fromhex("00200080")  # VERIFY, PIV Card Application PIN, no data
SELECT_PIV = bytes.fromhex("00A4040009") + PIV_AID_TRUNCATED + b"\x00"


@dataclass(frozen=True)
class PinCounter:
    tries_left: int | None  # None when the card did not say (verified, or no answer)
    verified: bool = False
    blocked: bool = False


def decode_status(sw1: int, sw2: int) -> PinCounter | None:
    """The counter a data-less VERIFY's status word gives; None when it says nothing."""
    if (sw1, sw2) == (0x90, 0x00):
        return PinCounter(None, verified=True)
    if (sw1, sw2) == (0x69, 0x83):
        return PinCounter(0, blocked=True)
    if sw1 == 0x63 and sw2 & 0xF0 == 0xC0:
        left = sw2 & 0x0F
        return PinCounter(left, blocked=left == 0)
    return None


def read_piv_pin_counter(reader: str) -> PinCounter | None:
    """The PIV PIN counter of the card in ``reader``, or None when it cannot be read.

    Sends the data-less VERIFY; if the PIV application is not the selected one
    (another program selected something else), selects it and asks again.
    """
    from smartcard import scard

    hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    if hresult != scard.SCARD_S_SUCCESS:
        return None
    try:
        hresult, card, protocol = scard.SCardConnect(
            context,
            reader,
            scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
        )
        if hresult != scard.SCARD_S_SUCCESS:
            return None
        try:
            if scard.SCardBeginTransaction(card) != scard.SCARD_S_SUCCESS:
                return None
            try:
                counter = _ask(scard, card, protocol)
                if counter is None:
                    hresult, answer = scard.SCardTransmit(card, protocol, list(SELECT_PIV))
                    selected = hresult == scard.SCARD_S_SUCCESS and len(answer) >= 2
                    if selected and (answer[-2] == 0x61 or answer[-2:] == [0x90, 0x00]):
                        counter = _ask(scard, card, protocol)
                return counter
            finally:
                scard.SCardEndTransaction(card, scard.SCARD_LEAVE_CARD)
        finally:
            scard.SCardDisconnect(card, scard.SCARD_LEAVE_CARD)
    finally:
        scard.SCardReleaseContext(context)


def _ask(scard: object, card: object, protocol: object) -> PinCounter | None:
    transmit = getattr(scard, "SCardTransmit")  # noqa: B009 - pyscard's SWIG module is untyped
    hresult, answer = transmit(card, protocol, list(VERIFY_STATUS))
    if hresult != 0 or len(answer) < 2:
        log.debug("PIN status VERIFY failed: 0x%08X", hresult & 0xFFFFFFFF)
        return None
    return decode_status(answer[-2], answer[-1])
