"""Render every page and dialog in Welsh, save a screenshot of each, and report what is wrong:
English left on a Welsh page (checked against the catalogue) and text that does not fit.

    QT_QPA_PLATFORM=offscreen:configfile=tests/ui/screen-1080p.json QT_SCALE_FACTOR=2 \\
        .venv/bin/python -m tests.ui.render_welsh --out artifacts/screenshots/cy-200

Run in-process by tests/ui/test_welsh.py at 100 % and as this script at 200 % (Qt's scale
factor is fixed when the application starts). Prints a JSON object {page: [problems]}; exit
status 1 when there is any.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from smartcard_linker.flow.state import JourneyState
from smartcard_linker.ui.crash import CrashReporter
from smartcard_linker.ui.executor import QtExecutor
from smartcard_linker.ui.i18n import set_language
from smartcard_linker.ui.main_window import MainWindow
from smartcard_linker.ui.screenshot import save_png
from smartcard_linker.ui.style import apply_style
from tests.ui.page_states import DATA, STATES
from tests.ui.states import journey
from tests.ui.words import Catalogue, clipped, english_left, visible_texts

# The app's smallest window (MainWindow.setMinimumSize): Welsh must fit even there.
SMALLEST = (720, 600)
SHOTS = ("start", "busy", "signing in", "account", "blocked", "insert two readers", "card",
         "review", "done", "pin", "error pin_locked", "error signin_network")  # fmt: skip


def _settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def render_all(app: QApplication, out: Path, language: str = "cy") -> dict[str, list[str]]:
    """Every state of page_states in Welsh in the smallest window; problems per page."""
    set_language(language)
    catalogue = Catalogue.load()
    window = MainWindow(journey(), QtExecutor(), open_url=lambda _u: None)
    window.resize(*SMALLEST)
    window.show()
    problems: dict[str, list[str]] = {}

    def check(name: str, root: object) -> None:
        _settle(app)
        found = english_left(visible_texts(window), catalogue, DATA) + clipped(window)
        if found:
            problems[name] = found

    for name, state in STATES.items():
        window.show_state(state)
        check(name, window)
        if name in SHOTS:
            save_png(window, out / f"{name.replace(' ', '-')}.png")
            dialog = window.pin_dialog
            if dialog is not None and dialog.isVisible():
                save_png(dialog, out / f"{name.replace(' ', '-')}-dialog.png")
    window.show_state(JourneyState())
    help_dialog = window.show_help()
    check("help dialog", help_dialog)
    save_png(help_dialog, out / "help-dialog.png")
    help_dialog.close()
    problems.update(_crash_dialog(app, out, catalogue))
    window.close()
    return problems


def _crash_dialog(app: QApplication, out: Path, catalogue: Catalogue) -> dict[str, list[str]]:
    """The crash dialog is modal (exec): read, check and close it from a timer."""
    found: dict[str, list[str]] = {}

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, look)
            return
        _settle(app)
        left = english_left(visible_texts(box), catalogue, DATA)
        if left:
            found["crash dialog"] = left
        save_png(box, out / "crash-dialog.png")
        box.accept()

    QTimer.singleShot(20, look)
    CrashReporter(None)._show("RuntimeError: test", "Traceback: test")
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="artifacts/screenshots/cy-200")
    parser.add_argument("--language", default="cy", help="en-GB: the same checks in English")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    apply_style(app, "light")
    problems = render_all(app, Path(args.out), args.language)
    print(json.dumps(problems, indent=1, ensure_ascii=False))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
