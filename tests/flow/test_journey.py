"""The journey's every branch, driven like the UI drives it, with in-memory ports."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from typing import Any

import pytest

from link_protocol import build_link_message
from smartcard_linker.flow.state import CheckStatus, JourneyState, Operation, Step
from tests.flow.doubles import (
    NOW,
    FakeServices,
    FakeToken,
    Person,
    certificate,
    reader,
)
from tests.flow.harness import Harness, build


def to_account(h: Harness) -> JourneyState:
    h.journey.start_up()
    h.run()
    assert h.state.ready
    h.journey.begin()
    return h.run()


def to_card(h: Harness) -> JourneyState:
    assert to_account(h).step is Step.ACCOUNT
    h.journey.continue_to_card()
    return h.run()


def to_pin(h: Harness) -> JourneyState:
    assert to_card(h).step is Step.CARD
    h.journey.continue_to_pin()
    return h.run()


def enter_pin(h: Harness, pin: str) -> bytearray:
    buffer = bytearray(pin.encode())
    h.journey.submit_pin(buffer)
    h.run()
    return buffer


def to_review(h: Harness) -> JourneyState:
    assert to_pin(h).step is Step.PIN
    enter_pin(h, "123456")
    return h.state


def test_whole_journey_links_and_binds_signature_to_configured_origin(harness: Harness) -> None:
    h = harness
    assert h.services.built == []  # nothing built before the first page is up
    h.journey.start_up()
    assert h.state.step is Step.START
    assert not h.state.ready  # checks run before any credentials are asked for
    state = h.run()
    assert [c.status for c in state.readiness] == [CheckStatus.OK] * 4
    h.journey.begin()
    assert h.step() is Step.SIGNING_IN and h.state.busy and h.state.busy.cancellable
    state = h.run()
    assert state.step is Step.ACCOUNT
    assert state.account and state.account.email == "ready.user@nhs.net"
    assert [k.key for k in state.account_kinds] == ["care_identity"]
    h.journey.continue_to_card()
    state = h.run()
    assert state.step is Step.CARD and state.card_kind and state.card_kind.nhs
    assert state.selected and state.selected.uuid == "102048843983"
    h.journey.continue_to_pin()
    state = h.run()
    assert state.step is Step.PIN and state.pin and not state.pin.final_try
    buffer = enter_pin(h, "123456")
    assert buffer == bytearray(6), "the PIN buffer is wiped after login"
    state = h.state
    assert state.step is Step.REVIEW and state.link_request
    token = h.services.tokens["Reader A"]
    challenge_nonce = h.services.portal_double._challenges  # consumed
    assert challenge_nonce == {}
    assert token.signed, "the card signed the link message"
    assert token.signed[0].startswith(b"NHS-SMARTCARD-LINK-V1")
    assert token.closed, "the token session is closed once the card's part is done"
    h.journey.confirm()
    assert h.state.busy and not h.state.busy.cancellable
    state = h.run()
    assert state.step is Step.DONE and state.link and state.link.reference == "LNK-7F3K-92QD"
    h.journey.finish()
    assert h.state.step is Step.CLOSED


def test_origin_mismatch_is_refused_before_the_card_signs(harness: Harness) -> None:
    h = harness
    h.services.portal_double.challenge_origin = "https://evil.example"
    to_review(h)
    assert h.state.step is Step.ERROR and h.state.error
    assert h.state.error.code == "origin_mismatch"
    assert h.services.tokens["Reader A"].signed == []
    assert not h.state.error.retry_allowed


def test_signed_message_uses_app_origin_and_account_oid(harness: Harness) -> None:
    h = harness
    h.services.portal_double.origin = "https://PORTAL.test:8443"
    to_review(h)
    signed = h.services.tokens["Reader A"].signed[0]
    nonce = signed  # recompute the expected message for challenge ch-1
    import hashlib

    nonce = hashlib.sha256(b"ch-1").digest()
    assert signed == build_link_message(
        "https://portal.test:8443", nonce, "0b1e7f6c-1a2b-4c3d-8e9f-000000000001"
    )


def test_wrong_pin_then_right(harness: Harness) -> None:
    h = harness
    to_pin(h)
    first_seq = h.state.pin and h.state.pin.seq
    enter_pin(h, "000000")
    state = h.state
    assert state.step is Step.PIN and state.pin
    assert state.pin.seq != first_seq, "the dialog is asked for again, never retried by itself"
    assert state.pin.tries_left == 2 and not state.pin.final_try
    assert state.pin.problem and "not accepted" in state.pin.problem.render()
    assert h.services.tokens["Reader A"].login_calls == 1
    enter_pin(h, "123456")
    assert h.state.step is Step.REVIEW


def test_final_try_warning_and_stop_for_self_service_unlock(harness: Harness) -> None:
    h = harness
    to_pin(h)
    enter_pin(h, "000000")
    enter_pin(h, "111111")
    state = h.state
    assert state.pin and state.pin.final_try and state.pin.tries_left == 1
    assert state.pin.self_service_unlock_url == "https://unlock.example.test/"
    h.journey.stop_for_unlock()
    state = h.run()
    assert state.step is Step.ERROR and state.error and state.error.code == "pin_stopped"
    assert state.error.link_url == "https://unlock.example.test/"
    token = h.services.tokens["Reader A"]
    assert token.login_calls == 2 and token.tries == 1, "the final try was not used"
    assert token.closed


def test_locked_card_stops_at_the_card_page_with_the_unlock_step() -> None:
    h = build(FakeServices(tokens={"Reader A": FakeToken("Reader A", tries=0)}))
    state = to_card(h)
    assert state.step is Step.CARD and state.card_stop is not None
    assert state.card_stop.link_url == "https://unlock.example.test/"
    assert "Registration Authority" in state.card_stop.action.render()
    assert state.certificate_warning is None
    h.journey.continue_to_pin()  # no Continue on the page; a stray call changes nothing
    assert h.run().step is Step.CARD and h.state.pin is None
    assert h.services.tokens["Reader A"].login_calls == 0


def test_third_wrong_pin_locks(harness: Harness) -> None:
    h = harness
    to_pin(h)
    for pin in ("000000", "111111", "222222"):
        enter_pin(h, pin)
    assert h.state.error and h.state.error.code == "pin_locked"


def test_pin_breaking_length_rules_is_refused_without_using_a_try(harness: Harness) -> None:
    h = harness
    to_pin(h)
    buffer = enter_pin(h, "12")
    assert buffer == bytearray(2)
    state = h.state
    assert state.step is Step.PIN and state.pin and state.pin.problem
    assert "4 to 8" in state.pin.problem.render()
    assert h.services.tokens["Reader A"].login_calls == 0


def test_card_removed_mid_flow_and_reinserted_keeps_sign_in(harness: Harness) -> None:
    h = harness
    to_pin(h)
    h.services.monitor.set_card("Reader A", False)
    state = h.run()
    assert state.step is Step.INSERT_CARD
    assert state.account and state.account.email == "ready.user@nhs.net"
    assert state.card_message and "removed" in state.card_message.render()
    assert state.pin is None and state.certificates == ()
    assert h.services.tokens["Reader A"].closed
    h.services.monitor.set_card("Reader A", True)
    state = h.run()
    assert state.step is Step.CARD
    assert h.services.signin.interactive_calls == 1, "no second sign-in"
    h.journey.continue_to_pin()
    h.run()
    enter_pin(h, "123456")
    assert h.state.step is Step.REVIEW


def test_card_removed_while_reading_goes_back_to_insert(harness: Harness) -> None:
    h = harness
    to_account(h)
    h.journey.continue_to_card()
    assert h.state.step is Step.WORKING
    h.services.monitor.set_card("Reader A", False)
    state = h.run()
    assert state.step is Step.INSERT_CARD and state.account is not None


def test_cancel_while_reading_closes_the_late_session(harness: Harness) -> None:
    h = harness
    to_account(h)
    h.journey.continue_to_card()
    assert h.state.busy and h.state.busy.cancellable
    h.journey.cancel()
    assert h.state.step is Step.ACCOUNT
    h.run()
    assert h.state.step is Step.ACCOUNT
    assert h.services.tokens["Reader A"].closed, "a session that arrives late is closed"


def test_two_readers_user_chooses() -> None:
    services = FakeServices(
        readers=[reader("Reader A", card=True), reader("Reader B", card=True)],
    )
    services.tokens["Reader B"] = FakeToken("Reader B", certificates=(certificate("555566667777"),))
    h = build(services)
    state = to_card(h)
    state = h.run()  # the two cards are told apart, without a PIN
    assert state.step is Step.INSERT_CARD and state.reader_choice_needed
    assert {r.name for r in state.readers} == {"Reader A", "Reader B"}
    assert {(s.reader, s.care_identity) for s in state.card_summaries} == {
        ("Reader A", "102048843983"),
        ("Reader B", "555566667777"),
    }
    assert services.tokens["Reader A"].login_calls == 0
    h.journey.select_reader("Reader B")
    state = h.run()
    assert state.step is Step.CARD and state.selected_reader == "Reader B"
    assert state.selected and state.selected.uuid == "555566667777"


def test_a_card_that_is_not_an_nhs_smartcard_is_ignored_beside_an_nhs_one() -> None:
    services = FakeServices(
        readers=[reader("Reader A", card=True), reader("Reader B", card=True)],
    )
    services.tokens["Reader A"] = FakeToken("Reader A", nhs=False)
    services.tokens["Reader B"] = FakeToken("Reader B", certificates=(certificate("555566667777"),))
    h = build(services)
    to_card(h)
    state = h.run()
    assert state.step is Step.CARD and state.selected_reader == "Reader B"
    assert not state.reader_choice_needed


def test_empty_reader_then_insert_opens_card() -> None:
    h = build(FakeServices(readers=[reader("Reader A", card=False)]))
    state = to_card(h)
    assert state.step is Step.INSERT_CARD and state.card_message
    assert "Put your smartcard in" in state.card_message.render()
    h.services.monitor.set_card("Reader A", True)
    assert h.run().step is Step.CARD


def test_several_certificates_nhs_one_chosen_by_default() -> None:
    other = certificate("999900001111", subject="CN=Someone,O=Other Org")
    services = FakeServices()
    services.tokens["Reader A"] = FakeToken("Reader A", certificates=(other, certificate()))
    h = build(services)
    state = to_card(h)
    assert state.selected_certificate == 1
    h.journey.select_certificate(0)
    assert h.state.selected_certificate == 0


def test_aup_not_accepted_stops_before_the_card() -> None:
    h = build(FakeServices(person=Person(aup=False)))
    state = to_account(h)
    assert state.step is Step.BLOCKED and state.blocker
    assert state.blocker.code == "aup_not_accepted"
    assert state.blocker.link_url == "https://portal.nhs.net/aup"
    assert "2 hours" in state.blocker.action.render()
    h.journey.continue_to_card()
    assert h.run().step is Step.BLOCKED
    assert h.services.access.opened == []
    h.services.person.aup = True
    h.journey.recheck_account()
    assert h.run().step is Step.ACCOUNT


def test_inactive_account_blocked() -> None:
    h = build(FakeServices(person=Person(active=False)))
    state = to_account(h)
    assert state.blocker and state.blocker.code == "account_inactive"


def test_already_linked_says_so() -> None:
    services = FakeServices()
    services.portal_double.already_linked = True
    h = build(services)
    state = to_account(h)
    assert state.step is Step.BLOCKED and state.blocker
    assert state.blocker.code == "already_linked"
    assert "1020 4884 3983" in state.blocker.message.render()
    assert "LNK-7F3K-92QD" in state.blocker.action.render()


def test_identity_unknown_is_an_error_without_retry() -> None:
    h = build(FakeServices(person=Person(identity_known=False)))
    to_review(h)
    error = h.state.error
    assert h.state.step is Step.ERROR and error and error.code == "identity_unknown"
    assert not error.retry_allowed
    assert error.request_id == "req-identity_unknown"
    h.journey.start_again()
    assert h.run().step is Step.ACCOUNT, "start again keeps the sign-in"


def test_expired_certificate_stops_at_the_card_page() -> None:
    services = FakeServices()
    expired = certificate(not_after=NOW - timedelta(days=3))
    services.tokens["Reader A"] = FakeToken("Reader A", certificates=(expired,))
    h = build(services)
    state = to_card(h)
    assert state.step is Step.CARD and state.card_stop is not None
    assert "expired on" in state.card_stop.message.render()
    assert "renew" in state.card_stop.action.render() and state.card_stop.link_url is None
    assert state.certificate_warning is None  # one message, not two that disagree
    h.journey.continue_to_pin()
    assert h.run().step is Step.CARD
    assert services.tokens["Reader A"].login_calls == 0


def test_certificate_expiring_soon_is_flagged() -> None:
    services = FakeServices()
    soon = certificate(not_after=NOW + timedelta(days=20))
    services.tokens["Reader A"] = FakeToken("Reader A", certificates=(soon,))
    state = to_card(build(services))
    assert state.certificate_warning and "20 days" in state.certificate_warning.render()


def test_portal_down_then_back_confirm_retried_with_same_key_links_once(
    harness: Harness,
) -> None:
    h = harness
    to_review(h)
    portal = h.services.portal_double
    portal.lose_confirm_response = 1  # the link is recorded, the answer is lost
    h.journey.confirm()
    state = h.run()
    assert state.step is Step.ERROR and state.error and state.error.code == "timeout"
    assert state.error.retry_allowed
    portal.down = True
    h.journey.retry()
    state = h.run()
    assert state.error and state.error.code == "network" and state.error.retry_allowed
    portal.down = False
    h.journey.retry()
    state = h.run()
    assert state.step is Step.DONE
    assert len(portal.links) == 1, "one link, however many retries"
    assert len(portal.confirm_keys) == 2 and len(set(portal.confirm_keys)) == 1


def test_sign_in_cancelled_returns_to_start(harness: Harness) -> None:
    h = harness
    h.journey.start_up()
    h.run()
    h.services.signin.cancel_next = True
    h.journey.begin()
    state = h.run()
    assert state.step is Step.START and state.account is None and state.error is None


def test_cancel_while_waiting_for_browser(harness: Harness) -> None:
    h = harness
    h.journey.start_up()
    h.run()
    h.journey.begin()
    assert h.state.step is Step.SIGNING_IN
    h.journey.cancel()
    assert h.step() is Step.START
    h.run()  # the late answer is dropped
    assert h.state.step is Step.START and h.state.account is None


def test_token_expired_renewed_silently(harness: Harness) -> None:
    h = harness
    to_account(h)
    portal = h.services.portal_double
    portal.accept_any_token = False
    h.journey.continue_to_card()
    h.run()
    h.journey.continue_to_pin()
    h.run()

    signin = h.services.signin
    original_silent = signin.silent

    def silent_and_valid() -> Any:
        token = original_silent()
        if token is not None:
            portal.valid_tokens.add(token.token)
        return token

    signin.silent = silent_and_valid  # type: ignore[method-assign]
    rejected = signin.cached and signin.cached.token
    enter_pin(h, "123456")
    assert h.state.step is Step.REVIEW
    assert signin.interactive_calls == 1, "renewed silently, not asked again"
    assert portal.tokens_seen[-1] != rejected and rejected in portal.tokens_seen


def test_sign_in_ended_asks_again_and_carries_on(harness: Harness) -> None:
    h = harness
    to_review(h)
    h.services.signin.cached = None  # the cache lost the account
    h.journey.confirm()
    state = h.run()
    assert state.step is Step.ERROR and state.error and state.error.code == "signin_required"
    assert state.error.retry_label.render() == "Sign in again"
    h.journey.retry()
    assert h.state.step is Step.SIGNING_IN
    state = h.run()
    assert state.step is Step.DONE
    assert h.services.signin.hints[-1] == "ready.user@nhs.net"


def test_not_you_signs_out_and_in_again(harness: Harness) -> None:
    h = harness
    to_account(h)
    h.journey.not_you()
    assert h.state.account is None and h.state.step is Step.SIGNING_IN
    state = h.run()
    assert h.services.signin.sign_outs == 1
    assert h.services.signin.interactive_calls == 2
    assert h.services.signin.hints[-1] is None
    assert state.step is Step.ACCOUNT


def test_remembered_sign_in_skips_the_browser(harness: Harness) -> None:
    h = harness
    h.services.signin.cached = h.services.signin._mint()
    to_account(h)
    assert h.services.signin.interactive_calls == 0
    assert h.state.step is Step.ACCOUNT


def test_readiness_failures_have_fixes_and_block_start() -> None:
    services = FakeServices(readers=[])
    services.access.module_missing = True
    services.portal_double.down = True
    h = build(services)
    h.journey.start_up()
    state = h.run()
    checks = {c.key: c for c in state.readiness}
    assert checks["service"].status is CheckStatus.OK
    for key in ("reader", "middleware", "portal"):
        assert checks[key].status is CheckStatus.FAILED and checks[key].fix
    assert not state.ready
    h.journey.begin()
    assert h.state.step is Step.START and services.signin.interactive_calls == 0
    services.access.module_missing = False
    services.portal_double.down = False
    h.journey.recheck()
    h.run()
    services.monitor._readers = [reader("Reader A", card=False)]
    services.monitor.set_card("Reader A", True)  # the reader appears: live update
    state = h.run()
    assert state.ready
    assert services.monitor.started == 1, "the monitor is started once"


def test_cancel_at_review_tells_the_portal(harness: Harness) -> None:
    h = harness
    to_review(h)
    h.journey.cancel_review()
    state = h.run()
    assert h.services.portal_double.cancelled == ["lr-1"]
    assert state.step is Step.ACCOUNT and state.link_request is None


def test_names_that_differ_are_flagged() -> None:
    h = build(FakeServices(person=Person(identity_name="Alexandra Different")))
    state = to_review(h)
    assert state.link_request and not state.link_request.names_match


def _strings_in(obj: Any, seen: set[int] | None = None) -> list[str]:
    """Every string reachable from ``obj`` (attributes, containers, dataclasses)."""
    seen = seen if seen is not None else set()
    if id(obj) in seen:
        return []
    seen.add(id(obj))
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, bytes | bytearray):
        return [bytes(obj).decode("latin-1")]
    out: list[str] = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            out += _strings_in(k, seen) + _strings_in(v, seen)
    elif isinstance(obj, list | tuple | set | frozenset):
        for v in obj:
            out += _strings_in(v, seen)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            out += _strings_in(getattr(obj, f.name), seen)
    return out


def kiosk() -> Harness:
    """A kiosk whose reader is empty when it starts (a card already in is never used)."""
    return build(FakeServices(readers=[reader("Reader A", card=False)]), kiosk_mode=True)


def kiosk_card_in(h: Harness) -> JourneyState:
    """The person puts their card in, then goes to the card page."""
    assert to_account(h).step is Step.ACCOUNT
    h.journey.continue_to_card()
    h.run()
    h.services.monitor.set_card("Reader A", True)
    return h.run()


def kiosk_to_done() -> Harness:
    h = kiosk()
    kiosk_card_in(h)
    h.journey.continue_to_pin()
    h.run()
    enter_pin(h, "123456")
    h.journey.confirm()
    assert h.run().step is Step.DONE
    return h


def test_kiosk_reset_clears_everything() -> None:
    h = kiosk_to_done()
    h.journey.idle_timeout()  # done page: the done timer resets, idle does too
    state = h.run()
    assert state.step is Step.START and state.ready
    assert h.services.signin.sign_outs == 1 and h.services.signin.cached is None
    held = _strings_in(
        {k: v for k, v in vars(h.journey).items() if k not in ("_services", "_executor")}
    )
    for secret in ("ready.user@nhs.net", "Alex Ready", "102048843983", "LNK-7F3K", "tok-"):
        assert not any(secret in text for text in held), f"{secret!r} survived the reset"


def test_kiosk_done_timeout_and_mid_journey_idle_reset() -> None:
    h = kiosk()
    kiosk_card_in(h)
    h.journey.continue_to_pin()
    h.run()
    h.journey.idle_timeout()
    state = h.run()
    assert state.step is Step.START and state.account is None and state.pin is None
    assert h.services.tokens["Reader A"].closed
    h.journey.idle_timeout()  # nothing to clear on an untouched start page
    assert h.services.signin.sign_outs == 1


def test_not_kiosk_ignores_idle(harness: Harness) -> None:
    h = harness
    to_account(h)
    h.journey.idle_timeout()
    h.journey.done_timeout()
    assert h.state.step is Step.ACCOUNT


def test_kiosk_finish_resets_for_next_person() -> None:
    h = kiosk_to_done()
    h.journey.finish()
    assert h.run().step is Step.START and h.state.link is None


def test_kiosk_never_uses_a_card_already_in_the_reader() -> None:
    h = build(kiosk_mode=True)  # the last person's card is in Reader A when the kiosk starts
    assert to_card(h).step is Step.INSERT_CARD
    assert h.state.card_message is not None
    assert "Remove the card that is in the reader" in h.state.card_message.render()
    assert h.state.selected_reader is None and h.services.access.opened == []
    h.services.monitor.set_card("Reader A", False)  # taken out ...
    assert h.run().step is Step.INSERT_CARD
    h.services.monitor.set_card("Reader A", True)  # ... and a card put in afresh
    assert h.run().step is Step.CARD


def test_kiosk_card_left_in_at_done_is_not_the_next_persons() -> None:
    h = kiosk_to_done()
    h.journey.done_timeout()  # the person walked off; the card stays in
    assert h.run().step is Step.START
    h.services.portal_double.links.clear()  # the next person has linked nothing yet
    h.journey.begin()
    h.run()
    h.journey.continue_to_card()
    state = h.run()
    assert state.step is Step.INSERT_CARD and state.selected_reader is None
    opened = len(h.services.access.opened)
    h.journey.select_reader("Reader A")  # choosing it by hand does not work either
    assert h.run().step is Step.INSERT_CARD and len(h.services.access.opened) == opened


def test_kiosk_taking_the_card_out_at_done_ends_the_session() -> None:
    h = kiosk_to_done()
    h.services.monitor.set_card("Reader A", False)
    state = h.run()
    assert state.step is Step.START and state.link is None and state.account is None
    assert h.services.signin.sign_outs == 1


def test_outside_kiosk_a_card_already_in_is_read(harness: Harness) -> None:
    assert to_card(harness).step is Step.CARD


def test_shutdown_stops_monitor_and_cancels_sign_in(harness: Harness) -> None:
    h = harness
    h.journey.start_up()
    h.run()
    h.journey.begin()
    h.journey.shutdown()
    h.run()
    assert h.services.monitor.stopped
    assert h.state.step is Step.SIGNING_IN  # nothing renders after quit


def test_pin_pad_reader_countdown_cancel_and_timeout() -> None:
    services = FakeServices(readers=[reader("Pad Reader", card=True, pin_pad=True)])
    h = build(services)
    to_pin(h)
    state = h.state
    assert state.pin and state.pin.pin_pad and state.pin.pin_pad_timeout_s == 90
    h.journey.submit_pin(None)
    assert h.state.busy and h.state.busy.cancellable
    h.journey.cancel_pin()
    h.run()
    assert h.state.step is Step.CARD  # card read afresh after cancelling the pad
    h.journey.continue_to_pin()
    h.run()
    h.journey.submit_pin(None)
    h.journey.pin_pad_timed_out()
    state = h.run()
    assert state.step is Step.ERROR and state.error and state.error.code == "pin_pad_timeout"
    h.journey.retry()
    state = h.run()
    assert state.step is Step.CARD
    h.journey.continue_to_pin()
    h.run()
    services.tokens["Pad Reader"].pad_pin = "123456"
    h.journey.submit_pin(None)
    assert h.run().step is Step.REVIEW


@pytest.mark.parametrize("code", ["card_busy", "card_unsupported"])
def test_card_open_failures_offer_retry(code: str) -> None:
    from smartcard_linker.card import errors

    services = FakeServices()
    cls = {"card_busy": errors.CardBusy, "card_unsupported": errors.UnsupportedCard}[code]
    failures = [cls("x")]
    real_open = services.access.open_token

    def open_token(name: str) -> FakeToken:
        if failures:
            raise failures.pop()
        return real_open(name)

    services.access.open_token = open_token  # type: ignore[method-assign,assignment]
    h = build(services)
    state = to_card(h)
    assert state.step is Step.ERROR and state.error and state.error.code == code
    assert state.error.retry_allowed
    h.journey.retry()
    assert h.run().step is Step.CARD


def test_challenge_expired_retry_signs_again(harness: Harness) -> None:
    h = harness
    h.services.portal_double.fail_next.append(("link_request", "challenge_expired"))
    to_review(h)
    assert h.state.error and h.state.error.code == "challenge_expired"
    h.journey.retry()
    assert h.run().step is Step.REVIEW
    assert len(h.services.tokens["Reader A"].signed) == 2


def test_quit_while_the_monitor_starts_still_stops_it(harness: Harness) -> None:
    h = harness
    h.journey.start_up()
    h.journey.shutdown()  # before any worker ran
    h.run()
    assert h.services.monitor.started == 1 and h.services.monitor.stopped


def test_provider_refusal_says_why_and_offers_sign_in_again(harness: Harness) -> None:
    from smartcard_linker.signin.errors import ProviderError

    h = harness
    h.journey.start_up()
    h.run()
    h.services.signin.fail_with = ProviderError(
        "refused", error="invalid_grant", provider_code="AADSTS50126"
    )
    h.journey.begin()
    state = h.run()
    assert state.step is Step.ERROR and state.error
    assert state.error.title.render() == "Wrong address or password"
    assert state.error.retry_label.render() == "Sign in again"
    assert "select Sign in again" in state.error.action.render()  # the words name the button
    assert "AADSTS" not in state.error.message.render() and state.error.detail == "AADSTS50126"
    h.journey.retry()
    assert h.run().step is Step.ACCOUNT


def test_disabled_account_says_one_thing_and_offers_no_sign_in(harness: Harness) -> None:
    from smartcard_linker.signin.errors import ProviderError

    h = harness
    h.journey.start_up()
    h.run()
    h.services.signin.fail_with = ProviderError(
        "refused", error="invalid_grant", provider_code="AADSTS50057"
    )
    h.journey.begin()
    state = h.run()
    assert state.step is Step.ERROR and state.error
    assert state.error.code == "signin_provider_error"
    assert state.error.title.render() == "Your NHSmail account is disabled"
    assert "Local Administrator to re-enable" in state.error.action.render()
    assert "password" not in state.error.action.render()
    assert not state.error.retry_allowed  # signing in again cannot help
    assert "Detail: AADSTS50057" in state.error.support_text()


def test_no_browser_shows_the_address_to_copy(harness: Harness) -> None:
    from smartcard_linker.signin.errors import BrowserUnavailable

    h = harness
    h.journey.start_up()
    h.run()
    h.services.signin.fail_with = BrowserUnavailable(
        "no browser", url="https://login.test/authorize?x=1"
    )
    h.journey.begin()
    state = h.run()  # the address is shown and the wait goes on; the person finishes there
    assert state.step is Step.ACCOUNT and h.services.signin.continued == 1


def test_the_operation_in_progress_is_part_of_the_state() -> None:
    services = FakeServices(readers=[reader("Pad Reader", card=True, pin_pad=True)])
    h = build(services)
    assert to_pin(h).operation is None
    h.journey.submit_pin(None)
    assert h.state.operation is Operation.PIN_PAD  # the UI keeps the PIN-pad countdown up
    h.journey.cancel_pin()
    state = h.run()
    assert state.step is Step.CARD and state.operation is None
    h.journey.continue_to_pin()
    assert h.state.operation is Operation.READING_PIN_RULES
    h.run()
    h.journey.submit_pin(bytearray(b"123456"))
    state = h.state
    assert state.operation is Operation.CHECKING_PIN
    assert state.busy is not None and not state.busy.cancellable
    h.journey.cancel()  # a typed PIN is being checked: Cancel does nothing
    assert h.state.operation is Operation.CHECKING_PIN
    h.executor.run_all()
    assert h.state.step is Step.REVIEW and h.state.operation is None
