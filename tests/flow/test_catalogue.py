"""Every failure code the app can meet has words, an action and a retry decision."""

from __future__ import annotations

import inspect
from datetime import UTC, datetime

import pytest

from link_protocol import ErrorCode, group_uuid
from smartcard_linker.card import errors as card_errors
from smartcard_linker.flow.catalogue import CATALOGUE, FALLBACK, entry_for
from smartcard_linker.flow.format import format_date
from smartcard_linker.flow.msg import msg
from smartcard_linker.flow.state import ErrorReport, Step
from smartcard_linker.signin import errors as signin_errors


def _codes(module: object, base: type) -> set[str]:
    return {
        cls.code  # type: ignore[attr-defined]
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if issubclass(cls, base)
    }


ALL_CODES = sorted(
    _codes(card_errors, card_errors.CardError)
    | _codes(signin_errors, signin_errors.SignInError)
    | {code.value for code in ErrorCode}
    | {"network", "tls", "timeout", "unexpected", "origin_mismatch", "pin_stopped"}
)


@pytest.mark.parametrize("code", ALL_CODES)
def test_every_code_has_plain_words(code: str) -> None:
    assert code in CATALOGUE, f"{code} missing from the error catalogue"
    entry = entry_for(code)
    title, message, action = entry.texts("NHS.net Connect")
    for text in (title.render(), message.render(), action.render()):
        assert text and "{" not in text
    assert len(title.render()) < 60, "titles are short"


def test_product_name_is_configurable() -> None:
    title, message, _ = entry_for("signin_network").texts("NHS.net Connect")
    assert "NHS.net Connect" in title.render() and "NHS.net Connect" in message.render()


def test_unknown_code_falls_back() -> None:
    assert entry_for("something_new") is FALLBACK


def test_lockable_and_permanent_failures_do_not_offer_retry() -> None:
    for code in ("pin_locked", "identity_unknown", "certificate_expired", "already_linked"):
        assert not entry_for(code).retry
    for code in ("network", "timeout", "unexpected", "card_busy", "rate_limited"):
        assert entry_for(code).retry


def test_support_text_has_codes_and_time_only() -> None:
    report = ErrorReport(
        code="timeout",
        title=msg("c", "The portal is taking too long"),
        message=msg("c", "m"),
        action=msg("c", "a"),
        retry_allowed=True,
        retry_label=msg("c", "Retry"),
        occurred_at=datetime(2026, 11, 25, 9, 30, tzinfo=UTC),
        step=Step.REVIEW,
        request_id="req-42",
        app_version="0.1.0",
    )
    text = report.support_text()
    assert "timeout" in text and "req-42" in text and "2026-11-25 09:30:00" in text


def test_uuid_grouping_and_dates() -> None:
    assert group_uuid("102048843983") == "1020 4884 3983"
    assert group_uuid("1020 4884 3983") == "1020 4884 3983"
    assert format_date(datetime(2027, 3, 5, tzinfo=UTC)) == "5 March 2027"


def test_sign_in_actions_name_the_button_they_get() -> None:
    """Errors fixed by signing in again get a "Sign in again" button, so their words say so."""
    for entry in CATALOGUE.values():
        if entry.sign_in_again and entry.retry:
            assert "Select Retry" not in entry.action, entry.code


def test_every_link_api_code_is_a_message_code_of_the_same_name() -> None:
    """MessageCode repeats link_protocol.ErrorCode (a StrEnum cannot extend another): the two
    lists must agree, or a portal problem would fall back to the generic error page."""
    from link_protocol.errors import ErrorCode
    from smartcard_linker.codes import MessageCode

    for code in ErrorCode:
        assert MessageCode[code.name] == code.value, code
