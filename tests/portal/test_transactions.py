"""A refused link request uses its challenge up and is audited exactly once, whichever
check refused it: before the write transaction (signature) or inside it (identity, AUP,
already linked)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from link_portal.admin import set_account
from link_portal.db import AuditEvent, Challenge
from tests.fixtures_portal import PortalKit, PortalUser
from tests.portal.helpers import assert_problem, challenge, post_link_request


def _audit_and_challenge(kit: PortalKit, user: PortalUser, challenge_id: str) -> tuple[Any, Any]:
    engine = kit.engine()
    try:
        with engine.connect() as conn:
            events = conn.execute(
                select(AuditEvent.event, AuditEvent.outcome).where(AuditEvent.oid == user.oid)
            ).all()
            used_at = conn.execute(
                select(Challenge.used_at).where(Challenge.id == challenge_id)
            ).scalar_one()
    finally:
        engine.dispose()
    return events, used_at


def test_refused_inside_the_transaction_uses_the_challenge_up(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user(identity_status="inactive")
    ch = challenge(portal_kit, user)
    body = user.link_body(ch).to_json()
    assert_problem(post_link_request(portal_kit, user, body), "identity_inactive", 422)
    events, used_at = _audit_and_challenge(portal_kit, user, ch.challenge_id)
    assert events == [("link_request", "identity_inactive")]
    assert used_at is not None
    assert_problem(post_link_request(portal_kit, user, body), "challenge_used", 410)


def test_aup_withdrawn_after_challenge_is_refused_and_uses_it_up(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user()
    ch = challenge(portal_kit, user)
    engine = portal_kit.engine()
    try:
        set_account(engine, oid=user.oid, aup_accepted=False)
    finally:
        engine.dispose()
    body = user.link_body(ch).to_json()
    assert_problem(post_link_request(portal_kit, user, body), "aup_not_accepted", 403)
    events, used_at = _audit_and_challenge(portal_kit, user, ch.challenge_id)
    assert events == [("link_request", "aup_not_accepted")]
    assert used_at is not None


def test_refused_before_the_transaction_uses_the_challenge_up(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user()
    ch = challenge(portal_kit, user)
    bad = user.link_body(ch, message=b"y" * 32).to_json()
    assert_problem(post_link_request(portal_kit, user, bad), "signature_invalid", 422)
    events, used_at = _audit_and_challenge(portal_kit, user, ch.challenge_id)
    assert events == [("link_request", "signature_invalid")]
    assert used_at is not None
