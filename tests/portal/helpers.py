"""Small helpers for the portal tests: raw calls and problem assertions."""

from __future__ import annotations

from typing import Any

import requests

from link_protocol.errors import REQUEST_ID_HEADER
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
