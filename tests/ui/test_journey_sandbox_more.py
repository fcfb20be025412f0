"""More of the link journey against the real sandbox, clicked and typed as a person would:
final-try stop, card removed and re-inserted, portal down then back, sign-in cancelled
(at the provider and in the app), no web browser (address to copy), quit mid-step, and a
settings problem on the start page. Screenshots go to artifacts/screenshots/e2e/."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from link_portal.admin import list_links
from link_portal.db import make_engine
from linker_sandbox.cards.virtual_card import VirtualCardRig
from linker_sandbox.drivers.wizard_driver import WizardDriver, wait_until
from linker_sandbox.testdata.people import DEFAULT_PIN, person
from linker_sandbox.world import SandboxWorld
from smartcard_linker.adapters import build_services
from smartcard_linker.config import Settings
from smartcard_linker.flow.state import CheckStatus, Step
from smartcard_linker.ui.app import show_main_window
from smartcard_linker.ui.screenshot import save_png
from tests.fixtures_ui import SCREENSHOTS

Wizard = Callable[..., WizardDriver]
pytestmark = pytest.mark.slow


def error_code(w: WizardDriver) -> str:
    error = w.window.journey.state.error
    assert error is not None
    return error.code


def _error_is(w: WizardDriver, code: str) -> bool:
    error = w.window.journey.state.error
    return error is not None and error.code == code


def visible(w: WizardDriver, name: str, root: QWidget | None = None) -> bool:
    widget = (root or w.window).findChild(QWidget, name)
    assert widget is not None, name
    return widget.isVisible()


def authorize_requests(w: WizardDriver) -> int:
    assert w.world.idp is not None
    return w.world.idp.state.counters.get("authorize", 0)


def active_links(world: SandboxWorld, oid: str) -> list[dict[str, object]]:
    engine = make_engine(world.database_url)
    try:
        return [row for row in list_links(engine) if row["oid"] == oid]
    finally:
        engine.dispose()


def listener_port(url: str) -> int:
    """The app's loopback listener port, from the redirect_uri in an authorize URL."""
    redirect = parse_qs(urlsplit(url).query)["redirect_uri"][0]
    port = urlsplit(redirect).port
    assert port is not None
    return port


def port_closed(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def app_threads(baseline: set[threading.Thread]) -> list[threading.Thread]:
    """Python threads alive now that were not before (Qt pool threads show as dummies)."""
    return [
        t
        for t in threading.enumerate()
        if t not in baseline and t.is_alive() and not isinstance(t, threading._DummyThread)
    ]


def to_insert_page(w: WizardDriver) -> VirtualCardRig:
    """Signed in, on "Insert your smartcard"; the sandbox's card rig."""
    rig = w.world.rig
    assert rig is not None and w.sign_in_to_account() == "accountPage"
    w.click("accountContinueButton")
    w.wait_page("insertCardPage")
    return rig


def to_card_page(w: WizardDriver) -> None:
    assert w.sign_in_to_account() == "accountPage"
    w.click("accountContinueButton")
    w.insert()
    w.wait_page("cardPage")


# ---------------------------------------------------------------------------- card
def test_final_try_stop_uses_no_third_try(wizard: Wizard) -> None:
    w = wizard("ready")
    to_card_page(w)
    w.click("cardContinueButton")
    dialog = w.pin_dialog()
    assert w.text("pinTriesLabel", dialog) == "You have 3 tries left."  # read from the card
    assert w.text("pinRules", dialog) == "NHS Smartcard passcodes have 6 to 8 characters."
    w.enter_pin("999999")
    dialog = w.pin_dialog()
    wait_until(lambda: "not accepted" in w.text("pinProblemText", dialog), 15, "first refusal")
    assert w.text("pinTriesLabel", dialog) == "You have 2 tries left."
    assert not visible(w, "pinFinalTryWarning", dialog)
    w.enter_pin("999998")
    wait_until(
        lambda: (
            w.window.pin_dialog is not None
            and w.window.pin_dialog is not dialog
            and w.window.pin_dialog.isVisible()
        ),
        15,
        "the PIN dialog after the second wrong PIN",
    )
    dialog = w.pin_dialog()
    assert visible(w, "pinFinalTryWarning", dialog) and visible(w, "pinStopButton", dialog)
    w.shot("pin-final-try", dialog)
    w.click("pinStopButton", dialog)
    w.wait_page("errorPage")
    assert error_code(w) == "pin_stopped"
    assert not visible(w, "retryButton")
    w.shot("pin-stopped")
    w.click("errorLinkButton")
    assert w.opened == [w.window.journey.settings.self_service_unlock_url]

    # The card is untouched: read again, it is still on its final try, not locked.
    w.click("startAgainButton")
    w.wait_page("accountPage")
    w.click("accountContinueButton")
    w.wait_page("cardPage")
    w.click("cardContinueButton")
    dialog = w.pin_dialog()
    assert visible(w, "pinFinalTryWarning", dialog)
    state = w.window.journey.state
    assert state.pin is not None and state.pin.final_try and not state.pin.policy.locked
    w.click("pinCancelButton", dialog)
    w.wait_page("cardPage")


def test_retired_series_and_foreign_ca_cards_are_refused_before_any_pin(wizard: Wizard) -> None:
    w = wizard("ready")
    rig = w.world.rig
    assert rig is not None and w.sign_in_to_account() == "accountPage"
    jcop41 = bytes.fromhex("3BF91800008131FE454A434F503431563232AF")  # NHS CIS, Series 4-6
    w.insert(rig.card_for("ready").with_atr(jcop41))
    w.click("accountContinueButton")
    w.wait_page("errorPage")
    assert error_code(w) == "card_series_retired" and w.window.pin_dialog is None
    assert "Registration Authority for a replacement" in w.text("errorAction")
    w.shot("card-series-retired")
    w.insert(rig.card_for("ready", state="wrong-ca"))  # a PIV card from another CA
    w.click("retryButton")
    wait_until(lambda: _error_is(w, "card_not_nhs"), 15, "the foreign card refused")
    assert w.page() == "errorPage"
    assert w.window.pin_dialog is None
    w.shot("card-not-nhs")
    # Take the foreign card out of reader 0 and wait until the app has seen it go, so the
    # retry below cannot read it: swapping cards in one reader is otherwise a race.
    w.remove(0)
    wait_until(lambda: not w.window.journey.state.readers[0].has_card, 15, "reader 0 empty")
    w.insert(rig.card_for("ready", state="wrong-ca"), 1)  # the foreign card, beside...
    w.insert()  # ...an NHS Smartcard: the foreign one is ignored, no choice asked
    wait_until(lambda: all(r.has_card for r in w.window.journey.state.readers), 15, "two cards")
    w.click("retryButton")
    w.wait_page("cardPage")
    assert w.text("cardIdentity") == "1020 4884 3983"
    assert w.window.journey.state.selected_reader == rig.readers[0].name


def test_second_card_inserted_while_reading_is_ignored(wizard: Wizard) -> None:
    w = wizard("ready")
    rig = to_insert_page(w)
    rig.insert("ready", 0, wait=False)
    wait_until(lambda: w.window.journey.state.selected_reader is not None, 15, "reading")
    rig.insert("mfa", 1, wait=False)  # while the first card is being read
    w.wait_page("cardPage", timeout_s=15)
    assert w.text("cardIdentity") == "1020 4884 3983"  # the card being read, not the new one
    assert w.text("cardKind") == "NHS Smartcard (IDEMIA)"  # NHS by certificate, IDEMIA by ATR
    assert w.window.journey.state.selected_reader == rig.readers[0].name


def test_stopped_smartcard_service_is_named_not_the_reader(wizard: Wizard) -> None:
    w = wizard("ready")
    rig = to_insert_page(w)
    rig.pcscd.stop()
    try:
        wait_until(lambda: "smartcard service" in w.text("cardStatus"), 15, "the service named")
        assert "Connect your smartcard reader" not in w.text("cardStatus")
        checks = {c.key: c for c in w.window.journey.state.readiness}
        assert checks["service"].status is CheckStatus.FAILED
        assert checks["reader"].status is CheckStatus.SKIPPED
        w.shot("service-stopped")
    finally:
        rig.pcscd.start()
        rig.pcscd.wait_readers_listening()
    wait_until(lambda: "Put your smartcard" in w.text("cardStatus"), 15, "readers back")
    checks = {c.key: c for c in w.window.journey.state.readiness}
    assert checks["service"].status is checks["reader"].status is CheckStatus.OK


def test_card_removed_at_the_card_page_and_reinserted_links_without_signing_in_again(
    wizard: Wizard,
) -> None:
    w = wizard("ready")
    before = authorize_requests(w)
    to_card_page(w)
    assert authorize_requests(w) == before + 1
    w.remove()
    w.wait_page("insertCardPage")
    wait_until(lambda: "removed" in w.text("cardStatus"), 10, "the removed message")
    assert w.window.journey.state.account is not None  # still signed in
    w.shot("card-removed-at-card")
    w.insert()
    w.wait_page("cardPage")
    w.click("cardContinueButton")
    w.pin_dialog()
    w.remove()  # and once more while the PIN dialog is open
    w.wait_page("insertCardPage")
    wait_until(lambda: w.window.pin_dialog is None, 5, "the PIN dialog to close")
    w.insert()
    w.wait_page("cardPage")
    w.click("cardContinueButton")
    w.enter_pin(DEFAULT_PIN)
    w.wait_page("reviewPage")
    w.click("confirmButton")
    w.wait_page("donePage")
    assert authorize_requests(w) == before + 1, "one browser sign-in for the whole journey"
    assert len(w.browser.visited) >= 1 and w.browser.visited[0].startswith(
        w.window.journey.settings.authority
    )
    assert len(active_links(w.world, person("ready").oid)) == 1


# ---------------------------------------------------------------------------- portal
def test_portal_down_at_confirm_then_back_links_once(wizard: Wizard) -> None:
    w = wizard("mfa")
    to_card_page(w)
    w.click("cardContinueButton")
    w.enter_pin(DEFAULT_PIN)
    w.wait_page("reviewPage")
    oid = person("mfa").oid
    w.world.stop_portal()
    try:
        w.click("confirmButton")
        w.wait_page("errorPage")
        assert error_code(w) == "network"
        assert visible(w, "retryButton")
        w.shot("portal-down")
        assert active_links(w.world, oid) == []
    finally:
        w.world.restart_portal()
    w.click("retryButton")
    w.wait_page("donePage")
    links = active_links(w.world, oid)
    assert len(links) == 1
    assert links[0]["reference"] == w.text("referenceLabel")
    w.shot("portal-back-done")


# ---------------------------------------------------------------------------- sign-in
def test_sign_in_cancelled_at_the_provider_then_signed_in(wizard: Wizard) -> None:
    w = wizard("ready")
    w.browser.action = "cancel"
    assert w.sign_in_to_account() == "errorPage"
    assert error_code(w) == "signin_cancelled_at_provider"
    assert "cancelled" in w.text("errorTitle").lower()
    retry = w.window.findChild(QPushButton, "retryButton")
    assert retry is not None and retry.isVisible() and retry.text() == "Sign in again"
    w.shot("signin-cancelled")
    w.browser.action = "sign-in"
    w.click("retryButton")
    w.wait_page("accountPage")
    assert w.text("accountAccountEmail") == "ready.user@nhs.net"


def test_cancel_while_waiting_for_the_browser_leaves_no_listener(wizard: Wizard) -> None:
    w = wizard("ready")
    w.browser.action = "never-finish"
    wait_until(lambda: w.window.journey.state.ready, 30, "the readiness check")
    w.click("startButton")
    w.wait_page("busyPage")
    wait_until(lambda: bool(w.browser.visited), 15, "the browser to load the sign-in page")
    port = listener_port(w.browser.visited[0])
    assert not port_closed(port)
    w.shot("signin-waiting")
    # the sign-in would wait signin_timeout_s (300 s): back at the start well before that
    w.click("cancelButton")
    w.wait_page("startPage", timeout_s=15)
    wait_until(lambda: w.window.executor.active_threads() == 0, 15, "the sign-in worker to end")
    assert port_closed(port)
    assert w.window.journey.state.error is None


def test_no_browser_shows_the_address_to_copy_and_the_sign_in_finishes(wizard: Wizard) -> None:
    w = wizard("ready", open_browser=lambda _url: False)
    wait_until(lambda: w.window.journey.state.ready, 30, "the readiness check")
    w.click("startButton")
    field = w.window.findChild(QLineEdit, "signInUrlField")
    assert field is not None
    wait_until(lambda: field.isVisible() and bool(field.text()), 15, "the address to copy")
    assert field.isReadOnly()
    assert field.text().startswith(w.window.journey.settings.authority)
    assert "did not open" in w.text("signInHintText")
    w.shot("no-browser")
    w.click("copySignInUrlButton")
    copied = QGuiApplication.clipboard().text()
    assert copied == field.text()
    w.browser(copied)  # the person pastes it into a browser and signs in
    w.wait_page("accountPage")
    assert w.text("accountAccountEmail") == "ready.user@nhs.net"
    assert port_closed(listener_port(copied))


# ---------------------------------------------------------------------------- quitting
@pytest.mark.parametrize("where", ["browser-sign-in", "no-browser-wait"])
def test_quit_mid_step_leaves_no_thread(wizard: Wizard, where: str) -> None:
    baseline = set(threading.enumerate())
    if where == "browser-sign-in":
        w = wizard("ready")
        w.browser.action = "never-finish"
    else:
        w = wizard("ready", open_browser=lambda _url: False)
    wait_until(lambda: w.window.journey.state.ready, 30, "the readiness check")
    assert any(t.name == "card-monitor" for t in app_threads(baseline))
    w.click("startButton")
    if where == "browser-sign-in":
        wait_until(lambda: bool(w.browser.visited), 15, "the browser to load the sign-in page")
        url = w.browser.visited[0]
    else:
        field = w.window.findChild(QLineEdit, "signInUrlField")
        assert field is not None
        wait_until(lambda: bool(field.text()), 15, "the address to copy")
        url = field.text()
    assert w.window.journey.state.step is Step.SIGNING_IN
    assert w.window.executor.active_threads() >= 1  # a worker waits for the sign-in
    w.window.close()  # returns without waiting for the sign-in (which would take 300 s)
    w.browser.join(5)
    assert w.window.executor.active_threads() == 0
    assert QThreadPool.globalInstance().activeThreadCount() == 0
    assert app_threads(baseline) == []
    assert port_closed(listener_port(url))


# ---------------------------------------------------------------------------- settings
def test_settings_problem_is_shown_on_the_start_page(
    qtbot: QtBot, qapp: QApplication, journey_world: SandboxWorld
) -> None:
    settings = Settings(**journey_world.app_settings())  # type: ignore[arg-type]
    problem = "config.toml: portal_url must be an https URL (got 'http://portal.example')"
    window = show_main_window(
        qapp, settings, build_services(settings), problem, open_url=lambda _u: None, theme="light"
    )
    qtbot.addWidget(window)  # closed and deleted at teardown, before the app goes
    try:
        window.resize(900, 760)
        wait_until(
            lambda: all(c.status.value != "checking" for c in window.journey.state.readiness),
            30,
            "the readiness check",
        )
        banner = window.findChild(QWidget, "configProblem")
        assert banner is not None and banner.isVisible()
        text = window.findChild(QWidget, "configProblemText")
        assert text is not None and problem in text.text()  # type: ignore[attr-defined]
        start = window.findChild(QPushButton, "startButton")
        assert start is not None and not start.isEnabled()
        assert not window.journey.state.ready
        save_png(window, SCREENSHOTS / "settings-problem-start.png")
        start.click()  # nothing happens: the journey cannot begin
        assert window.journey.state.step is Step.START
    finally:
        window.close()
