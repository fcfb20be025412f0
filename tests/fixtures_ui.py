"""Pytest plugin: the wizard on the real sandbox (identity provider, portal, virtual cards).

Fixtures:
- ``journey_world``: a ``SandboxWorld`` for the session on the card tests' private pcscd.
- ``wizard``: ``wizard(person="ready", **settings)`` → a ``WizardDriver``: the real window
  with the real adapters (``build_services``) and a scripted browser that signs ``person``
  in; it clicks by objectName, types the PIN, inserts/removes cards and takes screenshots.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from linker_sandbox.browser import ScriptedBrowser
from linker_sandbox.pcscd import PrivatePcscd
from linker_sandbox.world import SandboxWorld
from smartcard_linker.config import Settings
from smartcard_linker.services import build_services
from smartcard_linker.ui.app import show_main_window
from smartcard_linker.ui.main_window import MainWindow
from smartcard_linker.ui.pin_dialog import PinDialog
from smartcard_linker.ui.screenshot import save_png

SCREENSHOTS = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots" / "e2e"


@dataclass
class WizardDriver:
    qtbot: QtBot
    world: SandboxWorld
    window: MainWindow
    person: str
    browser: ScriptedBrowser
    opened: list[str] = field(default_factory=list)
    shots: int = 0

    # ---- looking
    def page(self) -> str:
        return self.window.stack.currentWidget().objectName()

    def wait_page(self, *names: str, timeout_s: float = 30) -> str:
        self.qtbot.waitUntil(lambda: self.page() in names, timeout=int(timeout_s * 1000))
        return self.page()

    def text(self, name: str, root: QWidget | None = None) -> str:
        label = (root or self.window).findChild(QLabel, name)
        assert label is not None, name
        return label.text()

    def shot(self, name: str, widget: QWidget | None = None) -> Path:
        self.shots += 1
        safe = re.sub(r"[^a-z0-9-]+", "-", f"{self.person}-{self.shots:02d}-{name}".lower())
        return save_png(widget or self.window, SCREENSHOTS / f"{safe}.png")

    # ---- doing
    def click(self, name: str, root: QWidget | None = None) -> None:
        button = (root or self.window).findChild(QPushButton, name)
        assert button is not None, name
        self.qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled(), timeout=10_000)
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def pin_dialog(self, timeout_s: float = 15) -> PinDialog:
        self.qtbot.waitUntil(
            lambda: self.window.pin_dialog is not None and self.window.pin_dialog.isVisible(),
            timeout=int(timeout_s * 1000),
        )
        dialog = self.window.pin_dialog
        assert dialog is not None
        return dialog

    def enter_pin(self, pin: str) -> None:
        dialog = self.pin_dialog()
        self.qtbot.keyClicks(dialog.field, pin)
        self.click("pinContinueButton", dialog)

    def insert(self, who: str | None = None, reader: int = 0) -> None:
        assert self.world.rig is not None
        self.world.rig.insert(who or self.person, reader)

    def remove(self, reader: int = 0) -> None:
        assert self.world.rig is not None
        self.world.rig.remove(reader)

    def sign_in_to_account(self) -> str:
        self.qtbot.waitUntil(lambda: self.window.journey.state.ready, timeout=30_000)
        self.click("startButton")
        return self.wait_page("accountPage", "blockedPage", "errorPage")


@pytest.fixture(scope="session")
def journey_world(
    private_pcscd: PrivatePcscd, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SandboxWorld]:
    with SandboxWorld(tmp_path_factory.mktemp("journey-world"), pcscd=private_pcscd) as world:
        yield world


@pytest.fixture
def wizard(
    qtbot: QtBot, qapp: QApplication, journey_world: SandboxWorld
) -> Iterator[Callable[..., WizardDriver]]:
    made: list[WizardDriver] = []

    def make(person: str = "ready", **overrides: object) -> WizardDriver:
        assert journey_world.pki is not None
        browser = ScriptedBrowser(journey_world.pki.tls_ca_file, user=person)
        settings = Settings(**(journey_world.app_settings() | overrides))  # type: ignore[arg-type]
        opened: list[str] = []
        window = show_main_window(
            qapp,
            settings,
            build_services(settings, open_browser=browser),
            None,
            open_url=opened.append,
            theme="light",
        )
        window.resize(900, 760)
        driver = WizardDriver(qtbot, journey_world, window, person, browser, opened)
        made.append(driver)
        return driver

    yield make
    for driver in made:
        driver.window.close()
        driver.browser.join(5)
    if journey_world.rig is not None:
        for reader in journey_world.rig.readers:
            journey_world.rig.remove(reader)
