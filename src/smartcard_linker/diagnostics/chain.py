"""Does the card's certificate chain up to a CA this computer trusts (extra CA file, OS store)?

NHS Credential Management installs the NHS CAs (NHS Root Authority G2, NHS
Authentication G2, per pki.nhs.uk) into the OS store; a deployment can also
name a PEM file as ``extra_ca_file``. Signatures are checked with
``cryptography``; the card itself carries no issuer certificates we rely on.
"""

from __future__ import annotations

import ssl
import sys
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature

MAX_DEPTH = 6


@dataclass(frozen=True)
class ChainResult:
    status: str  # "verified" | "issuer not found" | "signature invalid" | "expired CA"
    root: str | None  # the trusted certificate the chain ends at
    source: str | None  # "extra CA file" | "OS trust store"
    path: tuple[str, ...]  # issuer names, nearest first


def _load_pem_file(path: str) -> list[x509.Certificate]:
    import warnings

    try:
        with warnings.catch_warnings():  # old OS-store roots with odd serial numbers
            warnings.simplefilter("ignore")
            return x509.load_pem_x509_certificates(Path(path).read_bytes())
    except (OSError, ValueError):
        return []


def _os_store() -> list[x509.Certificate]:
    if sys.platform == "win32":
        certs: list[x509.Certificate] = []
        for store in ("ROOT", "CA"):
            for der, encoding, _trust in ssl.enum_certificates(store):  # type: ignore[attr-defined,unused-ignore]
                if encoding == "x509_asn":
                    try:
                        certs.append(x509.load_der_x509_certificate(der))
                    except ValueError:
                        continue
        return certs
    paths = ssl.get_default_verify_paths()
    if paths.cafile:
        return _load_pem_file(paths.cafile)
    found: list[x509.Certificate] = []
    if paths.capath and Path(paths.capath).is_dir():
        for entry in Path(paths.capath).glob("*.pem"):
            found += _load_pem_file(str(entry))
    return found


def verify_chain(der: bytes, extra_ca_file: str | None) -> ChainResult:
    cert = x509.load_der_x509_certificate(der)
    pools = [("extra CA file", _load_pem_file(extra_ca_file) if extra_ca_file else [])]
    pools.append(("OS trust store", _os_store()))
    path: list[str] = []
    current = cert
    for _ in range(MAX_DEPTH):
        issuer = current.issuer
        path.append(issuer.rfc4514_string())
        candidates = [(s, c) for s, pool in pools for c in pool if c.subject == issuer]
        if not candidates:
            return ChainResult("issuer not found", None, None, tuple(path))
        for source, candidate in candidates:
            try:
                current.verify_directly_issued_by(candidate)
            except (ValueError, TypeError, InvalidSignature):
                continue
            if candidate.subject == candidate.issuer or source == "extra CA file":
                return ChainResult(
                    "verified", candidate.subject.rfc4514_string(), source, tuple(path)
                )
            current = candidate
            break
        else:
            return ChainResult("signature invalid", None, None, tuple(path))
    return ChainResult("issuer not found", None, None, tuple(path))
