"""The virtual PIV card as OpenSC and a plain PC/SC client see it (real pcscd, vpcd).

The exchanges are those of OpenSC 0.23's card-piv.c: discovery before SELECT, the
SELECTs of the drivers OpenSC tries first, OpenSC's 8-byte length probe and GET
RESPONSE, the PIN state surviving a re-SELECT, the data-less VERIFY.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from linker_sandbox.cards.virtual_card import VirtualCardRig
from smartcard_linker.card.model import CardEventKind
from smartcard_linker.card.monitor import PcscCardMonitor
from tests.fixtures_card import EventRecorder

# AIDs OpenSC's coolkey, MUSCLE and SmartCard-HSM drivers select before PIV-II
# (card-coolkey.c, card-muscle.c, card-sc-hsm.c, OpenSC 0.23.0).
OTHER_DRIVERS_AIDS = ("627601FF000000", "A00000000101", "E82B0601040181C31F0201")


@pytest.fixture
def piv_reader(rig: VirtualCardRig, card_events: Callable[[], EventRecorder]) -> Iterator[str]:
    monitor = PcscCardMonitor()
    events = card_events()
    monitor.start(events)
    reader = rig.readers[0].name
    rig.insert("ready", reader)
    events.wait_for(CardEventKind.CARD_INSERTED, reader)
    yield reader
    monitor.stop()


class Pcsc:
    """One shared PC/SC connection that sends hex APDUs."""

    def __init__(self, reader: str) -> None:
        from smartcard import scard

        self.scard: Any = scard
        _, self.context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        hresult, self.card, self.protocol = scard.SCardConnect(
            self.context, reader, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T1
        )
        assert hresult == scard.SCARD_S_SUCCESS

    def send(self, apdu: str) -> tuple[bytes, str]:
        hresult, answer = self.scard.SCardTransmit(
            self.card, self.protocol, list(bytes.fromhex(apdu))
        )
        assert hresult == self.scard.SCARD_S_SUCCESS
        return bytes(answer[:-2]), bytes(answer[-2:]).hex().upper()

    def close(self) -> None:
        self.scard.SCardDisconnect(self.card, self.scard.SCARD_RESET_CARD)
        self.scard.SCardReleaseContext(self.context)


def test_opensc_names_it_a_piv_card(piv_reader: str) -> None:
    named = subprocess.run(
        ["opensc-tool", "--reader", piv_reader, "--name"],
        capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    assert named.stdout.strip() == "Personal Identity Verification Card", named.stderr


def test_piv_exchanges_opensc_relies_on(piv_reader: str) -> None:
    pcsc = Pcsc(piv_reader)
    try:
        # PIV is selected at power-on: the discovery object answers before any SELECT.
        data, sw = pcsc.send("00CB3FFF035C017E00")
        assert sw == "9000" and data[:2] == bytes.fromhex("7E12")
        for aid in OTHER_DRIVERS_AIDS:
            assert pcsc.send(f"00A40400{len(aid) // 2:02X}{aid}00")[1] == "6A82"
        assert pcsc.send("00CB3FFF035C017E00")[1] == "9000"  # still PIV after those
        data, sw = pcsc.send("00A4040009A0000003080000100000")
        assert sw == "9000" and data[0] == 0x61
        assert pcsc.send("00CB3FFF055C035FC10700")[1] == "6A82"  # no CCC
        assert pcsc.send("00CB3FFF055C035FC10C00")[1] == "6A82"  # no key history
        # OpenSC's length probe of the 9A certificate, then the whole object.
        head, sw = pcsc.send("00CB3FFF055C035FC10508")
        assert len(head) == 8 and head[:2] == bytes.fromhex("5382") and sw.startswith("61")
        size = 4 + int.from_bytes(head[2:4], "big")
        body, sw = pcsc.send("00CB3FFF055C035FC10500")
        while sw.startswith("61"):
            more, sw = pcsc.send(f"00C00000{sw[2:]}")
            body += more
        assert sw == "9000" and len(body) == size
        # The retry counter, asked without spending a try; the PIN survives a re-SELECT.
        assert pcsc.send("00200080")[1] == "63C3"
        pin = b"123456".ljust(8, b"\xff").hex()
        assert pcsc.send(f"0020008008{pin}")[1] == "9000"
        assert pcsc.send("00A4040009A0000003080000100000")[1] == "9000"
        assert pcsc.send("00200080")[1] == "9000"
        assert pcsc.send("002000800831313131313131FF")[1] == "63C2"
        assert pcsc.send("00200080")[1] == "63C2"
    finally:
        pcsc.close()
