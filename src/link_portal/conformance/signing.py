"""Sign a Link message as a card would, from key files (the kit is a test tool: the
real app signs on the card through PKCS#11)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature


def sign_link_message(key: Any, message: bytes, algorithm: str) -> bytes:
    """RS256/PS256 with RSA, ES256/ES384 as raw r||s, as the Link API wants them."""
    if algorithm == "RS256":
        assert isinstance(key, rsa.RSAPrivateKey)
        return key.sign(message, padding.PKCS1v15(), hashes.SHA256())
    if algorithm == "PS256":
        assert isinstance(key, rsa.RSAPrivateKey)
        pss = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32)
        return key.sign(message, pss, hashes.SHA256())
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    digest: hashes.HashAlgorithm = hashes.SHA384() if algorithm == "ES384" else hashes.SHA256()
    r, s = decode_dss_signature(key.sign(message, ec.ECDSA(digest)))
    size = (key.curve.key_size + 7) // 8
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def default_algorithm(key: Any) -> str:
    if isinstance(key, rsa.RSAPrivateKey):
        return "RS256"
    return "ES384" if key.curve.name == "secp384r1" else "ES256"


class Card:
    """A card's certificate (DER) and private key, loaded from PEM or DER files."""

    def __init__(self, cert_der: bytes, key: Any) -> None:
        self.cert_der = cert_der
        self.key = key
        self.algorithm = default_algorithm(key)

    @classmethod
    def load(cls, cert_file: Path, key_file: Path) -> Card:
        data = cert_file.read_bytes()
        cert = (
            x509.load_pem_x509_certificate(data)
            if b"-----BEGIN" in data
            else x509.load_der_x509_certificate(data)
        )
        raw = key_file.read_bytes()
        key = (
            serialization.load_pem_private_key(raw, password=None)
            if b"-----BEGIN" in raw
            else serialization.load_der_private_key(raw, password=None)
        )
        return cls(cert.public_bytes(serialization.Encoding.DER), key)

    def sign(self, message: bytes) -> bytes:
        return sign_link_message(self.key, message, self.algorithm)
