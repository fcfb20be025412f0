"""RSA-PSS and EC P-256 signing through the same PKCS#11 path, on SoftHSM2 tokens; and
module discovery with SoftHSM2 and OpenSC both configured.

SoftHSM2 is used because OpenSC's PIV layer offers no RSA-PSS; it is a real PKCS#11
module, found by token label (it has no PC/SC reader).
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from link_protocol import SignatureAlgorithm
from link_protocol.message import build_link_message
from linker_sandbox.cards.virtual_card import VirtualCardRig
from linker_sandbox.processes.softhsm import SoftHsm, softhsm_module
from linker_sandbox.testdata.pki import Issued, SandboxPKI
from smartcard_linker.card.errors import WrongPin
from smartcard_linker.card.model import CardEventKind
from smartcard_linker.card.modules import OPENSC, find_module, module_name
from smartcard_linker.card.monitor import PcscCardMonitor
from smartcard_linker.card.pkcs11_access import (
    TOKEN_PREFIX,
    Pkcs11CardAccess,
    authentication_certificate,
)
from smartcard_linker.card.recognition import NhsCardRecogniser
from tests.fixtures_card import EventRecorder

PIN = "246810"


@pytest.fixture(scope="module")
def tokens(softhsm: SoftHsm, card_pki: SandboxPKI) -> dict[str, Issued]:
    issued = {
        "softhsm-rsa": card_pki.card("102048843990", key_type="rsa2048"),
        "softhsm-ec": card_pki.card("102048843991", key_type="ec-p256"),
    }
    for label, cert in issued.items():
        softhsm.add_token(label, cert, PIN)
    return issued


def _message() -> bytes:
    return build_link_message("https://[::1]:9443", os.urandom(32), "oid-softhsm")


def test_softhsm_rsa_pss_signature_verifies(
    tokens: dict[str, Issued], recogniser: NhsCardRecogniser
) -> None:
    access = Pkcs11CardAccess(
        [softhsm_module()], use_default_paths=False, prefer_pss=True, recogniser=recogniser
    )
    with access.open_token(TOKEN_PREFIX + "softhsm-rsa") as token:
        cert = authentication_certificate(token.info)
        assert cert.algorithm is SignatureAlgorithm.PS256 and cert.uuid == "102048843990"
        token.login(bytearray(PIN.encode()))
        message = _message()
        signature = token.sign(cert, message)
    key = tokens["softhsm-rsa"].cert.public_key()
    assert isinstance(key, rsa.RSAPublicKey)
    key.verify(
        signature,
        message,
        padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32),
        hashes.SHA256(),
    )


def test_softhsm_ec_p256_signature_is_raw_r_s(
    tokens: dict[str, Issued], recogniser: NhsCardRecogniser
) -> None:
    access = Pkcs11CardAccess([softhsm_module()], use_default_paths=False, recogniser=recogniser)
    with access.open_token(TOKEN_PREFIX + "softhsm-ec") as token:
        cert = authentication_certificate(token.info)
        assert cert.algorithm is SignatureAlgorithm.ES256 and cert.key_type == "EC"
        token.login(bytearray(PIN.encode()))
        message = _message()
        signature = token.sign(cert, message)
    assert len(signature) == 64
    r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    key = tokens["softhsm-ec"].cert.public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)
    key.verify(encode_dss_signature(r, s), message, ec.ECDSA(hashes.SHA256()))


def test_softhsm_wrong_pin_sets_count_low(
    tokens: dict[str, Issued], recogniser: NhsCardRecogniser
) -> None:
    access = Pkcs11CardAccess([softhsm_module()], use_default_paths=False, recogniser=recogniser)
    with access.open_token(TOKEN_PREFIX + "softhsm-ec") as token:
        with pytest.raises(WrongPin):
            token.login(bytearray(b"000000"))
        assert token.pin_policy().count_low
        token.login(bytearray(PIN.encode()))


def test_with_opensc_and_softhsm_each_card_uses_the_module_that_sees_it(
    rig: VirtualCardRig,
    card_events: Callable[[], EventRecorder],
    recogniser: NhsCardRecogniser,
    tokens: dict[str, Issued],
) -> None:
    """SoftHSM configured first: the PIV card in a reader is still read through OpenSC."""
    opensc = find_module()
    access = Pkcs11CardAccess(
        [softhsm_module(), opensc], use_default_paths=False, recogniser=recogniser
    )
    assert [module_name(p) for p in access.module_paths()] == ["SoftHSM", OPENSC]
    monitor = PcscCardMonitor()
    events = card_events()
    monitor.start(events)
    try:
        reader = rig.readers[0].name
        rig.insert("ready", reader)
        events.wait_for(CardEventKind.CARD_INSERTED, reader)
        with access.open_token(reader) as card:
            assert module_name(card.info.module) == OPENSC
            assert card.info.certificates[0].uuid == "102048843983"
        with access.open_token(TOKEN_PREFIX + "softhsm-rsa") as token:
            assert module_name(token.info.module) == "SoftHSM"
            assert token.info.certificates[0].uuid == "102048843990"
    finally:
        monitor.stop()
