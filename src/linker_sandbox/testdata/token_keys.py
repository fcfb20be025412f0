"""Signing keys for the sandbox identity provider: mint Entra-shaped JWT access tokens
and publish the matching JWKS, so the portal validates tokens exactly as it would in
production (real RS256 signatures, real key ids)."""

from __future__ import annotations

import json
import secrets
import time
import uuid
from collections.abc import Mapping
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm

from linker_sandbox.testdata.people import SANDBOX_TENANT_ID, TestPerson


class SigningKeySet:
    """One RSA-2048 signing key (plus an optional P-256 key) with stable kids.

    ``jwks()`` is what the issuer publishes at its keys endpoint; ``mint()`` signs a
    compact JWT with the private key whose kid matches the header.
    """

    def __init__(self, kid: str | None = None, *, with_ec: bool = True) -> None:
        self.kid = kid or f"sbx-{secrets.token_hex(8)}"
        self._rsa = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.ec_kid = f"{self.kid}-ec"
        self._ec: ec.EllipticCurvePrivateKey | None = (
            ec.generate_private_key(ec.SECP256R1()) if with_ec else None
        )

    @property
    def private_key(self) -> rsa.RSAPrivateKey:
        return self._rsa

    def jwks(self) -> dict[str, Any]:
        """The public keys as a JSON Web Key Set (``{"keys": [...]}``)."""
        rsa_jwk: dict[str, Any] = json.loads(RSAAlgorithm.to_jwk(self._rsa.public_key()))
        rsa_jwk.update({"kid": self.kid, "use": "sig", "alg": "RS256"})
        keys = [rsa_jwk]
        if self._ec is not None:
            ec_jwk: dict[str, Any] = json.loads(ECAlgorithm.to_jwk(self._ec.public_key()))
            ec_jwk.update({"kid": self.ec_kid, "use": "sig", "alg": "ES256"})
            keys.append(ec_jwk)
        return {"keys": keys}

    def mint(
        self,
        claims: Mapping[str, Any],
        *,
        lifetime_s: int = 3600,
        alg: str = "RS256",
        headers: Mapping[str, Any] | None = None,
    ) -> str:
        """Sign ``claims`` as a compact JWT.

        ``exp``/``nbf``/``iat`` are filled in from ``lifetime_s`` unless ``claims``
        carries them. ``alg`` picks the key: RS256/PS256 use the RSA key, ES256 the
        EC key; ``headers`` overrides header fields (e.g. a foreign ``kid``).
        """
        now = int(time.time())
        body = {"iat": now, "nbf": now, "exp": now + lifetime_s, **claims}
        key: Any
        kid: str
        if alg.startswith("ES"):
            if self._ec is None:
                raise ValueError("this key set has no EC key")
            key, kid = self._ec, self.ec_kid
        elif alg.startswith(("RS", "PS")):
            key, kid = self._rsa, self.kid
        else:
            raise ValueError(f"unsupported signing algorithm {alg!r}")
        head: dict[str, Any] = {"kid": kid, "typ": "JWT"}
        if headers:
            head.update(headers)
        return jwt.encode(body, key, algorithm=alg, headers=head)


def issuer_for(base_url: str, tenant_id: str) -> str:
    """Entra's v2 issuer layout: ``<base>/<tenant>/v2.0``."""
    return f"{base_url.rstrip('/')}/{tenant_id}/v2.0"


def jwks_url_for(base_url: str, tenant_id: str) -> str:
    """Entra's keys endpoint layout: ``<base>/<tenant>/discovery/v2.0/keys``."""
    return f"{base_url.rstrip('/')}/{tenant_id}/discovery/v2.0/keys"


def access_token_claims(
    person: TestPerson | str,
    username: str | None = None,
    name: str | None = None,
    tenant_id: str = SANDBOX_TENANT_ID,
    issuer: str = "",
    audience: str = "",
    scope: str = "Link.ReadWrite",
    *,
    client_id: str | None = None,
) -> dict[str, Any]:
    """Claims shaped like an Entra v2 access token for the portal's API scope.

    ``person`` is a sandbox :class:`TestPerson` (username and name default from it)
    or a bare oid. ``exp``/``nbf``/``iat`` are left for :meth:`SigningKeySet.mint`.
    ``sub`` is pairwise per application in Entra; a stable derivation of oid and
    audience keeps that property here.
    """
    if isinstance(person, TestPerson):
        oid = person.oid
        username = person.username if username is None else username
        name = person.display_name if name is None else name
    else:
        oid = person
    if username is None or name is None:
        raise ValueError("username and name are needed when person is a bare oid")
    if not issuer or not audience:
        raise ValueError("issuer and audience are required")
    sub = str(uuid.uuid5(uuid.NAMESPACE_URL, f"{audience}|{oid}"))
    claims: dict[str, Any] = {
        "iss": issuer,
        "aud": audience,
        "oid": oid,
        "tid": tenant_id,
        "preferred_username": username,
        "name": name,
        "scp": scope,
        "sub": sub,
        "ver": "2.0",
    }
    if client_id is not None:
        claims["azp"] = client_id
    return claims
