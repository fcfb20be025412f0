"""Care Identity parsing (CN and documented fall-backs)."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID

from link_protocol import SignatureAlgorithm
from linker_sandbox.testdata.pki import SandboxPKI, new_key
from smartcard_linker.card.errors import CertificateMissing
from smartcard_linker.card.identity import (
    choose_authentication_certificate,
    parse_certificate,
    uuid_from_subject,
)


def _name(*parts: tuple[x509.ObjectIdentifier, str]) -> x509.Name:
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in parts])


@pytest.mark.parametrize(
    ("subject", "uuid"),
    [
        (_name((NameOID.COMMON_NAME, "102048843983")), "102048843983"),
        (_name((NameOID.COMMON_NAME, "1020 4884 3983")), "102048843983"),
        (
            _name((NameOID.COMMON_NAME, "Alex Ready"), (NameOID.SERIAL_NUMBER, "102048843983")),
            "102048843983",
        ),
        (_name((NameOID.COMMON_NAME, "Alex Ready 1020 4884 3983")), "102048843983"),
        (_name((NameOID.COMMON_NAME, "Alex Ready")), None),
        (_name((NameOID.COMMON_NAME, "1020488439831")), None),  # 13 digits is not a UUID
    ],
)
def test_uuid_from_subject(subject: x509.Name, uuid: str | None) -> None:
    assert uuid_from_subject(subject) == uuid


def test_parse_nhs_card_certificate(card_pki: SandboxPKI) -> None:
    issued = card_pki.card("102048843983")
    cert = parse_certificate(issued.cert_der)
    assert cert is not None
    assert cert.uuid == "102048843983" and cert.algorithm is SignatureAlgorithm.RS256
    assert "CN=102048843983" in cert.subject and "OU=people" in cert.subject
    assert 725 <= cert.days_left() <= 730 and not cert.expired()
    pss = parse_certificate(issued.cert_der, prefer_pss=True)
    assert pss is not None and pss.algorithm is SignatureAlgorithm.PS256
    ec384 = parse_certificate(card_pki.card("102048843984", key_type="ec-p384").cert_der)
    assert ec384 is not None and ec384.algorithm is SignatureAlgorithm.ES384


def test_choose_prefers_nhs_person_certificate_and_valid_over_expired(
    card_pki: SandboxPKI,
) -> None:
    now = dt.datetime.now(dt.UTC)
    good = parse_certificate(card_pki.card("102048843983").cert_der)
    expired = parse_certificate(
        card_pki.card(
            "102048843983",
            not_before=now - dt.timedelta(days=800),
            not_after=now - dt.timedelta(days=70),
        ).cert_der
    )
    key = new_key("ec-p256")
    other = (
        x509.CertificateBuilder()
        .subject_name(
            _name((NameOID.ORGANIZATION_NAME, "Acme"), (NameOID.COMMON_NAME, "102048843999"))
        )
        .issuer_name(_name((NameOID.COMMON_NAME, "Acme CA")))
        .public_key(key.public_key())
        .serial_number(7)
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    foreign = parse_certificate(other.public_bytes(serialization.Encoding.DER))
    assert good and expired and foreign
    assert choose_authentication_certificate([foreign, expired, good]) == good
    with pytest.raises(CertificateMissing):
        choose_authentication_certificate([])
