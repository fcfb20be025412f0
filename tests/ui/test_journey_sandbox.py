"""The whole journey in the wizard against the real sandbox: real identity provider,
real portal over TLS, real pcscd with virtual smartcards, real PKCS#11 via OpenSC.
Driven by clicking and typing; every page is saved to artifacts/screenshots/e2e/."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFrame, QPushButton

from linker_sandbox.drivers.wizard_driver import WizardDriver, wait_until
from linker_sandbox.testdata.people import DEFAULT_PIN
from smartcard_linker.flow.state import Step
from smartcard_linker.ui.pages.error import ErrorPage
from smartcard_linker.ui.pin_dialog import PinDialog
from tests.diagnostics.helpers import validate

Wizard = Callable[..., WizardDriver]
pytestmark = pytest.mark.slow


def mismatch_shown(w: WizardDriver) -> bool:
    frame = w.window.findChild(QFrame, "namesMismatch")
    assert frame is not None
    return frame.isVisible()


def to_pin_dialog(w: WizardDriver) -> None:
    assert w.sign_in_to_account() == "accountPage"
    w.click("accountContinueButton")
    w.insert()
    w.wait_page("cardPage")
    w.click("cardContinueButton")
    w.pin_dialog()


def test_links_and_shows_the_reference(wizard: Wizard) -> None:
    w = wizard("ready")

    def at(page: str, dialog: PinDialog | None) -> None:
        if page == "account":
            assert w.text("accountAccountEmail") == "ready.user@nhs.net"
        elif page == "card":
            assert w.text("cardIdentity") == "1020 4884 3983"
        elif page == "pin-entered":
            assert dialog is not None and dialog.field.text() == ""
            return
        elif page == "review":
            assert w.text("reviewAccountEmail") == "ready.user@nhs.net"
            assert w.text("reviewIdentityUuid") == "1020 4884 3983"
            assert "127.0.0.1" in w.text("reviewPortalHost")
            assert not mismatch_shown(w)
        w.shot(page, dialog)

    reference = w.link_journey(DEFAULT_PIN, at)
    assert re.fullmatch(r"LNK-[0-9A-Z]{4}-[0-9A-Z]{4}", reference)
    w.click("homeButton")
    w.click("nhsmailPortalButton")
    settings = w.window.journey.settings
    assert w.opened == [settings.effective_link_home_url, settings.nhsmail_portal_url]
    w.click("finishButton")
    wait_until(lambda: not w.window.isVisible())


def test_mfa_wrong_pin_then_right_and_kiosk_reset(wizard: Wizard) -> None:
    w = wizard("mfa", kiosk_mode=True)
    to_pin_dialog(w)
    w.enter_pin("999999")
    dialog = w.pin_dialog()
    assert "not accepted" in w.text("pinProblemText", dialog)
    w.shot("pin-wrong", dialog)
    w.click("pinCancelButton", dialog)  # cancel is no try used; back to the card page
    w.wait_page("cardPage")
    w.click("cardContinueButton")
    w.enter_pin(DEFAULT_PIN)
    w.wait_page("reviewPage")
    w.click("confirmButton")
    w.wait_page("donePage")
    w.click("finishButton")  # kiosk: ready for the next person
    w.wait_page("startPage")
    state = w.window.journey.state
    assert state.step is Step.START and state.account is None and state.link is None
    assert "mfa.user@nhs.net" not in w.text("reviewAccountEmail")


def test_card_removed_at_the_pin_and_names_that_differ(wizard: Wizard) -> None:
    w = wizard("mismatch")
    to_pin_dialog(w)
    w.remove()
    w.wait_page("insertCardPage")
    assert w.window.pin_dialog is None
    assert "removed" in w.text("cardStatus")
    w.shot("card-removed")
    w.insert()
    w.wait_page("cardPage")  # the sign-in was kept
    w.click("cardContinueButton")
    w.enter_pin(DEFAULT_PIN)
    w.wait_page("reviewPage")
    assert mismatch_shown(w)
    w.shot("names-differ")
    w.click("reviewCancelButton")
    w.wait_page("accountPage")


def test_aup_not_accepted_stops_before_the_card(wizard: Wizard) -> None:
    w = wizard("noaup")
    assert w.sign_in_to_account() == "blockedPage"
    assert "Acceptable Use Policy" in w.text("blockerTitle")
    w.shot("aup")
    w.click("blockerLinkButton")
    assert w.opened and w.opened[0].endswith("/aup")


def test_locked_card(wizard: Wizard) -> None:
    w = wizard("locked")
    assert w.sign_in_to_account() == "accountPage"
    w.click("accountContinueButton")
    w.insert()
    w.wait_page("cardPage")
    wait_until(lambda: w.window.journey.state.card_stop is not None, 10, "the card stop")
    assert "locked" in w.text("cardStopMessage")  # known from the token, before any PIN
    assert not w.window.findChild(QPushButton, "cardContinueButton").isVisible()  # type: ignore[union-attr]
    w.shot("locked")
    w.click("cardStopLinkButton")
    assert w.opened == [w.window.journey.settings.self_service_unlock_url]


def test_unknown_identity_with_two_cards_in_two_readers(wizard: Wizard) -> None:
    w = wizard("unknown")
    assert w.sign_in_to_account() == "accountPage"
    w.insert("unknown", 0)
    w.insert("locked", 1)
    wait_until(lambda: sum(r.has_card for r in w.window.journey.state.readers) == 2)
    w.click("accountContinueButton")
    w.wait_page("insertCardPage")
    # Each card is told apart by its Care Identity number and card serial, not the reader.
    wait_until(lambda: "NHS Care Identity" in w.text("reader_1"), 15, "the cards told apart")
    assert "NHS Care Identity 1020 4884 3989, card " in w.text("reader_0")
    assert "NHS Care Identity 1020 4884 3987, card " in w.text("reader_1")
    assert w.window.journey.state.reader_choice_needed
    w.shot("two-readers")
    w.click("useReaderButton_0")
    w.wait_page("cardPage")
    w.click("cardContinueButton")
    w.enter_pin(DEFAULT_PIN)
    w.wait_page("errorPage")
    error = w.window.journey.state.error
    assert error is not None and error.code == "identity_unknown" and not error.retry_allowed
    w.shot("unknown")


def test_expired_card_certificate(wizard: Wizard) -> None:
    w = wizard("expired")
    assert w.sign_in_to_account() == "accountPage"
    w.click("accountContinueButton")
    w.insert()
    w.wait_page("cardPage")
    assert "expired on" in w.text("cardStopMessage")  # the card page stops, with the next step
    assert "Registration Authority" in w.text("cardStopAction")
    assert not w.window.findChild(QPushButton, "cardContinueButton").isVisible()  # type: ignore[union-attr]
    w.shot("expired-card")


def test_card_already_linked_to_someone_else(wizard: Wizard, tmp_path: Path) -> None:
    w = wizard("linked")
    to_pin_dialog(w)
    w.enter_pin(DEFAULT_PIN)
    w.wait_page("errorPage")
    error = w.window.journey.state.error
    assert error is not None and error.code == "already_linked" and not error.retry_allowed
    assert w.text("errorTitle") == "Your smartcard is already linked"  # which side, and to whom
    assert "another NHSmail account (" in w.text("errorMessage")
    w.shot("already-linked")
    # "Save diagnostics…" on the error page writes the report where the user chose
    page = w.window.findChild(ErrorPage)
    assert page is not None
    target = tmp_path / "report.json"
    page.diagnostics.choose_path = lambda _parent, _title: str(target)
    w.click("errorSaveDiagnostics")
    wait_until(lambda: w.text("errorDiagnosticsStatus").startswith("Diagnostics saved"), 15)
    report = json.loads(target.read_text(encoding="utf-8"))
    validate(report)
    [token] = report["tokens"]
    assert token["certificate"]["care_identity"] == "********3986"  # the linked person's card
    assert token["pin"]["locked"] is False


def test_disabled_account_cannot_sign_in(wizard: Wizard) -> None:
    w = wizard("disabled")
    assert w.sign_in_to_account() == "errorPage"
    error = w.window.journey.state.error
    assert error is not None and not error.retry_allowed  # signing in again cannot help
    assert not w.window.findChild(QPushButton, "retryButton").isVisible()  # type: ignore[union-attr]
    assert "disabled" in w.text("errorTitle")
    assert "re-enable" in w.text("errorAction") and "AADSTS" not in w.text("errorMessage")
    assert "AADSTS50057" in w.text("errorCode")
    w.shot("signin-refused")
