"""Card certificate and signature checks.

Chain building and path validation use cryptography's X.509 verifier: the CA policy
stays at the strict Web PKI defaults, while the end-entity policy is relaxed to
accept NHS card certificates (no subjectAltName, no EKU) but still demands a
KeyUsage with digitalSignature. The certificate's purpose (a person's signing key,
not a CA, strong enough, the NHS policy), the subject shape, the UUID and revocation
(the card and its SubCA, against configured CRLs: NHS certificates name their CRL by
X.500 name, not URL, so the files are configuration) are checked here on top.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.x509 import ExtensionType
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from cryptography.x509.verification import (
    Criticality,
    ExtensionPolicy,
    PolicyBuilder,
    Store,
    VerificationError,
)

from link_portal import ocsp
from link_portal.config import PortalConfig
from link_protocol.algorithms import SignatureAlgorithm

UUID_RE = re.compile(r"^\d{12}$")
MIN_RSA_BITS = 2048
ALLOWED_CURVES = ("secp256r1", "secp384r1")


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
    if not str(path):
        return []
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


def _self_issued(cert: x509.Certificate) -> bool:
    return cert.subject == cert.issuer


E = TypeVar("E", bound=ExtensionType)


def _extension(cert: x509.Certificate, kind: type[E]) -> E | None:
    try:
        return cert.extensions.get_extension_for_class(kind).value
    except x509.ExtensionNotFound:
        return None


def _untrusted(detail: str) -> CertificateProblem:
    return CertificateProblem("certificate_untrusted", detail)


class CrlSource:
    """One configured CRL file, read again once the CRL it held is past its nextUpdate
    (the CA publishes a new one by then). ``crl`` is None while the file is missing or
    unreadable."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.crl: x509.CertificateRevocationList | None = None
        self._read()

    def _read(self) -> None:
        try:
            self.crl = _load_crl(self.path)
        except (OSError, ValueError):
            self.crl = None

    def current(self, now: datetime) -> x509.CertificateRevocationList | None:
        crl = self.crl
        if crl is None or (crl.next_update_utc is not None and crl.next_update_utc < now):
            self._read()
        return self.crl


class CertificateChecker:
    """Verifies card certificates against the NHS root CAs (the only trust anchors) and
    the NHS SubCAs given as intermediates."""

    def __init__(
        self,
        trust: Path | str,
        crl_files: tuple[str, ...] = (),
        *,
        intermediates: Path | str = "",
        crl_fail_closed: bool = True,
        policy_oid: str = "",
        ocsp_timeout_s: float | None = 3.0,
    ) -> None:
        certs = _load_pem_certificates(Path(trust))
        if not certs:
            raise ValueError(f"no certificates found in {trust}")
        # A SubCA in the trust file is an intermediate, never an anchor: a chain must
        # reach a root, so a revoked or retired SubCA cannot be trusted by itself.
        anchors = [c for c in certs if _self_issued(c)]
        if not anchors:
            raise ValueError(f"no root (self-signed) CA in {trust}")
        self._intermediates = [c for c in certs if not _self_issued(c)]
        self._intermediates += _load_pem_certificates(Path(intermediates))
        self._store = Store(anchors)
        self._crls = [CrlSource(Path(p)) for p in crl_files]
        self._crl_fail_closed = crl_fail_closed
        self._ocsp_timeout_s = ocsp_timeout_s  # None: OCSP not used
        self._policy = x509.ObjectIdentifier(policy_oid) if policy_oid else None
        self._ee_policy = ExtensionPolicy.permit_all().require_present(
            x509.KeyUsage, Criticality.AGNOSTIC, _require_digital_signature
        )
        self._ca_policy = ExtensionPolicy.webpki_defaults_ca()

    @classmethod
    def from_config(cls, config: PortalConfig) -> CertificateChecker:
        return cls(
            config.nhs_trust,
            config.crl_files,
            intermediates=config.nhs_intermediates,
            crl_fail_closed=config.crl_missing == "fail-closed",
            policy_oid=config.certificate_policy_oid,
            ocsp_timeout_s=config.ocsp_timeout_s if config.ocsp else None,
        )

    def check(self, der: bytes, now: datetime | None = None) -> CardIdentity:
        """The chain first (an untrusted certificate is untrusted whatever its dates),
        then the dates, the purpose, the subject and revocation."""
        now = now or datetime.now(UTC)
        try:
            cert = x509.load_der_x509_certificate(der)
        except ValueError as exc:
            raise CertificateProblem("bad_request", "certificate is not DER X.509") from exc
        if cert.not_valid_before_utc > now:
            raise _untrusted("the certificate is not valid yet")
        expired = cert.not_valid_after_utc < now
        # an expired certificate's chain is checked as of its last valid moment
        at = cert.not_valid_after_utc if expired else now
        verifier = (
            PolicyBuilder()
            .store(self._store)
            .time(at)
            .extension_policies(ca_policy=self._ca_policy, ee_policy=self._ee_policy)
            .build_client_verifier()
        )
        try:
            verified = verifier.verify(cert, self._intermediates)
        except VerificationError as exc:
            raise _untrusted(
                "the certificate's key usage does not allow signing"
                if "KeyUsage" in str(exc)
                else "the certificate does not chain to a trusted NHS CA"
            ) from exc
        if expired:
            raise CertificateProblem("certificate_expired", "the card certificate has expired")
        key = self._check_purpose(cert)
        cn = _attr(cert.subject, NameOID.COMMON_NAME)
        org = _attr(cert.subject, NameOID.ORGANIZATION_NAME)
        uuid = (cn or "").replace(" ", "")
        if org is None or org.lower() != "nhs" or not UUID_RE.match(uuid):
            raise _untrusted("the certificate subject is not an NHS Care Identity")
        # the card's certificate and every SubCA above it, each against its issuer's CRL
        chain = list(verified.chain)
        for subject, issuer in itertools.pairwise(chain):
            self._check_revocation(subject, issuer, now)
        return CardIdentity(
            uuid=uuid,
            not_after=cert.not_valid_after_utc,
            issuer=cert.issuer.rfc4514_string()[:400],
            public_key=key,
        )

    def _check_purpose(
        self, cert: x509.Certificate
    ) -> rsa.RSAPublicKey | ec.EllipticCurvePublicKey:
        """A signing certificate for a person: digitalSignature, clientAuth when an EKU
        is present, not a CA, a strong key, the NHS policy when one is configured."""
        key_usage = _extension(cert, x509.KeyUsage)
        if key_usage is None or not key_usage.digital_signature:
            raise _untrusted("the certificate's key usage does not allow signing")
        eku = _extension(cert, x509.ExtendedKeyUsage)
        if eku is not None and ExtendedKeyUsageOID.CLIENT_AUTH not in eku:
            raise _untrusted("the certificate's extended key usage is not client authentication")
        constraints = _extension(cert, x509.BasicConstraints)
        if constraints is not None and constraints.ca:
            raise _untrusted("a CA certificate is not a card certificate")
        key = cert.public_key()
        if isinstance(key, rsa.RSAPublicKey):
            if key.key_size < MIN_RSA_BITS:
                raise _untrusted(f"the card's RSA key is shorter than {MIN_RSA_BITS} bits")
        elif isinstance(key, ec.EllipticCurvePublicKey):
            if key.curve.name not in ALLOWED_CURVES:
                raise _untrusted("the card's key is on an unsupported curve")
        else:
            raise _untrusted("unsupported key type")
        if self._policy is not None:
            policies = _extension(cert, x509.CertificatePolicies)
            if policies is None or all(p.policy_identifier != self._policy for p in policies):
                raise _untrusted("the certificate does not carry the NHS certificate policy")
        return key

    def _check_revocation(
        self, cert: x509.Certificate, issuer: x509.Certificate, now: datetime
    ) -> None:
        """By OCSP when ``cert`` names a responder, else against the configured CRL for its
        issuer. No answer from either (a missing, out-of-date or badly signed CRL, an
        unreachable responder) leaves the status unknown: refused when failing closed."""
        unknown: str | None = None
        url = ocsp.responder_url(cert) if self._ocsp_timeout_s is not None else None
        if url is not None:
            answer = ocsp.status(cert, issuer, url, now, self._ocsp_timeout_s or 3.0)
            if answer is ocsp.CertStatus.GOOD:
                return
            if answer is ocsp.CertStatus.REVOKED:
                raise CertificateProblem("certificate_revoked", _revoked_detail(cert))
            unknown = "the OCSP responder gave no usable answer"
        for source in self._crls:
            crl = source.current(now)
            if crl is None:
                unknown = f"the CRL {source.path.name} cannot be read"
                continue
            if crl.issuer != cert.issuer:
                continue
            if not crl.is_signature_valid(issuer.public_key()):  # type: ignore[arg-type]
                unknown = "the CRL's signature does not verify"
                continue
            if crl.next_update_utc is not None and crl.next_update_utc < now:
                unknown = "the CRL is out of date"
                continue
            if crl.get_revoked_certificate_by_serial_number(cert.serial_number) is not None:
                raise CertificateProblem("certificate_revoked", _revoked_detail(cert))
            return
        if unknown is not None and self._crl_fail_closed:
            raise _untrusted(f"revocation status unknown: {unknown}")


def _revoked_detail(cert: x509.Certificate) -> str:
    constraints = _extension(cert, x509.BasicConstraints)
    if constraints is not None and constraints.ca:
        return "the card's issuing CA has been revoked"
    return "the card certificate has been revoked"


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
