"""Reading a Care Identity out of a card certificate, and choosing which certificate.

NHS card certificates name the person's 12-digit Care Identity UUID in the CN
(``O=nhs, OU=people, CN=102048843983``). Live Series 9/10 cards are not confirmed
to match, so documented fall-backs apply: the subject serialNumber attribute,
then a 12-digit group inside the CN (spaces allowed, as staff write it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

from link_protocol import SignatureAlgorithm
from smartcard_linker.card.errors import CertificateMissing, UnsupportedCard
from smartcard_linker.card.model import CareIdentityCertificate

_UUID = re.compile(r"^\d{12}$")
_UUID_INSIDE = re.compile(r"(?<!\d)(\d{4} ?\d{4} ?\d{4})(?!\d)")


def uuid_from_subject(subject: x509.Name) -> str | None:
    """The Care Identity UUID, or None when the certificate does not carry one."""
    cns = [str(a.value) for a in subject.get_attributes_for_oid(NameOID.COMMON_NAME)]
    for cn in cns:
        compact = cn.replace(" ", "")
        if _UUID.match(compact):
            return compact
    for attr in subject.get_attributes_for_oid(NameOID.SERIAL_NUMBER):
        compact = str(attr.value).replace(" ", "")
        if _UUID.match(compact):
            return compact
    for cn in cns:
        found = _UUID_INSIDE.search(cn)
        if found:
            return found.group(1).replace(" ", "")
    return None


def _is_nhs_person(subject: x509.Name) -> bool:
    orgs = {str(a.value).lower() for a in subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)}
    units = {
        str(a.value).lower()
        for a in subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)
    }
    return "nhs" in orgs and "people" in units


def algorithm_for(cert: x509.Certificate, *, prefer_pss: bool = False) -> SignatureAlgorithm:
    key = cert.public_key()
    if isinstance(key, rsa.RSAPublicKey):
        return SignatureAlgorithm.PS256 if prefer_pss else SignatureAlgorithm.RS256
    if isinstance(key, ec.EllipticCurvePublicKey):
        if key.curve.name == "secp256r1":
            return SignatureAlgorithm.ES256
        if key.curve.name == "secp384r1":
            return SignatureAlgorithm.ES384
    raise UnsupportedCard(f"card key type not supported: {type(key).__name__}")


def parse_certificate(der: bytes, *, prefer_pss: bool = False) -> CareIdentityCertificate | None:
    """A CareIdentityCertificate, or None for a certificate without a Care Identity."""
    try:
        cert = x509.load_der_x509_certificate(der)
    except ValueError:
        return None
    uuid = uuid_from_subject(cert.subject)
    if uuid is None:
        return None
    try:
        algorithm = algorithm_for(cert, prefer_pss=prefer_pss)
    except UnsupportedCard:
        return None
    return CareIdentityCertificate(
        der=der,
        uuid=uuid,
        subject=cert.subject.rfc4514_string(),
        issuer=cert.issuer.rfc4514_string(),
        not_before=cert.not_valid_before_utc.astimezone(UTC),
        not_after=cert.not_valid_after_utc.astimezone(UTC),
        key_type=algorithm.key_type,
        algorithm=algorithm,
        serial_number=cert.serial_number,
    )


def _score(der: bytes) -> int:
    cert = x509.load_der_x509_certificate(der)
    score = 0
    if _is_nhs_person(cert.subject):
        score += 4
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        if usage.digital_signature:
            score += 2
    except x509.ExtensionNotFound:
        score += 1
    try:
        if cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca:
            score -= 10
    except x509.ExtensionNotFound:
        pass
    return score


def choose_authentication_certificate(
    candidates: Iterable[CareIdentityCertificate],
) -> CareIdentityCertificate:
    """The NHS authentication certificate among those with a private key on the card.

    Prefers ``O=nhs, OU=people`` subjects with digitalSignature usage; a valid
    certificate beats an expired one so a renewed card works.
    """
    unique = {c.der: c for c in candidates}
    if not unique:
        raise CertificateMissing("no certificate with a Care Identity on this card")
    return max(unique.values(), key=lambda c: (_score(c.der), not c.expired(), c.not_after))
