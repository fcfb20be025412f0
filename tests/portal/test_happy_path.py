"""The whole Link API journey through the app's own client, on both databases."""

from __future__ import annotations

import uuid

import pytest

from link_portal.admin import audit_entries
from link_protocol.errors import REQUEST_ID_HEADER
from tests.fixtures_portal import PortalKit


@pytest.mark.parametrize(
    "key_type,algorithm",
    [
        ("rsa2048", "RS256"),
        ("rsa2048", "PS256"),
        ("ec-p256", "ES256"),
        ("ec-p384", "ES384"),
    ],
)
def test_link_journey(portal_kit: PortalKit, key_type: str, algorithm: str) -> None:
    user = portal_kit.new_user(key_type=key_type, name="Alex Ready")
    client = portal_kit.client()
    token = user.token()

    me = client.me(token)
    assert me.account.oid == user.oid
    assert me.account.email == user.email
    assert me.aup_accepted and me.current_link is None

    challenge = client.create_challenge(token)
    assert challenge.origin == client.origin
    assert len(challenge.nonce) == 32

    view = client.create_link_request(token, user.link_body(challenge, algorithm=algorithm))
    assert view.identity.uuid == user.uuid
    assert view.account.oid == user.oid
    assert view.names_match
    assert view.identity.certificate_issuer and "SubCA" in view.identity.certificate_issuer

    key = str(uuid.uuid4())
    link = client.confirm(token, view.link_request_id, key)
    assert link.reference.startswith("LNK-") and len(link.reference) == 13
    assert link.identity.uuid == user.uuid

    again = client.confirm(token, view.link_request_id, key)  # a retry after a lost answer
    assert again.link_id == link.link_id and again.reference == link.reference

    me = client.me(token)
    assert me.current_link is not None and me.current_link.reference == link.reference

    engine = portal_kit.engine()
    events = audit_entries(engine, oid=user.oid)
    engine.dispose()
    assert [(e["event"], e["outcome"]) for e in events] == [
        ("link_request", "ok"),
        ("confirm", "ok"),
    ]
    assert all(e["request_id"] for e in events)
    for event in events:  # never a token or a signature
        assert token not in str(event) and "ey" not in (event["detail"] or "")


def test_cancel_then_confirm_is_not_found(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user()
    client = portal_kit.client()
    token = user.token()
    view = client.create_link_request(token, user.link_body(client.create_challenge(token)))
    client.cancel(token, view.link_request_id)
    from smartcard_linker.portal.errors import PortalError

    with pytest.raises(PortalError) as caught:
        client.confirm(token, view.link_request_id, "k1")
    assert caught.value.code == "not_found"
    assert client.me(token).current_link is None


def test_names_mismatch_flagged(portal_kit: PortalKit) -> None:
    same = portal_kit.new_user(name="Zoë O'Brien", identity_name="OBRIEN, ZOE")
    client = portal_kit.client()
    token = same.token()
    view = client.create_link_request(token, same.link_body(client.create_challenge(token)))
    assert view.names_match  # case, accents, punctuation and order do not matter

    other = portal_kit.new_user(name="Sam Mismatch", identity_name="Samira Other")
    token = other.token()
    view = client.create_link_request(token, other.link_body(client.create_challenge(token)))
    assert not view.names_match


def test_health_and_request_ids(portal_kit: PortalKit) -> None:
    http = portal_kit.http()
    assert http.get(portal_kit.base_url + "/healthz").json() == {"status": "ok"}
    ready = http.get(portal_kit.base_url + "/readyz")
    assert ready.status_code == 200 and ready.headers[REQUEST_ID_HEADER]
    mine = http.get(portal_kit.base_url + "/api/v1/me", headers={REQUEST_ID_HEADER: "abc-123"})
    assert mine.status_code == 401
    assert mine.headers[REQUEST_ID_HEADER] == "abc-123"
    assert mine.json()["request_id"] == "abc-123"
    assert mine.headers["Content-Type"] == "application/problem+json"
