"""Dev script: render every page of the wizard with the flow's in-memory doubles and save PNGs.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.render_pages --theme dark

Screenshots go to artifacts/screenshots/<theme>/. Not a test: a way to LOOK at each screen.
Themes: light (default), dark, contrast.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from smartcard_linker.flow.journey import Journey
from smartcard_linker.ui.app import show_main_window
from smartcard_linker.ui.main_window import MainWindow
from smartcard_linker.ui.screenshot import save_png
from tests.flow.doubles import FakeServices, FakeToken, Person, reader
from tests.flow.harness import make_settings


def settle(app: QApplication, window: MainWindow) -> None:
    for _ in range(20):
        window.executor.wait_idle()
        app.processEvents()


def open_window(
    app: QApplication, services: FakeServices, theme: str, **settings: object
) -> tuple[MainWindow, Journey]:
    window = show_main_window(
        app,
        make_settings(**settings),
        services,
        None,
        open_url=lambda _url: None,
        theme=theme,
        start_checks=False,
    )
    window.resize(900, 760)
    window.journey.start_up()
    settle(app, window)
    return window, window.journey


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--theme", default="light")
    parser.add_argument("--out", default="artifacts/screenshots")
    args = parser.parse_args()
    out = Path(args.out) / args.theme
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    shots: list[Path] = []

    def shot(window: MainWindow, name: str) -> None:
        settle(app, window)
        shots.append(save_png(window, out / f"{len(shots) + 1:02d}-{name}.png"))
        dialog = window.pin_dialog
        if dialog is not None and dialog.isVisible():
            shots.append(save_png(dialog, out / f"{len(shots) + 1:02d}-{name}-dialog.png"))

    # the whole journey
    services = FakeServices()
    window, journey = open_window(app, services, args.theme)
    shot(window, "start")
    services.signin.block_until_cancel = True
    journey.begin()
    app.processEvents()
    shot_window = window
    shots.append(save_png(shot_window, out / f"{len(shots) + 1:02d}-signing-in.png"))
    journey.cancel()
    settle(app, window)
    services.signin.block_until_cancel = False
    journey.begin()
    shot(window, "account")
    journey.continue_to_card()
    shot(window, "card")
    journey.continue_to_pin()
    shot(window, "pin")
    journey.submit_pin(bytearray(b"000000"))
    shot(window, "pin-wrong")
    journey.submit_pin(bytearray(b"111111"))
    shot(window, "pin-final-try")
    journey.submit_pin(bytearray(b"123456"))
    shot(window, "review")
    journey.confirm()
    shot(window, "done")
    window.close()

    # readiness problems
    broken = FakeServices(readers=[])
    broken.access.module_missing = True
    broken.portal_double.down = True
    window, journey = open_window(app, broken, args.theme)
    shot(window, "start-not-ready")
    window.close()

    # AUP not accepted; names mismatch; two readers; locked; PIN pad
    window, journey = open_window(app, FakeServices(person=Person(aup=False)), args.theme)
    journey.begin()
    shot(window, "blocked-aup")
    window.close()

    two = FakeServices(readers=[reader("Reader A", card=True), reader("Reader B", card=True)])
    window, journey = open_window(app, two, args.theme)
    journey.begin()
    settle(app, window)
    journey.continue_to_card()
    shot(window, "insert-two-readers")
    window.close()

    empty = FakeServices(readers=[reader("Reader A", card=False)])
    window, journey = open_window(app, empty, args.theme)
    journey.begin()
    settle(app, window)
    journey.continue_to_card()
    shot(window, "insert-card")
    window.close()

    locked = FakeServices(tokens={"Reader A": FakeToken("Reader A", tries=0)})
    window, journey = open_window(app, locked, args.theme)
    journey.begin()
    settle(app, window)
    journey.continue_to_card()
    settle(app, window)
    journey.continue_to_pin()
    shot(window, "error-locked")
    window.close()

    pad = FakeServices(readers=[reader("Pad Reader", card=True, pin_pad=True)])
    pad.tokens["Pad Reader"].pad_pin = None
    window, journey = open_window(app, pad, args.theme)
    journey.begin()
    settle(app, window)
    journey.continue_to_card()
    settle(app, window)
    release = threading.Event()
    pad.tokens["Pad Reader"].login = lambda pin: release.wait(10) and None  # type: ignore[method-assign,func-returns-value]
    journey.continue_to_pin()
    for _ in range(20):
        app.processEvents()
        time.sleep(0.02)
    if window.pin_dialog is not None:
        shots.append(save_png(window.pin_dialog, out / f"{len(shots) + 1:02d}-pin-pad.png"))
    release.set()
    window.close()

    mismatch = FakeServices(person=Person(identity_name="Alexandra Smith"))
    window, journey = open_window(app, mismatch, args.theme, product_name="NHS.net Connect")
    journey.begin()
    settle(app, window)
    journey.continue_to_card()
    settle(app, window)
    journey.continue_to_pin()
    settle(app, window)
    journey.submit_pin(bytearray(b"123456"))
    shot(window, "review-names-differ")
    mismatch.portal_double.down = True
    journey.confirm()
    shot(window, "error-network")
    window.close()

    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
