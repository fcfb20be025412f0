"""Signature algorithm names on the wire and which key type each needs."""

from __future__ import annotations

from enum import StrEnum


class SignatureAlgorithm(StrEnum):
    """Algorithms a card signature may use; all hash with SHA-256 except ES384."""

    RS256 = "RS256"  # RSASSA-PKCS1-v1_5, SHA-256
    PS256 = "PS256"  # RSASSA-PSS, SHA-256, MGF1-SHA-256, salt = hash length
    ES256 = "ES256"  # ECDSA P-256, SHA-256, signature as raw r||s
    ES384 = "ES384"  # ECDSA P-384, SHA-384, signature as raw r||s

    @property
    def key_type(self) -> str:
        """``"RSA"`` or ``"EC"``: the stated algorithm must match the certificate's key."""
        return "RSA" if self.value.startswith(("RS", "PS")) else "EC"

    @property
    def curve(self) -> str | None:
        """The EC curve name (cryptography's ``name``) this algorithm requires, if any."""
        return {"ES256": "secp256r1", "ES384": "secp384r1"}.get(self.value)

    @property
    def hash_name(self) -> str:
        return "sha384" if self is SignatureAlgorithm.ES384 else "sha256"
