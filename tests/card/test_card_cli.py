"""``linker-sandbox card`` driving the running rig from another process."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

from linker_sandbox.cards.virtual_card import VirtualCardRig
from smartcard_linker.card.model import CardEventKind
from smartcard_linker.card.monitor import PcscCardMonitor
from smartcard_linker.card.pkcs11_access import Pkcs11CardAccess, authentication_certificate
from smartcard_linker.card.recognition import NhsCardRecogniser
from tests.fixtures_card import EventRecorder


def _cli(rig: VirtualCardRig, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "linker_sandbox.cards.cli", "card", "--sandbox-dir",
         str(rig.directory), *args],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_cli_inserts_lists_and_removes_cards(
    rig: VirtualCardRig,
    card_events: Callable[[], EventRecorder],
    recogniser: NhsCardRecogniser,
) -> None:
    monitor = PcscCardMonitor()
    events = card_events()
    monitor.start(events)
    try:
        reader = rig.readers[1].name
        inserted = _cli(rig, "insert", "mismatch", "--reader", "1")
        assert inserted.returncode == 0, inserted.stderr
        assert "1020 4884 3991" in inserted.stdout
        events.wait_for(CardEventKind.CARD_INSERTED, reader)
        listing = _cli(rig, "list")
        assert f"1: {reader}: mismatch [1020 4884 3991]" in listing.stdout
        assert f"0: {rig.readers[0].name}: (empty)" in listing.stdout
        with Pkcs11CardAccess(recogniser=recogniser).open_token(reader) as token:
            assert authentication_certificate(token.info).uuid == "102048843991"
        removed = _cli(rig, "remove", "--reader", reader)
        assert removed.returncode == 0, removed.stderr
        events.wait_for(CardEventKind.CARD_REMOVED, reader)
        unknown = _cli(rig, "insert", "nobody")
        assert unknown.returncode == 1 and "no sandbox person" in unknown.stderr
    finally:
        monitor.stop()
