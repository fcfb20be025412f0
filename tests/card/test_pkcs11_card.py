"""Login, identity and signing through OpenSC's PKCS#11 module on the virtual card."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from link_protocol import SignatureAlgorithm
from link_protocol.message import build_link_message
from linker_sandbox.cards.virtual_card import CardSpec, VirtualCardRig
from linker_sandbox.testdata.pki import SandboxPKI
from smartcard_linker.card.errors import (
    CardBusy,
    CardError,
    CardRemoved,
    CertificateExpired,
    NoCard,
    NotAnNhsCard,
    PinFormatRejected,
    PinLocked,
    RetiredCardSeries,
    WrongPin,
)
from smartcard_linker.card.model import CardEventKind, CardRecognition, Verdict
from smartcard_linker.card.monitor import PcscCardMonitor
from smartcard_linker.card.pin_counter import read_piv_pin_counter
from smartcard_linker.card.pkcs11_access import (
    Pkcs11CardAccess,
    Pkcs11TokenSession,
    authentication_certificate,
)
from smartcard_linker.card.recognition import NhsCardRecogniser
from tests.fixtures_card import EventRecorder

PIN = "123456"


def _pin(text: str) -> bytearray:
    return bytearray(text.encode())


@pytest.fixture(scope="module")
def access(recogniser: NhsCardRecogniser) -> Pkcs11CardAccess:
    return Pkcs11CardAccess(recogniser=recogniser)


@pytest.fixture
def watch(rig: VirtualCardRig, card_events: Callable[[], EventRecorder]) -> Iterator[EventRecorder]:
    """A monitor, so tests wait for pcscd to see a card instead of sleeping."""
    monitor = PcscCardMonitor()
    events = card_events()
    monitor.start(events)
    events.wait_for(CardEventKind.READERS_CHANGED)
    yield events
    monitor.stop()


def _insert(
    rig: VirtualCardRig, events: EventRecorder, who: str | CardSpec, reader: int = 0
) -> str:
    name = rig.readers[reader].name
    rig.insert(who, name)
    events.wait_for(CardEventKind.CARD_INSERTED, name)
    return name


def _verify_chain(cert_der: bytes, pki: SandboxPKI) -> x509.Certificate:
    cert = x509.load_der_x509_certificate(cert_der)
    cert.verify_directly_issued_by(pki.nhs_subca.cert)
    pki.nhs_subca.cert.verify_directly_issued_by(pki.nhs_root.cert)
    return cert


def test_login_certificate_and_signature(
    rig: VirtualCardRig, watch: EventRecorder, access: Pkcs11CardAccess, card_pki: SandboxPKI
) -> None:
    reader = _insert(rig, watch, "ready")
    with access.open_token(reader) as token:
        info = token.info
        assert info.reader == reader and info.module.endswith("opensc-pkcs11.so")
        assert info.manufacturer == "piv_II"  # OpenSC's own PIV driver, no custom module
        spec = rig.card_in(reader)
        assert spec is not None and info.serial == spec.guid.hex()[-16:]  # CHUID GUID, last 16
        assert info.recognition is not None and info.recognition.nhs
        assert info.recognition.hint.maker == "IDEMIA"
        policy = info.pin_policy
        # OpenSC reports 4-8 for every PIV card; 3 tries read from the card's counter.
        assert (policy.min_length, policy.max_length) == (4, 8)
        assert (policy.tries_left, policy.locked, policy.final_try) == (3, False, False)
        cert = authentication_certificate(token.info)
        assert cert.uuid == "102048843983"
        assert cert.algorithm is SignatureAlgorithm.RS256 and cert.key_type == "RSA"
        assert cert.days_left() > 700
        pin = _pin(PIN)
        token.login(pin)
        assert pin == bytearray(len(PIN))  # wiped
        message = build_link_message("https://127.0.0.1:8443", os.urandom(32), "oid-ready")
        signature = token.sign(cert, message)
    issued = _verify_chain(cert.der, card_pki)
    key = issued.public_key()
    assert isinstance(key, rsa.RSAPublicKey)
    key.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
    assert rig.card_in(reader) is not None
    assert rig.card_in(reader).certificate == issued  # type: ignore[union-attr]


def test_p256_piv_card_signs_es256(
    rig: VirtualCardRig, watch: EventRecorder, access: Pkcs11CardAccess
) -> None:
    reader = _insert(rig, watch, rig.card_for("ready", key_type="ec-p256"), reader=1)
    with access.open_token(reader) as token:
        cert = authentication_certificate(token.info)
        assert cert.algorithm is SignatureAlgorithm.ES256
        token.login(_pin(PIN))
        message = build_link_message("https://127.0.0.1:8443", os.urandom(32), "oid-ec")
        signature = token.sign(cert, message)
    assert len(signature) == 64  # raw r || s
    r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    key = x509.load_der_x509_certificate(cert.der).public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)
    key.verify(encode_dss_signature(r, s), message, ec.ECDSA(hashes.SHA256()))


def test_wrong_pin_twice_then_final_try_then_locked(
    rig: VirtualCardRig, watch: EventRecorder, access: Pkcs11CardAccess
) -> None:
    reader = _insert(rig, watch, "mfa")
    with access.open_token(reader) as token:
        with pytest.raises(WrongPin) as first:
            token.login(_pin("000000"))
        assert not first.value.final_try and first.value.tries_left == 2
        assert token.pin_policy().tries_left == 2  # asking spends no try
        assert token.pin_policy().tries_left == 2
        with pytest.raises(WrongPin) as second:
            token.login(_pin("000001"))
        assert second.value.final_try and second.value.tries_left == 1
        assert token.pin_policy().final_try
        with pytest.raises(PinLocked):
            token.login(_pin("000002"))
        assert token.pin_policy().locked and token.pin_policy().tries_left == 0
        with pytest.raises(PinLocked):  # even the right PIN is refused now
            token.login(_pin(PIN))
    # A fresh card process has fresh counters (re-insertion of an unlocked card).
    _insert(rig, watch, "mfa")
    with access.open_token(reader) as token:
        assert not token.pin_policy().locked
        token.login(_pin(PIN))


def test_locked_test_card_starts_locked(
    rig: VirtualCardRig, watch: EventRecorder, access: Pkcs11CardAccess
) -> None:
    reader = _insert(rig, watch, "locked", reader=1)
    with access.open_token(reader) as token:
        assert token.info.pin_policy.locked
        with pytest.raises(PinLocked):
            token.login(_pin(PIN))


def test_pin_outside_length_rules_uses_no_try(
    rig: VirtualCardRig, watch: EventRecorder, access: Pkcs11CardAccess
) -> None:
    reader = _insert(rig, watch, "linked")
    with access.open_token(reader) as token:
        for bad in ("12", "", "1" * 200):
            pin = _pin(bad)
            with pytest.raises(PinFormatRejected) as refused:
                token.login(pin)
            assert refused.value.min_length == 4
            assert pin == bytearray(len(bad))
        with pytest.raises(WrongPin) as wrong:
            token.login(_pin("999999"))
        assert wrong.value.tries_left == 2  # the three refusals cost nothing: first real try
        token.login(_pin(PIN))


def test_expired_card_is_reported(
    rig: VirtualCardRig, watch: EventRecorder, access: Pkcs11CardAccess
) -> None:
    reader = _insert(rig, watch, "expired")
    with access.open_token(reader) as token:
        assert token.info.certificates[0].expired()
        with pytest.raises(CertificateExpired):
            authentication_certificate(token.info)


def test_piv_card_from_another_ca_is_not_an_nhs_smartcard(
    rig: VirtualCardRig, watch: EventRecorder, access: Pkcs11CardAccess
) -> None:
    reader = _insert(rig, watch, rig.card_for("ready", state="wrong-ca"))
    with pytest.raises(NotAnNhsCard) as refused:
        access.open_token(reader)
    recognition = refused.value.recognition
    assert isinstance(recognition, CardRecognition) and recognition.verdict is Verdict.NOT_NHS
    assert recognition.issuer == "CN=SubCA Not Trusted,OU=CA,O=nhs"
    # The shipped settings alone do not know the sandbox CA either: its cards need the
    # sandbox's extra_nhs_card_issuers entry.
    _insert(rig, watch, "ready")
    with pytest.raises(NotAnNhsCard):
        Pkcs11CardAccess().open_token(reader)


def test_retired_nhs_series_is_refused_before_any_pin(
    rig: VirtualCardRig, watch: EventRecorder, access: Pkcs11CardAccess
) -> None:
    jcop41 = bytes.fromhex("3BF91800008131FE454A434F503431563232AF")  # NHS CIS, Series 5 or 6
    reader = _insert(rig, watch, rig.card_for("ready").with_atr(jcop41))
    with pytest.raises(RetiredCardSeries):
        access.open_token(reader)
    counter = read_piv_pin_counter(reader)
    assert counter is not None and counter.tries_left == 3  # no PIN went to the card


def test_two_cards_are_told_apart_by_care_identity_and_serial(
    rig: VirtualCardRig, watch: EventRecorder, access: Pkcs11CardAccess
) -> None:
    first = _insert(rig, watch, "ready", reader=0)
    second = _insert(rig, watch, "mfa", reader=1)
    summaries = [access.summary(first), access.summary(second)]
    assert [s.care_identity for s in summaries] == ["102048843983", "102048843984"]
    assert all(s.recognition.nhs and len(s.serial) == 16 for s in summaries)
    assert summaries[0].serial != summaries[1].serial
    foreign = _insert(rig, watch, rig.card_for("mfa", state="wrong-ca"), reader=1)
    refused = access.summary(foreign)
    assert refused.care_identity is None and refused.recognition.verdict is Verdict.NOT_NHS


def test_empty_reader_and_unknown_reader_raise_no_card(
    rig: VirtualCardRig, watch: EventRecorder, access: Pkcs11CardAccess
) -> None:
    with pytest.raises(NoCard):
        access.open_token(rig.readers[1].name)
    with pytest.raises(NoCard):
        access.open_token("No Such Reader 00 00")


def test_card_removed_during_signing_then_next_card_works(
    rig: VirtualCardRig, watch: EventRecorder, access: Pkcs11CardAccess
) -> None:
    reader = _insert(rig, watch, "ready")
    token = access.open_token(reader)
    cert = authentication_certificate(token.info)
    token.login(_pin(PIN))
    message = build_link_message("https://127.0.0.1:8443", os.urandom(32), "oid-x")
    failures: list[BaseException] = []
    signed = threading.Event()

    def keep_signing() -> None:
        while True:
            try:
                token.sign(cert, message)
                signed.set()
            except CardError as exc:
                failures.append(exc)
                return

    worker = threading.Thread(target=keep_signing)
    worker.start()
    assert signed.wait(5)
    rig.remove(reader)  # pulled while signatures are in flight
    worker.join(10)
    assert not worker.is_alive(), "signing hung after the card was removed"
    assert len(failures) == 1 and isinstance(failures[0], CardRemoved)
    token.close()
    watch.wait_for(CardEventKind.CARD_REMOVED, reader)
    _insert(rig, watch, "ready")  # same module, no restart
    with access.open_token(reader) as again:
        again.login(_pin(PIN))
        assert again.sign(cert, message)


def test_card_removed_before_login(
    rig: VirtualCardRig, watch: EventRecorder, access: Pkcs11CardAccess
) -> None:
    reader = _insert(rig, watch, "ready")
    token: Pkcs11TokenSession = access.open_token(reader)
    rig.remove(reader)
    watch.wait_for(CardEventKind.CARD_REMOVED, reader)
    with pytest.raises(CardRemoved):
        token.login(_pin(PIN))
    token.close()


def test_card_held_exclusively_by_another_program_is_busy(
    rig: VirtualCardRig, watch: EventRecorder, access: Pkcs11CardAccess
) -> None:
    from smartcard import scard

    # Let OpenSC (loaded by earlier tests) notice the empty reader and drop its old
    # handle: any open handle would make the exclusive connect below fail.
    access.module().lib.get_slots(token_present=True)
    reader = _insert(rig, watch, "ready")
    _, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
    hresult, handle, _ = scard.SCardConnect(
        context, reader, scard.SCARD_SHARE_EXCLUSIVE, scard.SCARD_PROTOCOL_T1
    )
    assert hresult == scard.SCARD_S_SUCCESS
    try:
        with pytest.raises(CardBusy):
            access.open_token(reader)
    finally:
        scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)
        scard.SCardReleaseContext(context)
    with access.open_token(reader) as token:  # released: usable again
        token.login(_pin(PIN))
