"""Card certificate and signature checks.

Chain building and path validation use cryptography's X.509 verifier: the CA policy
stays at the strict Web PKI defaults, while the end-entity policy is relaxed to
accept NHS card certificates (no subjectAltName, no EKU) but still demands a
KeyUsage with digitalSignature. The subject shape, the UUID and revocation (against
configured CRLs) are checked here on top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.x509.oid import NameOID
from cryptography.x509.verification import (
    Criticality,
    ExtensionPolicy,
    PolicyBuilder,
    Store,
    VerificationError,
)

from link_protocol.algorithms import SignatureAlgorithm

UUID_RE = re.compile(r"^\d{12}$")


class CertificateProblem(Exception):
    """``code`` is the Link API error code the portal answers with."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class CardIdentity:
    uuid: str
    not_after: datetime
    issuer: str
    public_key: rsa.RSAPublicKey | ec.EllipticCurvePublicKey


def _load_pem_certificates(path: Path) -> list[x509.Certificate]:
    files = sorted(path.glob("*.pem")) + sorted(path.glob("*.crt")) if path.is_dir() else [path]
    certs: list[x509.Certificate] = []
    for file in files:
        certs.extend(x509.load_pem_x509_certificates(file.read_bytes()))
    return certs


def _load_crl(path: Path) -> x509.CertificateRevocationList:
    data = path.read_bytes()
    if b"-----BEGIN" in data:
        return x509.load_pem_x509_crl(data)
    return x509.load_der_x509_crl(data)


def _require_digital_signature(
    _policy: object, _cert: x509.Certificate, ext: x509.KeyUsage | None
) -> None:
    if ext is None or not ext.digital_signature:
        raise ValueError("KeyUsage must include digitalSignature")


def _attr(name: x509.Name, oid: x509.ObjectIdentifier) -> str | None:
    values = name.get_attributes_for_oid(oid)
    if len(values) != 1:
        return None
    value = values[0].value
    return value if isinstance(value, str) else None


class CertificateChecker:
    """Verifies card certificates against the NHS trust anchors it was built with."""

    def __init__(self, trust: Path | str, crl_files: tuple[str, ...] = ()) -> None:
        anchors = _load_pem_certificates(Path(trust))
        if not anchors:
            raise ValueError(f"no certificates found in {trust}")
        self._store = Store(anchors)
        self._anchors = anchors
        self._crls = [_load_crl(Path(p)) for p in crl_files]
        self._ee_policy = ExtensionPolicy.permit_all().require_present(
            x509.KeyUsage, Criticality.AGNOSTIC, _require_digital_signature
        )
        self._ca_policy = ExtensionPolicy.webpki_defaults_ca()

    def check(self, der: bytes, now: datetime | None = None) -> CardIdentity:
        now = now or datetime.now(UTC)
        try:
            cert = x509.load_der_x509_certificate(der)
        except ValueError as exc:
            raise CertificateProblem("bad_request", "certificate is not DER X.509") from exc
        if cert.not_valid_after_utc < now:
            raise CertificateProblem("certificate_expired", "the card certificate has expired")
        if cert.not_valid_before_utc > now:
            raise CertificateProblem("certificate_untrusted", "the certificate is not valid yet")
        verifier = (
            PolicyBuilder()
            .store(self._store)
            .time(now)
            .extension_policies(ca_policy=self._ca_policy, ee_policy=self._ee_policy)
            .build_client_verifier()
        )
        try:
            verified = verifier.verify(cert, [])
        except VerificationError as exc:
            detail = (
                "the certificate's key usage does not allow signing"
                if "KeyUsage" in str(exc)
                else "the certificate does not chain to a trusted NHS CA"
            )
            raise CertificateProblem("certificate_untrusted", detail) from exc
        key_usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
        if not key_usage.digital_signature:  # the policy checked it; belt and braces
            raise CertificateProblem("certificate_untrusted", "certificate cannot sign")
        cn = _attr(cert.subject, NameOID.COMMON_NAME)
        org = _attr(cert.subject, NameOID.ORGANIZATION_NAME)
        uuid = (cn or "").replace(" ", "")
        if org is None or org.lower() != "nhs" or not UUID_RE.match(uuid):
            raise CertificateProblem(
                "certificate_untrusted", "the certificate subject is not an NHS Care Identity"
            )
        issuer_cert = verified.chain[1] if len(verified.chain) > 1 else None
        self._check_revocation(cert, issuer_cert, now)
        key = cert.public_key()
        if not isinstance(key, rsa.RSAPublicKey | ec.EllipticCurvePublicKey):
            raise CertificateProblem("certificate_untrusted", "unsupported key type")
        return CardIdentity(
            uuid=uuid,
            not_after=cert.not_valid_after_utc,
            issuer=cert.issuer.rfc4514_string()[:400],
            public_key=key,
        )

    def _check_revocation(
        self, cert: x509.Certificate, issuer: x509.Certificate | None, now: datetime
    ) -> None:
        if not self._crls or issuer is None:
            return
        for crl in self._crls:
            if crl.issuer != cert.issuer:
                continue
            if not crl.is_signature_valid(issuer.public_key()):  # type: ignore[arg-type]
                continue
            if crl.next_update_utc is not None and crl.next_update_utc < now:
                raise CertificateProblem(
                    "certificate_untrusted", "revocation status unknown: the CRL is out of date"
                )
            if crl.get_revoked_certificate_by_serial_number(cert.serial_number) is not None:
                raise CertificateProblem(
                    "certificate_revoked", "the card certificate has been revoked"
                )
            return


def verify_signature(
    identity: CardIdentity, algorithm: SignatureAlgorithm, message: bytes, signature: bytes
) -> None:
    """Raise CertificateProblem(signature_invalid) unless ``signature`` is valid."""
    key = identity.public_key
    try:
        if algorithm.key_type == "RSA":
            if not isinstance(key, rsa.RSAPublicKey):
                raise CertificateProblem(
                    "signature_invalid", "the algorithm does not match the certificate's key"
                )
            if algorithm is SignatureAlgorithm.RS256:
                key.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
            else:
                key.verify(
                    signature,
                    message,
                    padding.PSS(
                        mgf=padding.MGF1(hashes.SHA256()),
                        salt_length=padding.PSS.DIGEST_LENGTH,
                    ),
                    hashes.SHA256(),
                )
            return
        if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != algorithm.curve:
            raise CertificateProblem(
                "signature_invalid", "the algorithm does not match the certificate's key"
            )
        size = (key.curve.key_size + 7) // 8
        if len(signature) != 2 * size:
            raise CertificateProblem("signature_invalid", "ECDSA signature must be raw r||s")
        r = int.from_bytes(signature[:size], "big")
        s = int.from_bytes(signature[size:], "big")
        digest: hashes.HashAlgorithm = (
            hashes.SHA384() if algorithm is SignatureAlgorithm.ES384 else hashes.SHA256()
        )
        key.verify(encode_dss_signature(r, s), message, ec.ECDSA(digest))
    except InvalidSignature as exc:
        raise CertificateProblem(
            "signature_invalid", "the signature does not match this challenge and account"
        ) from exc
