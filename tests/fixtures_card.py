"""Pytest plugin: a private pcscd with two vpcd readers, the virtual card rig, SoftHSM.

``PCSCLITE_CSOCK_NAME`` and ``SOFTHSM2_CONF`` are set in ``pytest_configure`` —
before any test loads pyscard, OpenSC or SoftHSM — so every PC/SC client in this
pytest process (the card tests and the end-to-end tests alike) talks to the
private pcscd, never the system's.

Fixtures: ``card_pki`` (sandbox PKI whose SubCA issues the cards), ``recogniser``
(the NHS issuer rules plus that SubCA),
``private_pcscd`` (session), ``card_rig`` (session VirtualCardRig),
``rig`` (the same rig, emptied after each test), ``softhsm`` (session SoftHsm),
``card_events`` (factory: a recorder to wait on monitor events).
"""

from __future__ import annotations

import os
import queue
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from linker_sandbox.cards.virtual_card import VirtualCardRig, card_python, nhs_issuer_rule
from linker_sandbox.processes.pcscd import PrivatePcscd
from linker_sandbox.processes.softhsm import SoftHsm
from linker_sandbox.testdata.pki import SandboxPKI
from smartcard_linker.card.model import CardEvent, CardEventKind
from smartcard_linker.card.recognition import NhsCardRecogniser

_SESSION_DIR: Path | None = None


def _missing_tools() -> list[str]:
    needed = ["pcscd", "unshare", "softhsm2-util", "pkcs11-tool"]
    return [t for t in needed if shutil.which(t) is None and not Path(f"/usr/sbin/{t}").exists()]


def pytest_configure(config: pytest.Config) -> None:
    global _SESSION_DIR
    _SESSION_DIR = Path(tempfile.mkdtemp(prefix="card-session-"))
    pcscd = PrivatePcscd(_SESSION_DIR / "pcscd")
    os.environ["PCSCLITE_CSOCK_NAME"] = str(pcscd.socket_path)
    SoftHsm(_SESSION_DIR / "softhsm").activate()


def pytest_unconfigure(config: pytest.Config) -> None:
    if _SESSION_DIR is not None:
        shutil.rmtree(_SESSION_DIR, ignore_errors=True)


def _require_card_stack() -> None:
    missing = _missing_tools()
    if missing:
        message = f"card test stack missing: {', '.join(missing)}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def card_pki() -> SandboxPKI:
    assert _SESSION_DIR is not None
    return SandboxPKI.create(_SESSION_DIR / "pki")


def sandbox_recogniser(pki: SandboxPKI) -> NhsCardRecogniser:
    """The shipped NHS issuer rules plus the sandbox SubCA, as the sandbox app config has it."""
    return NhsCardRecogniser.from_settings(
        NhsCardRecogniser.default_rule_texts(), [nhs_issuer_rule(pki.nhs_subca)]
    )


@pytest.fixture(scope="session")
def recogniser(card_pki: SandboxPKI) -> NhsCardRecogniser:
    return sandbox_recogniser(card_pki)


@pytest.fixture(scope="session")
def private_pcscd() -> Iterator[PrivatePcscd]:
    """pcscd with two readers at the socket PCSCLITE_CSOCK_NAME already names."""
    _require_card_stack()
    assert _SESSION_DIR is not None
    pcscd = PrivatePcscd(_SESSION_DIR / "pcscd", reader_count=2)
    assert os.environ["PCSCLITE_CSOCK_NAME"] == str(pcscd.socket_path)
    pcscd.start()
    yield pcscd
    pcscd.stop()


@pytest.fixture(scope="session")
def card_rig(private_pcscd: PrivatePcscd, card_pki: SandboxPKI) -> Iterator[VirtualCardRig]:
    assert _SESSION_DIR is not None
    with VirtualCardRig(
        _SESSION_DIR / "rig",
        card_pki.nhs_subca,
        pcscd=private_pcscd,
        python=card_python(),
        pki_dir=card_pki.directory,
    ) as rig:
        yield rig


@pytest.fixture
def rig(card_rig: VirtualCardRig) -> Iterator[VirtualCardRig]:
    """The session rig; every reader is empty again after the test."""
    if not card_rig.pcscd.running:  # a test stopped pcscd and failed before restarting it
        card_rig.pcscd.start()
    yield card_rig
    if not card_rig.pcscd.running:
        card_rig.pcscd.start()
    for reader in card_rig.readers:
        card_rig.remove(reader)


@pytest.fixture(scope="session")
def softhsm() -> SoftHsm:
    _require_card_stack()
    assert _SESSION_DIR is not None
    return SoftHsm(_SESSION_DIR / "softhsm")


class EventRecorder:
    """Collects monitor events (from the monitor thread) for tests to wait on."""

    def __init__(self) -> None:
        self.events: queue.Queue[tuple[float, CardEvent]] = queue.Queue()
        self.seen: list[tuple[float, CardEvent]] = []

    def __call__(self, event: CardEvent) -> None:
        self.events.put((time.monotonic(), event))

    def wait_for(
        self,
        kind: CardEventKind,
        reader: str | None = None,
        timeout: float = 5.0,
        predicate: Callable[[CardEvent], bool] | None = None,
    ) -> CardEvent:
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no {kind} for {reader} within {timeout} s: {self.kinds()}")
            try:
                stamp, event = self.events.get(timeout=remaining)
            except queue.Empty:
                continue
            self.seen.append((stamp, event))
            if event.kind != kind or (reader is not None and event.reader != reader):
                continue
            if predicate is None or predicate(event):
                return event

    def kinds(self) -> list[tuple[str, str | None]]:
        return [(e.kind.value, e.reader) for _, e in self.seen]


@pytest.fixture
def card_events() -> Callable[[], EventRecorder]:
    return EventRecorder
