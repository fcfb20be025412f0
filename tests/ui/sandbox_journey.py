"""Dev script: the real journey against the local sandbox (identity provider, portal,
private pcscd, virtual card) with the real adapters, clicked through the wizard.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.sandbox_journey [--person ready]

Screenshots go to artifacts/screenshots/sandbox/. Exit code 0 only if a link was made.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from linker_sandbox.drivers.browser import ScriptedBrowser
from linker_sandbox.testdata.people import DEFAULT_PIN
from linker_sandbox.world import SandboxWorld
from smartcard_linker.adapters import build_services
from smartcard_linker.config import Settings
from smartcard_linker.ui.app import show_main_window
from smartcard_linker.ui.main_window import MainWindow
from smartcard_linker.ui.screenshot import save_png


def wait_until(
    app: QApplication, check: Callable[[], bool], what: str, timeout: float = 30
) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        app.processEvents()
        if check():
            return
        time.sleep(0.02)
    raise TimeoutError(f"waited {timeout:g} s for {what}")


def click(window: QWidget, name: str) -> None:
    button = window.findChild(QPushButton, name)
    assert button is not None and button.isVisible() and button.isEnabled(), name
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def page(window: MainWindow) -> str:
    return window.stack.currentWidget().objectName()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--person", default="ready")
    parser.add_argument("--out", default="artifacts/screenshots/sandbox")
    args = parser.parse_args()
    out = Path(args.out)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    with SandboxWorld(Path(tempfile.mkdtemp(prefix="journey-"))) as world:
        assert world.pki is not None and world.rig is not None
        browser = ScriptedBrowser(world.pki.tls_ca_file, user=args.person)
        settings = Settings(**world.app_settings())  # type: ignore[arg-type]
        opened: list[str] = []
        window = show_main_window(
            app,
            settings,
            build_services(settings, open_browser=browser),
            None,
            open_url=opened.append,
            theme="light",
        )
        window.resize(900, 760)
        n = 0

        def shot(name: str, widget: QWidget | None = None) -> None:
            nonlocal n
            n += 1
            save_png(widget or window, out / f"{n:02d}-{name}.png")

        started = time.monotonic()
        wait_until(app, lambda: window.journey.state.ready, "readiness checks")
        print(f"ready after {time.monotonic() - started:.2f} s")
        shot("start")
        click(window, "startButton")
        wait_until(app, lambda: page(window) in ("accountPage", "blockedPage"), "sign-in")
        shot("account")
        if page(window) == "blockedPage":
            print("blocked:", window.findChild(QLabel, "blockerTitle").text())  # type: ignore[union-attr]
            window.close()
            return 1
        click(window, "accountContinueButton")
        shot("insert")
        world.rig.insert(args.person, 0)
        wait_until(app, lambda: page(window) == "cardPage", "card read")
        shot("card")
        click(window, "cardContinueButton")
        wait_until(app, lambda: window.pin_dialog is not None, "PIN dialog")
        dialog = window.pin_dialog
        assert dialog is not None
        QTest.keyClicks(dialog.field, DEFAULT_PIN)
        shot("pin", dialog)
        click(dialog, "pinContinueButton")
        wait_until(app, lambda: page(window) in ("reviewPage", "errorPage"), "link request")
        shot("review")
        if page(window) == "errorPage":
            print("error:", window.journey.state.error)
            window.close()
            return 1
        click(window, "confirmButton")
        wait_until(app, lambda: page(window) in ("donePage", "errorPage"), "confirm")
        shot("done")
        reference = window.findChild(QLabel, "referenceLabel")
        print("page:", page(window), "reference:", reference.text() if reference else None)
        print(f"journey took {time.monotonic() - started:.2f} s")
        ok = page(window) == "donePage"
        window.close()
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
