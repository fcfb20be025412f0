"""The challenge fetched while the PIN is typed: used once, for its account, while fresh;
otherwise the link request fetches its own, as before, and reports what goes wrong."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from link_protocol import build_link_message, normalize_origin
from link_protocol.models import ChallengeView
from smartcard_linker.flow.challenge_ahead import ChallengeAhead
from smartcard_linker.flow.state import JourneyState, Step
from tests.flow.doubles import NOW
from tests.flow.harness import Harness
from tests.flow.test_journey import enter_pin, to_card, to_pin

OID = "0b1e7f6c-1a2b-4c3d-8e9f-000000000001"  # the ready person's account


def signed_challenge(h: Harness) -> bytes:
    """The nonce the card signed (the double's nonce is sha256 of the challenge id)."""
    return h.services.tokens["Reader A"].signed[-1]


def message_for(h: Harness, challenge_id: str) -> bytes:
    nonce = hashlib.sha256(challenge_id.encode()).digest()
    return build_link_message(normalize_origin(h.services.portal_double.origin), nonce, OID)


def to_pin_from_card(h: Harness) -> JourneyState:
    h.journey.continue_to_pin()
    return h.run()


def test_the_challenge_is_asked_for_before_the_pin_is_typed(harness: Harness) -> None:
    h = harness
    to_card(h)
    assert "challenge" not in h.services.portal_double.calls
    state = to_pin_from_card(h)
    assert state.step is Step.PIN
    assert h.services.portal_double.calls.count("challenge") == 1
    enter_pin(h, "123456")
    assert h.state.step is Step.REVIEW
    assert h.services.portal_double.calls.count("challenge") == 1, "no second fetch"
    assert signed_challenge(h) == message_for(h, "ch-1")


def test_a_wrong_pin_keeps_the_challenge_for_the_next_try(harness: Harness) -> None:
    h = harness
    to_pin(h)
    enter_pin(h, "000000")
    asked_again = h.state
    assert asked_again.step is Step.PIN
    enter_pin(h, "123456")
    assert h.state.step is Step.REVIEW
    assert h.services.portal_double.calls.count("challenge") == 1


def test_a_failed_fetch_ahead_is_never_shown_and_is_fetched_again(harness: Harness) -> None:
    h = harness
    h.services.portal_double.fail_next.append(("challenge", "network"))
    state = to_pin(h)
    assert state.step is Step.PIN and state.error is None
    enter_pin(h, "123456")
    assert h.state.step is Step.REVIEW
    assert h.services.portal_double.calls.count("challenge") == 2
    assert signed_challenge(h) == message_for(h, "ch-1")  # the failed call made no challenge


def test_the_link_request_reports_its_own_failure(harness: Harness) -> None:
    h = harness
    h.services.portal_double.fail_next += [("challenge", "network"), ("challenge", "rate_limited")]
    to_pin(h)
    enter_pin(h, "123456")
    assert h.state.step is Step.ERROR and h.state.error
    assert h.state.error.code == "rate_limited"


def test_a_challenge_near_its_end_is_not_used(harness: Harness) -> None:
    h = harness
    h.services.portal_double.challenge_lifetime = timedelta(0)
    to_pin(h)
    enter_pin(h, "123456")
    assert h.state.step is Step.REVIEW
    assert signed_challenge(h) == message_for(h, "ch-2"), "a fresh one was fetched and signed"


def test_going_back_and_returning_does_not_fetch_another(harness: Harness) -> None:
    h = harness
    to_pin(h)
    h.journey.cancel_pin()
    assert h.run().step is Step.CARD
    to_pin_from_card(h)
    assert h.services.portal_double.calls.count("challenge") == 1
    enter_pin(h, "123456")
    assert h.state.step is Step.REVIEW and signed_challenge(h) == message_for(h, "ch-1")


def challenge(lifetime_s: float) -> ChallengeView:
    return ChallengeView(
        "ch-x", b"\0" * 32, "https://portal.test", NOW + timedelta(seconds=lifetime_s)
    )


def test_taken_once_and_only_for_its_account() -> None:
    ahead = ChallengeAhead("oid-a", lambda: challenge(120), lambda: NOW)
    ahead.run()
    assert ahead.take("oid-b") is None, "never another account's"
    assert ahead.still_useful()
    first = ahead.take("oid-a")
    assert first is not None and first.challenge_id == "ch-x"
    assert ahead.take("oid-a") is None, "used at most once"
    assert not ahead.still_useful()


def test_kept_at_most_half_its_lifetime_and_a_minute() -> None:
    now = [0.0]
    short = ChallengeAhead("oid", lambda: challenge(20), lambda: NOW, lambda: now[0])
    short.run()
    now[0] = 9.9
    assert short.still_useful()
    now[0] = 10.1
    assert not short.still_useful() and short.take("oid") is None
    long = ChallengeAhead("oid", lambda: challenge(300), lambda: NOW, lambda: now[0])
    now[0] = 0.0
    long.run()
    now[0] = 61.0
    assert long.take("oid") is None


def test_one_that_never_started_is_not_waited_for() -> None:
    def never() -> ChallengeView:
        raise AssertionError("a cancelled fetch must not run")

    ahead = ChallengeAhead("oid", never, lambda: NOW)
    assert ahead.take("oid") is None
    ahead.run()  # the worker got to it later: it does nothing
