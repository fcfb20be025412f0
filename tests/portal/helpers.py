"""Small helpers for the portal tests: raw calls and problem assertions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization

from link_protocol.errors import REQUEST_ID_HEADER
from linker_sandbox.testdata.pki import Issued
from tests.fixtures_portal import PortalKit, PortalUser


def call(
    kit: PortalKit,
    method: str,
    path: str,
    *,
    token: str | None = None,
    base_url: str | None = None,
    **kwargs: Any,
) -> requests.Response:
    headers = dict(kwargs.pop("headers", {}) or {})
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    with kit.http() as http:
        url = (base_url or kit.base_url) + path
        return http.request(method, url, headers=headers, timeout=20, **kwargs)


def assert_problem(response: requests.Response, code: str, status: int) -> dict[str, Any]:
    assert response.headers.get("Content-Type", "").startswith("application/problem+json"), (
        response.status_code,
        response.text[:300],
    )
    body: dict[str, Any] = response.json()
    assert (response.status_code, body["code"]) == (status, code), body
    assert body["status"] == status
    assert body["request_id"] == response.headers[REQUEST_ID_HEADER]
    return body


def challenge(kit: PortalKit, user: PortalUser) -> Any:
    client = kit.client()
    try:
        return client.create_challenge(user.token())
    finally:
        client.close()


def post_link_request(
    kit: PortalKit,
    user: PortalUser,
    body: dict[str, Any],
    token: str | None = None,
    base_url: str | None = None,
) -> requests.Response:
    return call(
        kit,
        "POST",
        "/api/v1/link-requests",
        token=token or user.token(),
        json=body,
        base_url=base_url,
    )


def crl_der(
    issuer: Issued,
    *revoked: x509.Certificate,
    next_update_in: dt.timedelta = dt.timedelta(days=1),
    signer: Any = None,
) -> bytes:
    """A DER CRL by ``issuer`` listing ``revoked`` (``signer``: another key, to forge)."""
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(issuer.cert.subject)
        .last_update(now - dt.timedelta(days=2))
        .next_update(now + next_update_in)
    )
    for cert in revoked:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(cert.serial_number)
            .revocation_date(now - dt.timedelta(minutes=5))
            .build()
        )
    crl = builder.sign(signer or issuer.key, hashes.SHA256())
    return crl.public_bytes(serialization.Encoding.DER)
