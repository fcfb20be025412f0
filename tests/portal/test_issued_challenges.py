"""The issued-challenge shortcut gives a nonce only to its own account, once, unexpired."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from link_portal.issued_challenges import IssuedChallenge, IssuedChallenges

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
LATER = NOW + timedelta(minutes=5)


def test_the_owner_gets_the_nonce_once() -> None:
    issued = IssuedChallenges()
    issued.add("chl_1", IssuedChallenge("oid-a", b"nonce", LATER))
    assert issued.take("chl_1", "oid-a", NOW) == b"nonce"
    assert issued.take("chl_1", "oid-a", NOW) is None  # a retry reads the database


def test_another_account_or_an_expired_challenge_gets_nothing() -> None:
    issued = IssuedChallenges()
    issued.add("chl_1", IssuedChallenge("oid-a", b"nonce", LATER))
    assert issued.take("chl_1", "oid-b", NOW) is None
    issued.add("chl_2", IssuedChallenge("oid-a", b"nonce", LATER))
    assert issued.take("chl_2", "oid-a", LATER) is None


def test_the_oldest_are_evicted_at_capacity() -> None:
    issued = IssuedChallenges(capacity=2)
    for n in range(3):
        issued.add(f"chl_{n}", IssuedChallenge("oid-a", bytes([n]), LATER))
    assert len(issued) == 2
    assert issued.take("chl_0", "oid-a", NOW) is None
    assert issued.take("chl_2", "oid-a", NOW) == bytes([2])
