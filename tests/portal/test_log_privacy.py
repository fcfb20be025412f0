"""An error the portal did not expect: the answer is a 500 problem like any other (request
id, no-store), and the log, which a helpdesk reads and which may leave the machine, names
nobody, though the failed statement's error would otherwise quote the row it wrote."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from tests.fixtures_portal import PortalKit, PortalKitFactory
from tests.portal.helpers import assert_problem, challenge, post_link_request

REFUSE_INSERTS = {
    "sqlite": [
        "CREATE TRIGGER refuse_link_requests BEFORE INSERT ON link_requests "
        "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION refuse_row() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$",
        "CREATE TRIGGER refuse_link_requests BEFORE INSERT ON link_requests "
        "FOR EACH ROW EXECUTE FUNCTION refuse_row()",
    ],
}


def _fail_every_link_request_insert(kit: PortalKit) -> None:
    engine = kit.engine()
    try:
        with engine.begin() as conn:
            for statement in REFUSE_INSERTS[kit.backend]:
                conn.execute(text(statement))
    finally:
        engine.dispose()


def test_an_unexpected_database_error_is_logged_without_the_row(
    make_portal_kit: PortalKitFactory, caplog: pytest.LogCaptureFixture
) -> None:
    kit = make_portal_kit()
    user = kit.new_user(name="Ffion Hughes-Parry")
    token = user.token()
    body = user.link_body(challenge(kit, user)).to_json()
    _fail_every_link_request_insert(kit)

    with caplog.at_level(logging.INFO):
        response = post_link_request(kit, user, body, token=token)

    problem = assert_problem(response, "internal_error", 500)  # with its X-Request-Id
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    logged = caplog.text
    # the helpdesk can still find the failure, by the request id the user was given
    assert "unexpected error" in logged
    assert problem["request_id"] in logged
    assert "refused by the test" in logged
    for personal in (user.email, user.name, user.uuid, token, body["certificate"]):
        assert personal not in logged
