"""Access-token validation: signature against the issuer's JWKS, then iss/aud/exp/nbf/tid,
the delegated scope and the client application.

The JWKS is fetched over verified HTTPS, cached, refreshed when a token names an
unknown ``kid`` (the issuer rotated keys), and that refresh is rate-limited so a
flood of tokens with made-up kids cannot turn the portal into a JWKS hammer. A failed
fetch is not retried before ``min_refresh_s`` either, doubling up to
``MAX_FAILURE_BACKOFF_S``: meanwhile calls are answered 503 at once. The fetch is a
blocking call, made on a thread kept for it (app.authenticate), never on the event loop.
"""

from __future__ import annotations

import base64
import binascii
import json
import ssl
import threading
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import jwt
from jwt import PyJWK, PyJWKSet

ALLOWED_ALGORITHMS = ("RS256", "PS256", "ES256")
_KEY_TYPE_FOR_ALG = {"RS256": "RSA", "PS256": "RSA", "ES256": "EC"}
MAX_TOKEN_CHARS = 16 * 1024
MAX_FAILURE_BACKOFF_S = 300.0


class TokenInvalid(Exception):
    """The token is not acceptable; the message says why without quoting the token."""


class KeysUnavailable(Exception):
    """The issuer's keys could not be fetched (the portal is not ready)."""


@dataclass(frozen=True)
class Caller:
    """The validated account behind a request."""

    oid: str
    email: str
    name: str
    tenant_id: str


class JwksCache:
    """The issuer's signing keys by kid, refreshed on an unknown kid at most every
    ``min_refresh_s`` seconds."""

    def __init__(
        self,
        jwks_url: str,
        *,
        issuer: str = "",
        ca_file: str | None = None,
        min_refresh_s: float = 30.0,
        timeout_s: float = 5.0,
    ) -> None:
        self._jwks_url = jwks_url
        self._issuer = issuer
        self._context = ssl.create_default_context(cafile=ca_file or None)
        self._min_refresh_s = min_refresh_s
        self._timeout_s = timeout_s
        self._keys: dict[str, PyJWK] = {}
        self._fetched_at = float("-inf")
        self._lock = threading.Lock()
        self._failures = 0  # fetches failed in a row
        self._failed: KeysUnavailable | None = None  # the last failure, while backing off
        self._retry_at = float("-inf")
        self.fetches = 0  # attempts so far (tests read it)

    def _get_json(self, url: str) -> Any:
        if not url.lower().startswith("https://"):
            raise KeysUnavailable("keys must be fetched over https")
        request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
        try:
            with urllib.request.urlopen(  # noqa: S310 - https only, checked above
                request, timeout=self._timeout_s, context=self._context
            ) as response:
                return json.loads(response.read(1024 * 1024))
        except (OSError, ValueError) as exc:
            raise KeysUnavailable(f"cannot fetch {url}: {exc}") from exc

    def _resolve_url(self) -> str:
        if not self._jwks_url:
            meta = self._get_json(self._issuer.rstrip("/") + "/.well-known/openid-configuration")
            uri = meta.get("jwks_uri") if isinstance(meta, dict) else None
            if not isinstance(uri, str):
                raise KeysUnavailable("issuer metadata has no jwks_uri")
            self._jwks_url = uri
        return self._jwks_url

    def refresh(self) -> None:
        """Fetch the keys now, unless a recent failure says to wait (then raise it)."""
        now = time.monotonic()
        if self._failed is not None and now < self._retry_at:
            raise self._failed
        self.fetches += 1
        try:
            data = self._get_json(self._resolve_url())
            try:
                keyset = PyJWKSet.from_dict(data)
            except jwt.PyJWTError as exc:
                raise KeysUnavailable(f"the issuer's JWKS is unusable: {exc}") from exc
        except KeysUnavailable as exc:
            self._failures += 1
            backoff = self._min_refresh_s * 2 ** (self._failures - 1)
            self._retry_at = time.monotonic() + min(backoff, MAX_FAILURE_BACKOFF_S)
            self._failed = exc
            raise
        self._keys = {k.key_id: k for k in keyset.keys if k.key_id}
        self._fetched_at = time.monotonic()
        self._failures = 0
        self._failed = None

    def has(self, kid: str) -> bool:
        """The key is at hand (no fetch needed to check a token signed with it)."""
        return kid in self._keys

    def key(self, kid: str) -> PyJWK | None:
        found = self._keys.get(kid)
        if found is not None:
            return found
        with self._lock:
            found = self._keys.get(kid)
            if found is None and time.monotonic() - self._fetched_at >= self._min_refresh_s:
                self.refresh()
                found = self._keys.get(kid)
        return found


def unverified_header(token: str) -> dict[str, Any]:
    """The token's JOSE header, only to pick the key: ``jwt.decode`` checks it again with
    the rest. (``jwt.get_unverified_header`` decodes all three parts, character by
    character: three times per request cost 0.2 ms more than once.)"""
    segment = token.partition(".")[0]
    try:
        header = json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)))
    except (ValueError, binascii.Error, RecursionError) as exc:
        raise TokenInvalid("not a JWT") from exc
    if not isinstance(header, dict):
        raise TokenInvalid("not a JWT")
    return header


class TokenValidator:
    def __init__(
        self,
        keys: JwksCache,
        *,
        issuer: str,
        audience: Sequence[str],
        tenant_id: str,
        leeway_s: int = 60,
        required_scope: str = "Link.ReadWrite",
        client_ids: Sequence[str] = (),
    ) -> None:
        self._required_scope = required_scope
        self._client_ids = frozenset(client_ids)
        self._keys = keys
        self._issuer = issuer
        self._audience = list(audience)
        self._tenant_id = tenant_id
        self._leeway_s = leeway_s

    def can_check_now(self, token: str) -> bool:
        """True when checking ``token`` needs no fetch of the issuer's keys: it is CPU
        work only, which the event loop may do itself."""
        if not token or len(token) > MAX_TOKEN_CHARS:
            return True  # refused without any key
        try:
            kid = unverified_header(token).get("kid")
        except TokenInvalid:
            return True
        return isinstance(kid, str) and self._keys.has(kid)

    def validate(self, token: str) -> Caller:
        if not token or len(token) > MAX_TOKEN_CHARS:
            raise TokenInvalid("missing or oversized token")
        header = unverified_header(token)
        alg = header.get("alg")
        if alg not in ALLOWED_ALGORITHMS:
            raise TokenInvalid(f"algorithm {alg!r} is not allowed")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise TokenInvalid("token has no key id")
        key = self._keys.key(kid)  # KeysUnavailable propagates: a 503, not the token's fault
        if key is None:
            raise TokenInvalid("unknown signing key")
        if key.key_type != _KEY_TYPE_FOR_ALG[alg]:
            raise TokenInvalid("algorithm does not match the signing key")
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key.key,
                algorithms=[alg],
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway_s,
                options={"require": ["exp", "iss", "aud", "oid", "tid"]},
            )
        except jwt.ExpiredSignatureError as exc:
            raise TokenInvalid("token expired") from exc
        except jwt.ImmatureSignatureError as exc:
            raise TokenInvalid("token not yet valid") from exc
        except jwt.InvalidAudienceError as exc:
            raise TokenInvalid("token is for another audience") from exc
        except jwt.InvalidIssuerError as exc:
            raise TokenInvalid("token is from another issuer") from exc
        except jwt.PyJWTError as exc:
            raise TokenInvalid(f"token rejected: {type(exc).__name__}") from exc
        if claims.get("tid") != self._tenant_id:
            raise TokenInvalid("token is from another tenant")
        self._check_delegation(claims)
        oid = claims.get("oid")
        if not isinstance(oid, str) or not 1 <= len(oid) <= 64:
            raise TokenInvalid("token has no usable oid")
        email = claims.get("preferred_username") or claims.get("upn") or ""
        name = claims.get("name") or ""
        if not isinstance(email, str) or not isinstance(name, str):
            raise TokenInvalid("token has malformed profile claims")
        return Caller(oid=oid, email=email[:320], name=name[:200], tenant_id=self._tenant_id)

    def _check_delegation(self, claims: dict[str, Any]) -> None:
        """A user's delegated token for our scope, from an allowed app: an app-only token
        (``idtyp=app``, or ``roles`` without ``scp``) acts for no user."""
        scp = claims.get("scp")
        if claims.get("idtyp") == "app" or (scp is None and "roles" in claims):
            raise TokenInvalid("an app-only token does not act for a user")
        if not isinstance(scp, str) or self._required_scope not in scp.split():
            raise TokenInvalid(f"token lacks the {self._required_scope} scope")
        if self._client_ids:
            client = claims.get("azp", claims.get("appid"))
            if not isinstance(client, str) or client not in self._client_ids:
                raise TokenInvalid("token was issued to an application not allowed here")
