"""OCSP, for certificates that name a responder (Authority Information Access).

NHS card certificates name none today (their revocation is published as CRLs), so
this only runs for a CA that adds one. The answer must be signed by the issuer, or by
a responder certificate the issuer made for OCSP signing, and be current.
"""

from __future__ import annotations

import urllib.request
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID

MAX_ANSWER_BYTES = 64 * 1024
CertStatus = ocsp.OCSPCertStatus
SKEW = timedelta(minutes=5)


def responder_url(cert: x509.Certificate) -> str | None:
    try:
        aia = cert.extensions.get_extension_for_class(x509.AuthorityInformationAccess).value
    except x509.ExtensionNotFound:
        return None
    for access in aia:
        location = access.access_location
        if access.access_method != AuthorityInformationAccessOID.OCSP:
            continue
        if isinstance(
            location, x509.UniformResourceIdentifier
        ) and location.value.lower().startswith(("http://", "https://")):
            return location.value
    return None


def _signed_by(answer: ocsp.OCSPResponse, signer: x509.Certificate) -> bool:
    key = signer.public_key()
    hash_algorithm = answer.signature_hash_algorithm
    try:
        if isinstance(key, rsa.RSAPublicKey) and hash_algorithm is not None:
            key.verify(
                answer.signature, answer.tbs_response_bytes, padding.PKCS1v15(), hash_algorithm
            )
        elif isinstance(key, ec.EllipticCurvePublicKey) and hash_algorithm is not None:
            key.verify(answer.signature, answer.tbs_response_bytes, ec.ECDSA(hash_algorithm))
        else:
            return False
    except InvalidSignature:
        return False
    return True


def _trusted_signer(answer: ocsp.OCSPResponse, issuer: x509.Certificate) -> bool:
    if _signed_by(answer, issuer):
        return True
    for responder in answer.certificates:  # delegated: made by the issuer for OCSP signing
        try:
            responder.verify_directly_issued_by(issuer)
            eku = responder.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
        except (ValueError, TypeError, InvalidSignature, x509.ExtensionNotFound):
            continue
        if ExtendedKeyUsageOID.OCSP_SIGNING in eku and _signed_by(answer, responder):
            return True
    return False


def status(
    cert: x509.Certificate, issuer: x509.Certificate, url: str, now: datetime, timeout_s: float
) -> CertStatus | None:
    """GOOD or REVOKED from a valid, current answer; None when there is none (the
    responder cannot be reached, answers UNKNOWN, or its answer cannot be trusted)."""
    request = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA256()).build()
    http = urllib.request.Request(  # noqa: S310 - a responder URL from a verified chain
        url,
        data=request.public_bytes(serialization.Encoding.DER),
        headers={"Content-Type": "application/ocsp-request"},
    )
    try:
        with urllib.request.urlopen(http, timeout=timeout_s) as response:  # noqa: S310
            answer = ocsp.load_der_ocsp_response(response.read(MAX_ANSWER_BYTES))
    except (OSError, ValueError):
        return None
    if answer.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL:
        return None
    if answer.serial_number != cert.serial_number or not _trusted_signer(answer, issuer):
        return None
    if answer.this_update_utc > now + SKEW:
        return None
    if answer.next_update_utc is not None and answer.next_update_utc < now - SKEW:
        return None
    if answer.certificate_status == CertStatus.UNKNOWN:
        return None
    return answer.certificate_status
