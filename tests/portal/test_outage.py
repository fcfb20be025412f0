"""The portal's database goes away mid-service: calls answer 503 service_unavailable
(with Retry-After) and change nothing, and the portal recovers on its own when the
database is back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from linker_sandbox.processes.portal_runner import prepare_database, start_portal
from linker_sandbox.processes.postgres import PostgresUnavailable, PrivatePostgres
from tests.fixtures_portal import PortalKit, _PortalParts, base_portal_config
from tests.portal.helpers import assert_problem, call, challenge, post_link_request


@pytest.fixture(params=["tcp", "unix_socket"])
def outage_kit(
    _portal_parts: _PortalParts, request: pytest.FixtureRequest
) -> Iterator[tuple[PortalKit, PrivatePostgres]]:
    """A portal on a PostgreSQL server of its own (the test stops and restarts it),
    reached over TCP on loopback or over the server's Unix socket."""
    postgres = PrivatePostgres()
    try:
        postgres.start()
    except PostgresUnavailable as exc:
        pytest.skip(f"PostgreSQL not available: {exc}")  # a failure in CI (see conftest)
    portal = None
    try:
        url = postgres.create_database("outage", unix_socket=request.param == "unix_socket")
        prepare_database(url).dispose()
        config = base_portal_config(_portal_parts.pki, _portal_parts.issuer, url)
        portal = start_portal(
            config, tls_cert=_portal_parts.pki.tls_cert_file, tls_key=_portal_parts.pki.tls_key_file
        )
        kit = PortalKit(
            "postgresql", portal, _portal_parts.pki, _portal_parts.keys, _portal_parts.issuer, url
        )
        yield kit, postgres
    finally:
        if portal is not None:
            portal.stop()
        postgres.stop()


@pytest.mark.postgres
def test_database_outage_is_503_then_recovers(
    outage_kit: tuple[PortalKit, PrivatePostgres],
) -> None:
    kit, postgres = outage_kit
    user = kit.new_user()
    before = challenge(kit, user)  # the pool holds live connections now
    postgres.pause()
    try:
        response = call(kit, "POST", "/api/v1/challenges", token=user.token())
        body = assert_problem(response, "service_unavailable", 503)
        assert int(response.headers["Retry-After"]) > 0
        assert "database" in body["detail"]
        response = post_link_request(kit, user, user.link_body(before).to_json())
        assert_problem(response, "service_unavailable", 503)
        assert call(kit, "GET", "/readyz").status_code == 503
    finally:
        postgres.resume()
    # the same portal process, no restart: broken connections were dropped, new ones made
    assert call(kit, "GET", "/readyz").status_code == 200
    fresh = challenge(kit, user)
    response = post_link_request(kit, user, user.link_body(fresh).to_json())
    assert response.status_code == 201, response.text
    lrid = response.json()["link_request_id"]
    confirmed = call(
        kit,
        "POST",
        f"/api/v1/link-requests/{lrid}/confirm",
        token=user.token(),
        headers={"Idempotency-Key": lrid},
    )
    assert confirmed.status_code == 200, confirmed.text
