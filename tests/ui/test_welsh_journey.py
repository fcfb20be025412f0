"""The journey in Welsh against the real sandbox: the start page's switch, every page checked
against the English catalogue and saved to artifacts/screenshots/cy-journey/, the sign-in
pages in Welsh, and a switch of language mid-journey that keeps where the person is."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from link_protocol import group_uuid
from linker_sandbox.drivers.wizard_driver import WizardDriver
from linker_sandbox.testdata.people import DEFAULT_PIN, person
from smartcard_linker import __version__
from smartcard_linker.ui.i18n import current_language, set_language
from smartcard_linker.ui.screenshot import save_png
from tests.ui.words import Catalogue, clipped, english_left, visible_texts

Wizard = Callable[..., WizardDriver]
pytestmark = pytest.mark.slow
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots" / "cy-journey"


@pytest.fixture
def english_after(qapp: QApplication) -> Iterator[None]:
    yield
    set_language("en-GB")


def _data(who: str) -> list[str]:
    p = person(who)
    names = [p.username, p.display_name, p.care_identity_name, group_uuid(p.care_identity_uuid)]
    return [*names, "NHSmail", "NHS", "English", "Cymraeg", __version__, "127.0.0.1"]


def _check_welsh(w: WizardDriver, name: str, root: QWidget | None = None) -> None:
    QApplication.processEvents()
    save_png(root or w.window, SHOTS / f"{w.person}-{name}.png")
    shown = visible_texts(root or w.window)
    # the reader's and card's own names come from the sandbox, not from the app
    data = [*_data(w.person), *(r.name for r in w.window.journey.state.readers)]
    assert english_left(shown, Catalogue.load(), data) == [], name
    assert clipped(w.window) == [], name


@pytest.mark.usefixtures("english_after")
def test_the_journey_in_welsh_with_a_switch_midway_that_keeps_the_state(wizard: Wizard) -> None:
    w = wizard("mfa", remember_sign_in=False)
    set_language("en-GB")
    w.click("language_cy")  # the start page's "English | Cymraeg" switch
    assert current_language() == "cy"
    assert w.text("startTitle").startswith("Cysylltu eich Cerdyn Clyfar GIG")
    _check_welsh(w, "01-start")
    assert w.sign_in_to_account() == "accountPage"
    assert any("ui_locales=cy-GB" in url for url in w.browser.visited)
    login = w.browser.pages[0]
    assert "<html lang='cy'>" in login and "Cyfrinair" in login  # the sandbox's sign-in page
    _check_welsh(w, "02-account")
    w.click("accountContinueButton")
    w.wait_page("insertCardPage")
    _check_welsh(w, "03-insert")
    w.insert()
    w.wait_page("cardPage")
    _check_welsh(w, "04-card")

    # mid-journey: English and back; the journey stays exactly where it was
    before = w.window.journey.state
    w.window.switch_language("en-GB")
    assert w.page() == "cardPage" and w.window.journey.state == before
    assert w.text("cardIdentity") == group_uuid(person("mfa").care_identity_uuid)
    assert "Your smartcard" in w.window.windowTitle()
    w.window.switch_language("cy")
    assert w.window.journey.state == before and "Eich cerdyn clyfar" in w.window.windowTitle()

    w.click("cardContinueButton")
    dialog = w.pin_dialog()
    _check_welsh(w, "05-pin", dialog)
    w.enter_pin("999999")
    dialog = w.pin_dialog()
    assert "Ni dderbyniwyd y cod pas" in w.text("pinProblemText", dialog)
    _check_welsh(w, "06-pin-wrong", dialog)
    w.type_text(dialog.field, DEFAULT_PIN)
    w.click("pinContinueButton", dialog)
    w.wait_page("reviewPage")
    _check_welsh(w, "07-review")
    w.click("confirmButton")
    w.wait_page("donePage")
    assert re.fullmatch(r"LNK-[0-9A-Z]{4}-[0-9A-Z]{4}", w.text("referenceLabel"))
    _check_welsh(w, "08-done")
    w.window.show_help()
    help_dialog = w.window.findChild(QWidget, "helpDialog")
    assert help_dialog is not None
    _check_welsh(w, "09-help", help_dialog)
    help_dialog.close()


@pytest.mark.usefixtures("english_after")
def test_a_blocked_account_is_explained_in_welsh(wizard: Wizard) -> None:
    w = wizard("noaup")
    w.window.switch_language("cy")
    assert w.sign_in_to_account() == "blockedPage"
    assert "Polisi Defnydd Derbyniol" in w.text("blockerTitle")
    _check_welsh(w, "01-blocked")
