"""Races a real user could cause: double-clicks, retries, two devices at once.

Requests are spread over several servers sharing one database (each server handles
its requests one at a time on its event loop), so the races happen in the database,
where the guarantees live."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from link_portal.db import Link
from tests.fixtures_portal import PortalKit
from tests.portal.helpers import call, challenge, post_link_request


def test_one_challenge_many_simultaneous_uses(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user()
    ch = challenge(portal_kit, user)
    body = user.link_body(ch).to_json()
    token = user.token()
    urls = [portal_kit.base_url, *portal_kit.replicas(3)]
    with ThreadPoolExecutor(16) as pool:
        responses = list(
            pool.map(
                lambda i: post_link_request(portal_kit, user, body, token, urls[i % 4]),
                range(16),
            )
        )
    statuses = sorted(r.status_code for r in responses)
    assert statuses.count(201) == 1, statuses
    assert all(r.json()["code"] == "challenge_used" for r in responses if r.status_code != 201)


def test_concurrent_confirms_make_one_link(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user()
    client = portal_kit.client()
    token = user.token()
    view = client.create_link_request(token, user.link_body(client.create_challenge(token)))
    path = f"/api/v1/link-requests/{view.link_request_id}/confirm"

    def confirm(i: int) -> tuple[int, str]:
        response = call(
            portal_kit, "POST", path, token=token, headers={"Idempotency-Key": f"k{i % 2}"}
        )
        return response.status_code, response.json().get("link_id", "")

    with ThreadPoolExecutor(12) as pool:
        results = list(pool.map(confirm, range(12)))
    assert {status for status, _ in results} == {200}, results
    assert len({link_id for _, link_id in results}) == 1
    engine = portal_kit.engine()
    with engine.connect() as conn:
        count = conn.execute(
            select(func.count()).select_from(Link).where(Link.oid == user.oid)
        ).scalar_one()
    engine.dispose()
    assert count == 1


def test_two_accounts_race_for_one_card(portal_kit: PortalKit) -> None:
    """Pending requests from several accounts for one card: exactly one link is made."""
    first = portal_kit.new_user()
    others = [portal_kit.new_user(identity_status=None, card=first.card) for _ in range(5)]
    client = portal_kit.client()
    pending = []
    for user in [first, *others]:
        token = user.token()
        view = client.create_link_request(token, user.link_body(client.create_challenge(token)))
        pending.append((token, view.link_request_id))

    def confirm(item: tuple[str, str]) -> int:
        token, lrid = item
        response = call(
            portal_kit,
            "POST",
            f"/api/v1/link-requests/{lrid}/confirm",
            token=token,
            headers={"Idempotency-Key": lrid},
        )
        return response.status_code

    with ThreadPoolExecutor(6) as pool:
        statuses = sorted(pool.map(confirm, pending))
    assert statuses == [200, 409, 409, 409, 409, 409]
