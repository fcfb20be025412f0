"""The flow's three calls are served in front of FastAPI (link_portal.hot_routes): they
must refuse exactly what the framework path refuses, with the same problem documents."""

from __future__ import annotations

import json

import pytest

from link_protocol.errors import REQUEST_ID_HEADER
from tests.fixtures_portal import PortalKit
from tests.portal.helpers import assert_problem, call, challenge

HOT_PATHS = (
    "/api/v1/challenges",
    "/api/v1/link-requests",
    "/api/v1/link-requests/lrq_0123/confirm",
)


@pytest.mark.parametrize("path", HOT_PATHS)
def test_every_bad_token_is_refused_on_hot_routes(portal_kit: PortalKit, path: str) -> None:
    user = portal_kit.new_user()
    headers = {"Idempotency-Key": "k1"}
    tokens: list[tuple[dict[str, str], str]] = [
        ({}, "bearer"),
        ({"Authorization": f"Basic {user.token()}"}, "bearer"),
        ({"Authorization": "Bearer"}, "bearer"),
        ({"Authorization": "Bearer not.a.jwt"}, "JWT"),
        ({"Authorization": f"Bearer {user.token(lifetime_s=-3600)}"}, "expired"),
        ({"Authorization": f"Bearer {user.token(aud='api://another-api')}"}, "audience"),
        (
            {"Authorization": f"Bearer {user.token(tid='00000000-0000-0000-0000-000000000000')}"},
            "tenant",
        ),
    ]
    for auth, detail in tokens:
        response = call(portal_kit, "POST", path, headers={**headers, **auth}, json={})
        body = assert_problem(response, "token_invalid", 401)
        assert detail in body["detail"], body
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_link_request_body_must_be_json(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user()
    body = user.link_body(challenge(portal_kit, user)).to_json()
    response = call(
        portal_kit,
        "POST",
        "/api/v1/link-requests",
        token=user.token(),
        data=json.dumps(body),
        headers={"Content-Type": "text/plain"},
    )
    assert_problem(response, "bad_request", 400)


def test_confirm_idempotency_key_limits_and_request_id_echo(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user()
    client = portal_kit.client()
    token = user.token()
    view = client.create_link_request(token, user.link_body(client.create_challenge(token)))
    path = f"/api/v1/link-requests/{view.link_request_id}/confirm"
    for key in ("k" * 201, "has space"):
        response = call(portal_kit, "POST", path, token=token, headers={"Idempotency-Key": key})
        assert_problem(response, "bad_request", 400)
    response = call(
        portal_kit,
        "POST",
        path,
        token=token,
        headers={"Idempotency-Key": "k" * 200, REQUEST_ID_HEADER: "support-42"},
    )
    assert response.status_code == 200, response.text
    assert response.headers[REQUEST_ID_HEADER] == "support-42"
    assert response.headers["Content-Type"] == "application/json"
    assert response.json()["link_id"]


def test_other_methods_on_hot_paths_fall_through(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user()
    response = call(portal_kit, "GET", "/api/v1/challenges", token=user.token())
    assert_problem(response, "bad_request", 405)
    response = call(portal_kit, "POST", "/api/v1/link-requests/a/b/confirm", token=user.token())
    assert_problem(response, "not_found", 404)
