"""Drives the real wizard as a person would: click by objectName, type, insert cards.

Shared by the app's unattended ``self-test`` and the end-to-end tests, so both walk
the journey the same way. Uses QtTest (no pytest needed): waits pump the Qt event
loop until a condition holds or a timeout passes, never a fixed sleep.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from linker_sandbox.cards.virtual_card import CardSpec
from linker_sandbox.drivers.browser import ScriptedBrowser
from linker_sandbox.world import SandboxWorld
from smartcard_linker.ui.main_window import MainWindow
from smartcard_linker.ui.pin_dialog import PinDialog
from smartcard_linker.ui.screenshot import save_png

AtPage = Callable[[str, PinDialog | None], None]


class DriverTimeout(AssertionError):
    """The wizard did not reach the expected state in time."""


def wait_until(condition: Callable[[], bool], timeout_s: float = 10.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise DriverTimeout(f"timed out after {timeout_s:g} s waiting for {what or condition}")
        QTest.qWait(10)
    QCoreApplication.processEvents()


@dataclass
class WizardDriver:
    world: SandboxWorld
    window: MainWindow
    person: str
    browser: ScriptedBrowser
    opened: list[str] = field(default_factory=list)
    screenshots: Path | None = None
    shots: int = 0

    # ---- looking
    def page(self) -> str:
        current = self.window.stack.currentWidget()
        return current.objectName() if current is not None else ""

    def wait_page(self, *names: str, timeout_s: float = 30) -> str:
        wait_until(lambda: self.page() in names, timeout_s, f"page {' or '.join(names)}")
        return self.page()

    def text(self, name: str, root: QWidget | None = None) -> str:
        label = (root or self.window).findChild(QLabel, name)
        assert label is not None, name
        return label.text()

    def shot(self, name: str, widget: QWidget | None = None) -> Path | None:
        if self.screenshots is None:
            return None
        self.shots += 1
        safe = re.sub(r"[^a-z0-9-]+", "-", f"{self.person}-{self.shots:02d}-{name}".lower())
        return save_png(widget or self.window, self.screenshots / f"{safe}.png")

    # ---- doing
    def click(self, name: str, root: QWidget | None = None) -> None:
        button = (root or self.window).findChild(QPushButton, name)
        assert button is not None, name
        wait_until(lambda: button.isVisible() and button.isEnabled(), 10, f"button {name}")
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    def type_text(self, widget: QWidget, text: str) -> None:
        QTest.keyClicks(widget, text)

    def pin_dialog(self, timeout_s: float = 15) -> PinDialog:
        wait_until(
            lambda: self.window.pin_dialog is not None and self.window.pin_dialog.isVisible(),
            timeout_s,
            "the PIN dialog",
        )
        dialog = self.window.pin_dialog
        assert dialog is not None
        return dialog

    def enter_pin(self, pin: str) -> None:
        dialog = self.pin_dialog()
        self.type_text(dialog.field, pin)
        self.click("pinContinueButton", dialog)

    def insert(self, who: str | CardSpec | None = None, reader: int = 0) -> None:
        assert self.world.rig is not None
        self.world.rig.insert(who or self.person, reader)

    def remove(self, reader: int = 0) -> None:
        assert self.world.rig is not None
        self.world.rig.remove(reader)

    def sign_in_to_account(self) -> str:
        wait_until(lambda: self.window.journey.state.ready, 30, "the readiness check")
        self.click("startButton")
        return self.wait_page("accountPage", "blockedPage", "errorPage")

    def error_text(self) -> str:
        """The error page's title, code and message (or which page is up instead)."""
        if self.page() != "errorPage":
            return f"page {self.page()}"
        return f"{self.text('errorTitle')} ({self.text('errorCode')}): {self.text('errorMessage')}"

    def expect(self, page: str, wanted: str, what: str) -> None:
        assert page == wanted, f"{what}: {self.error_text()}"

    def link_journey(self, pin: str, at: AtPage | None = None) -> str:
        """The whole journey on the happy path, as a person clicks and types it: sign in,
        account, insert the card, PIN, review, confirm. Returns the reference shown.

        ``at(page, dialog)`` runs as each of start, account, insert-card, card, pin (with
        the PIN dialog, the PIN typed), review and done is up, and at pin-entered right
        after Continue in the PIN dialog: shots and checks."""
        at = at or (lambda _page, _dialog: None)
        at("start", None)
        self.expect(self.sign_in_to_account(), "accountPage", "sign-in ended elsewhere")
        at("account", None)
        self.click("accountContinueButton")
        self.wait_page("insertCardPage")
        at("insert-card", None)
        self.insert()
        self.expect(self.wait_page("cardPage", "errorPage"), "cardPage", "card not accepted")
        at("card", None)
        self.click("cardContinueButton")
        dialog = self.pin_dialog()
        self.type_text(dialog.field, pin)
        at("pin", dialog)
        self.click("pinContinueButton", dialog)
        at("pin-entered", dialog)  # the dialog has just handed the PIN over
        page = self.wait_page("reviewPage", "errorPage")
        self.expect(page, "reviewPage", "link request refused")
        at("review", None)
        self.click("confirmButton")
        self.expect(self.wait_page("donePage", "errorPage"), "donePage", "confirm failed")
        at("done", None)
        return self.text("referenceLabel")
