"""The journey's pure decisions, each on its own: readiness fixes, blockers, which reader and
which certificate, and the certificate's warning."""

from __future__ import annotations

from datetime import timedelta

import pytest

from link_protocol.models import AccountView, IdentityView, LinkView, MeView
from smartcard_linker.card import atr
from smartcard_linker.card.errors import ModuleNotFound
from smartcard_linker.card.model import (
    CardRecognition,
    CardSummary,
    MonitorStatus,
    PinPolicy,
    Verdict,
)
from smartcard_linker.flow.blockers import blocker_for
from smartcard_linker.flow.card_choice import (
    card_stop,
    certificate_warning,
    choose_reader,
    default_certificate,
    pin_pad_in_use,
    shown_kind,
    summaries_still_in,
    untold_cards,
)
from smartcard_linker.flow.failures import already_linked_words
from smartcard_linker.flow.msg import msg
from smartcard_linker.flow.readiness import (
    all_passed,
    card_checks,
    fix_for,
    initial_checks,
    middleware_detail,
    with_result,
)
from smartcard_linker.flow.state import CheckStatus
from tests.flow.doubles import NOW, certificate, reader

ACCOUNT = AccountView("oid-1", "ready.user@nhs.net", "Alex Ready")


def me(*, active: bool = True, aup: bool = True, link: LinkView | None = None) -> MeView:
    return MeView(ACCOUNT, active, aup, "https://portal.test/aup", current_link=link)


# ---------------------------------------------------------------- readiness
@pytest.mark.parametrize(
    ("key", "code", "words"),
    [
        ("service", "card_service_unavailable", "smartcard service is not running"),
        ("reader", "no_reader", "Plug in your smartcard reader"),
        ("middleware", "pkcs11_module_missing", "OpenSC for Series 9 and 10 cards"),
        ("middleware", "pkcs11_module_failed", "did not start"),
        ("portal", "network", "connected to the network"),
        ("portal", "timeout", "connected to the network"),
        ("portal", "tls", "secure connection"),
        ("portal", "unexpected", "Try again in a few minutes"),
    ],
)
def test_each_failed_check_gets_its_own_fix(key: str, code: str, words: str) -> None:
    assert words in fix_for(key, code).render()


def test_start_is_allowed_only_when_every_check_passed_and_settings_are_valid() -> None:
    checks = initial_checks()
    for key in ("service", "reader", "middleware"):
        checks = with_result(checks, key, CheckStatus.OK)
    assert not all_passed(checks, None)
    checks = with_result(checks, "portal", CheckStatus.OK)
    assert all_passed(checks, None)
    assert not all_passed(checks, "portal_url is missing")
    failed = with_result(checks, "portal", CheckStatus.FAILED, "tls")
    assert [c.fix is not None for c in failed] == [False, False, False, True]


def test_the_middleware_check_names_the_module_or_where_it_looked() -> None:
    found = middleware_detail("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so", None)
    assert found is not None
    assert found.render() == "OpenSC: /usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"
    missing = ModuleNotFound("none", tried=("/usr/local/AWP/lib/libOcsCryptoki.so", "/x.so"))
    looked = middleware_detail(None, missing)
    assert looked is not None
    assert looked.render() == "Looked in: /usr/local/AWP/lib/libOcsCryptoki.so; /x.so"
    checks = with_result(initial_checks(), "middleware", CheckStatus.FAILED, "x", looked)
    assert next(c for c in checks if c.key == "middleware").detail == looked


def test_card_checks_follow_the_monitor() -> None:
    checks = card_checks(initial_checks(), MonitorStatus.SERVICE_UNAVAILABLE, ())
    status = {c.key: (c.status, c.code) for c in checks}
    assert status["service"] == (CheckStatus.FAILED, "card_service_unavailable")
    # A stopped service lists no readers: the reader is not known to be missing.
    assert status["reader"] == (CheckStatus.SKIPPED, "card_service_unavailable")
    reader = next(c for c in checks if c.key == "reader")
    assert reader.fix is not None and "service" in reader.fix.template
    checks = card_checks(checks, MonitorStatus.NO_READER, ())
    assert {c.key: c.status for c in checks}["service"] is CheckStatus.OK
    assert {c.key: c.status for c in checks}["reader"] is CheckStatus.FAILED


# ---------------------------------------------------------------- blockers
def test_blockers_come_in_the_order_the_person_must_fix_them() -> None:
    first = blocker_for(me(active=False, aup=False), "NHSmail")
    assert first is not None and first.code == "account_inactive"
    aup = blocker_for(me(aup=False), "NHSmail")
    assert aup is not None and aup.code == "aup_not_accepted"
    assert aup.link_url == "https://portal.test/aup"
    assert blocker_for(me(), "NHSmail") is None


def test_already_linked_names_the_identity_grouped_and_the_reference() -> None:
    identity = IdentityView("102048843983", "Alex Ready", "active")
    link = LinkView("l-1", "LNK-7F3K-92QD", NOW, ACCOUNT, identity)
    blocker = blocker_for(me(link=link), "NHS.net Connect")
    assert blocker is not None and blocker.code == "already_linked" and blocker.link is link
    assert "1020 4884 3983" in blocker.message.render()
    assert "NHS.net Connect" in blocker.message.render()
    assert "LNK-7F3K-92QD" in blocker.action.render()
    assert blocker.title.render() == "Your NHS.net Connect account is already linked"


def test_already_linked_after_the_signed_request_says_which_side() -> None:
    card_side = already_linked_words(
        {"linked_side": "identity", "linked_account": "j•••@nhs.net"}, "NHSmail"
    )
    assert card_side is not None
    assert card_side[0].render() == "Your smartcard is already linked"
    assert "another NHSmail account (j•••@nhs.net)" in card_side[1].render()
    account_side = already_linked_words(
        {"linked_side": "account", "linked_identity": "•••• •••• 3983"}, "NHSmail"
    )
    assert account_side is not None
    assert account_side[0].render() == "Your NHSmail account is already linked"
    assert "Care Identity number •••• •••• 3983" in account_side[1].render()
    assert already_linked_words({}, "NHSmail") is None  # the catalogue's words stay


def test_a_card_stops_when_locked_or_expired_and_says_the_next_step() -> None:
    fine = certificate(not_after=NOW + timedelta(days=200))
    old = certificate(not_after=NOW - timedelta(days=1))
    open_policy, locked = PinPolicy(6, 8), PinPolicy(6, 8, locked=True)
    assert card_stop(fine, open_policy, NOW, "https://unlock.test/") is None
    expired = card_stop(old, open_policy, NOW, "https://unlock.test/")
    assert expired is not None and expired.link_url is None and "renew" in expired.action.render()
    stop = card_stop(old, locked, NOW, "https://unlock.test/")  # locked comes first
    assert stop is not None and stop.link_url == "https://unlock.test/"
    no_url = card_stop(fine, locked, NOW, "")
    assert no_url is not None and no_url.link_url is None


# ---------------------------------------------------------------- readers
def test_the_only_reader_with_a_card_is_read_without_asking() -> None:
    readers = (reader("A", card=False), reader("B", card=True))
    choice = choose_reader(readers, None)
    assert choice.reader is not None and choice.reader.name == "B"


def test_cards_in_several_readers_ask_which_unless_one_was_chosen() -> None:
    readers = (reader("A", card=True), reader("B", card=True))
    choice = choose_reader(readers, None)
    assert choice.reader is None and choice.choice_needed
    assert "more than one reader" in str(choice.message)
    chosen = choose_reader(readers, "B")
    assert chosen.reader is not None and chosen.reader.name == "B"


@pytest.mark.parametrize(
    ("readers", "words"),
    [
        ((), "Connect your smartcard reader"),
        ((reader("A", card=False),), "Put your smartcard in the reader."),
        ((reader("A", card=False), reader("B", card=False)), "in one of the readers"),
    ],
)
def test_no_card_says_what_to_do(readers: tuple, words: str) -> None:  # type: ignore[type-arg]
    choice = choose_reader(readers, None)
    assert choice.reader is None and not choice.choice_needed
    assert words in str(choice.message)


def test_cards_told_apart_pick_the_only_nhs_smartcard() -> None:
    readers = (reader("A", card=True), reader("B", card=True), reader("C", card=False))
    assert untold_cards(readers, ()) == ("A", "B")
    nhs = CardRecognition(Verdict.NHS, "NHS issuer", atr.UNKNOWN)
    other = CardRecognition(Verdict.NOT_NHS, "another issuer", atr.UNKNOWN)
    one_nhs = (CardSummary("A", other), CardSummary("B", nhs, "102048843983", "01"))
    assert untold_cards(readers, one_nhs) == ()
    choice = choose_reader(readers, None, summaries=one_nhs)
    assert choice.reader is not None and choice.reader.name == "B"
    two_nhs = (CardSummary("A", nhs, "102048843984", "02"), one_nhs[1])
    assert choose_reader(readers, None, summaries=two_nhs).choice_needed
    assert choose_reader(readers, None, summaries=one_nhs[1:]).choice_needed  # A not told yet
    assert summaries_still_in((reader("B", card=True),), one_nhs) == one_nhs[1:]


def test_the_card_page_says_nhs_smartcard_only_after_the_certificate_does() -> None:
    idemia = atr.IDEMIA_PIV
    nhs = CardRecognition(Verdict.NHS, "NHS issuer", idemia)
    shown = shown_kind(idemia, nhs)
    assert shown is not None and shown.nhs and shown.maker == "IDEMIA"
    assert shown.label == "NHS Smartcard ({maker})"  # the UI translates it, then names the maker
    assert shown_kind(idemia, None) == idemia  # a module without recognition: the ATR hint
    other = CardRecognition(Verdict.NOT_NHS, "another issuer", idemia)
    assert shown_kind(idemia, other) == idemia


def test_a_stopped_service_is_named_instead_of_the_reader() -> None:
    choice = choose_reader((), None, service_down=True)
    assert choice.reader is None and "smartcard service" in str(choice.message)
    assert "Connect your smartcard reader" not in str(choice.message)


def test_a_kept_message_stays_only_while_no_card_is_in() -> None:
    removed = msg("Journey", "Your smartcard was removed.")
    assert choose_reader((reader("A", card=False),), "A", removed).message == removed
    back = choose_reader((reader("A", card=True),), "A", removed)
    assert back.reader is not None and back.message is None


def test_pin_pad_from_the_token_or_the_selected_reader() -> None:
    readers = (reader("A", card=True), reader("P", card=True, pin_pad=True))
    assert not pin_pad_in_use(False, readers, "A")
    assert pin_pad_in_use(False, readers, "P")
    assert pin_pad_in_use(True, readers, "A")


# ---------------------------------------------------------------- certificates
def test_default_certificate_prefers_a_valid_nhs_one() -> None:
    expired_nhs = certificate("111111111111", not_after=NOW - timedelta(days=1))
    other = certificate("222222222222", subject="CN=222222222222,O=elsewhere")
    nhs = certificate("333333333333")
    assert default_certificate((expired_nhs, other, nhs), NOW) == 2
    assert default_certificate((expired_nhs, other), NOW) == 1
    assert default_certificate((expired_nhs,), NOW) == 0


def test_certificate_warning_for_expired_and_expiring_soon_only() -> None:
    expired = certificate_warning(certificate(not_after=NOW - timedelta(days=2)), NOW)
    assert expired is not None and "expired on" in expired.render()
    soon = certificate_warning(certificate(not_after=NOW + timedelta(days=30)), NOW)
    assert soon is not None and "expires in 30 days" in soon.render()
    assert certificate_warning(certificate(not_after=NOW + timedelta(days=91)), NOW) is None
