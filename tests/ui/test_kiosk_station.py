"""One running kiosk app, three people in a row, against the real sandbox: nothing of one
person reaches the next — not the card, the sign-in, the browser session, the screen or
the disk.

The app runs in kiosk mode with its own throwaway browser (the sandbox's scripted
browser as a separate process, keeping cookies in the profile the app gives it), so
the provider's records show whether any sign-in brought the last person's session.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from link_protocol import group_uuid
from linker_sandbox.drivers.browser import Action, ScriptedBrowser, write_kiosk_browser
from linker_sandbox.drivers.wizard_driver import WizardDriver, wait_until
from linker_sandbox.testdata import people as sandbox
from linker_sandbox.testdata.people import DEFAULT_PIN, PEOPLE, person
from linker_sandbox.world import SandboxWorld
from smartcard_linker.adapters import build_services
from smartcard_linker.config import Settings
from smartcard_linker.station_counters import FILE_NAME, StationCounters
from smartcard_linker.ui.app import show_main_window
from smartcard_linker.ui.kiosk_timers import KioskTimers
from smartcard_linker.ui.kiosk_window import KioskGuard
from tests.fixtures_ui import SCREENSHOTS, forget_links_made_by_tests

pytestmark = pytest.mark.slow
JWT = re.compile(r"eyJ[\w-]{10,}\.[\w-]{10,}")


@dataclass
class Station:
    driver: WizardDriver
    who: Path
    home: Path
    world: SandboxWorld

    @property
    def window(self):  # type: ignore[no-untyped-def]
        return self.driver.window

    @property
    def timers(self) -> KioskTimers:
        found = self.window.findChild(KioskTimers, "kioskTimers")
        assert found is not None
        return found

    def next_person(self, key: str) -> sandbox.TestPerson:
        self.who.write_text(key, encoding="utf-8")
        self.driver.person = key
        return person(key)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.fixture
def make_station(
    qtbot: QtBot,
    qapp: QApplication,
    journey_world: SandboxWorld,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Callable[..., Station]]:
    """``make_station(action)``: the kiosk app, every per-user folder and the temp folder
    under ``home``; ``action`` is what the person does in the browser."""
    assert journey_world.pki is not None
    made: list[Station] = []
    home = tmp_path / "home"
    for name, sub in (
        ("HOME", ""),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
        ("TMPDIR", "tmp"),
    ):
        (home / sub).mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(name, str(home / sub))
    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again
    who = tmp_path / "next-person"
    who.write_text("ready", encoding="utf-8")

    def make(action: Action = "sign-in") -> Station:
        assert journey_world.pki is not None
        program = write_kiosk_browser(
            tmp_path / f"browser-{action}", journey_world.pki.tls_ca_file, who, action=action
        )
        values = journey_world.app_settings() | {
            "kiosk_mode": True,
            "kiosk_browser": str(program),
            "kiosk_idle_timeout_s": 2,
            "kiosk_done_timeout_s": 600,  # the card leaving ends the session, not this
        }
        settings = Settings(**values)  # type: ignore[arg-type]
        opened: list[str] = []
        window = show_main_window(
            qapp, settings, build_services(settings), None, open_url=opened.append, theme="light"
        )
        unused = ScriptedBrowser(journey_world.pki.tls_ca_file)  # the app starts its own
        driver = WizardDriver(journey_world, window, "ready", unused, opened, SCREENSHOTS)
        made.append(Station(driver, who, home, journey_world))
        made[-1].timers.warning_s = 2
        return made[-1]

    yield make
    for station in made:
        for guard in station.window.findChildren(KioskGuard):
            guard.release()  # as the session's end would: the window closes and shuts down
        station.window.close()
        station.window.deleteLater()
    if journey_world.rig is not None:
        for reader in journey_world.rig.readers:
            journey_world.rig.remove(reader)
    forget_links_made_by_tests(journey_world)


def screen_texts(window: QWidget) -> str:
    """Every string a widget shows or announces (labels, buttons, fields, names)."""
    texts: list[str] = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        texts += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
    return "\n".join(t for t in texts if t)


def traces_of(people: list[sandbox.TestPerson], references: list[str]) -> list[str]:
    found: list[str] = []
    for p in people:
        found += [
            p.username,
            p.display_name,
            p.care_identity_uuid,
            group_uuid(p.care_identity_uuid),
        ]
    return found + references


def assert_nothing_left(
    window: QWidget, people: list[sandbox.TestPerson], references: list[str]
) -> None:
    shown = screen_texts(window)
    for trace in traces_of(people, references):
        assert trace not in shown, trace


def link_with_card(station: Station, key: str) -> str:
    d = station.driver
    d.click("cardContinueButton")
    d.enter_pin(DEFAULT_PIN)
    d.wait_page("reviewPage")
    d.click("confirmButton")
    d.wait_page("donePage")
    reference = d.text("referenceLabel")
    assert reference.startswith("LNK-"), key
    assert "Take your smartcard out" in d.text("kioskNote")
    return reference


def test_three_people_in_a_row_on_one_kiosk(make_station: Callable[..., Station]) -> None:
    station = make_station()
    d, world = station.driver, station.world
    idp = world.idp
    assert idp is not None and world.rig is not None
    before_disk = _snapshot(station.home)
    first_authorization = len(idp.authorizations())
    references: list[str] = []

    # A links and walks away with the card still in the reader.
    a = station.next_person("ready")
    assert d.sign_in_to_account() == "accountPage"
    d.click("accountContinueButton")
    d.wait_page("insertCardPage")
    d.insert("ready", 0)
    d.wait_page("cardPage")
    assert d.text("cardIdentity") == group_uuid(a.care_identity_uuid)
    references.append(d.text("cardSerial"))  # the card's own serial is shown too
    assert references[-1]
    references.append(link_with_card(station, "ready"))
    d.shot("kiosk-done-remove-card")
    d.window.journey.done_timeout()  # what the done countdown does when it reaches zero
    d.wait_page("startPage")
    assert_nothing_left(d.window, [a], references)

    # B is asked to take A's card out, cannot use it, then links their own.
    b = station.next_person("mfa")
    assert d.sign_in_to_account() == "accountPage"
    assert d.text("accountAccountEmail") == b.username
    d.click("accountContinueButton")
    d.wait_page("insertCardPage")
    wait_until(lambda: "Remove the card that is in the reader" in d.text("cardStatus"))
    d.shot("kiosk-remove-previous-card")
    assert d.window.journey.state.selected_reader is None  # A's card was never opened
    assert d.window.pin_dialog is None
    d.remove(0)
    d.insert("mfa", 0)
    d.wait_page("cardPage")
    assert d.text("cardIdentity") == group_uuid(b.care_identity_uuid)
    assert d.text("cardSerial") not in ("", references[0])  # B's own card, not A's
    references.append(d.text("cardSerial"))
    references.append(link_with_card(station, "mfa"))
    d.remove(0)  # B takes the card: that ends B's session at once
    d.wait_page("startPage")
    assert_nothing_left(d.window, [a, b], references)

    # C's card is locked: the card page stops it with the unlock route (no Continue), then C
    # walks away and the station clears itself.
    c = station.next_person("locked")
    assert d.sign_in_to_account() == "accountPage"
    d.click("accountContinueButton")
    d.insert("locked", 1)
    d.wait_page("cardPage")
    stop = d.window.journey.state.card_stop
    assert stop is not None and stop.code == "pin_locked"
    continue_button = d.window.findChild(QAbstractButton, "cardContinueButton")
    assert continue_button is not None and not continue_button.isVisible()
    wait_until(station.timers.warning.isVisible, 15, "the idle warning")
    d.shot("kiosk-idle-warning", station.timers.warning)
    d.wait_page("startPage", timeout_s=15)
    assert_nothing_left(d.window, [a, b, c], references)

    # The provider: each person signed in afresh; no browser brought a session along.
    records = idp.authorizations()[first_authorization:]
    assert [r.prompt for r in records] == ["login"] * 3
    assert not any(r.cookie_sent or r.session_of for r in records), records
    profiles = Path(tempfile.gettempdir()) / "SmartcardLinker-signin"
    assert not profiles.exists() or not any(profiles.iterdir())

    # The station's counters: two links and C's failure, nothing that names anyone.
    counters = StationCounters(station.home / ".local/share/SmartcardLinker" / FILE_NAME)
    assert counters.figures.links_made == 2
    assert sum(counters.figures.failures.values()) >= 1

    # The disk: only the counters file is new, and nothing personal or token-like is kept.
    after_disk = _snapshot(station.home)
    new_files = sorted(set(after_disk) - set(before_disk))
    assert new_files == [f".local/share/SmartcardLinker/{FILE_NAME}"], new_files
    everything = b"\n".join(after_disk.values()).decode("utf-8", "replace")
    for trace in traces_of(list(PEOPLE), references):
        assert trace not in everything, trace
    assert not JWT.search(everything)


def test_idling_at_the_pin_step_resets_after_the_countdown(
    make_station: Callable[..., Station],
) -> None:
    station = make_station()
    d = station.driver
    station.next_person("ready")
    assert d.sign_in_to_account() == "accountPage"
    d.click("accountContinueButton")
    d.insert("ready", 0)
    d.wait_page("cardPage")
    d.click("cardContinueButton")
    d.pin_dialog()
    timers = station.timers
    assert timers.idle_timer.interval() >= 90_000  # the dialog's own timeout holds it off
    timers.idle_timer.start(100)  # that timeout has passed
    wait_until(timers.warning.isVisible, 10, "the idle warning")
    d.wait_page("startPage", timeout_s=15)
    assert d.window.pin_dialog is None  # the dialog went with the reset


def test_idling_while_the_browser_sign_in_is_open_does_not_reset(
    make_station: Callable[..., Station], qtbot: QtBot
) -> None:
    station = make_station("never-finish")  # the page loads; the person reads it slowly
    d = station.driver
    wait_until(lambda: d.window.journey.state.ready, 30, "the readiness check")
    d.click("startButton")
    d.wait_page("busyPage")
    qtbot.wait(5000)  # longer than the idle timeout and its warning together
    assert not station.timers.warning.isVisible()
    assert d.page() == "busyPage"
    profiles = Path(tempfile.gettempdir()) / "SmartcardLinker-signin"
    assert any(profiles.iterdir())  # the sign-in's browser is still open
    d.click("cancelButton")
    d.wait_page("startPage")
    wait_until(lambda: not any(profiles.iterdir()), 10, "the browser profile to go")
