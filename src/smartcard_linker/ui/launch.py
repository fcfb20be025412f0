"""Starts Qt for ``__main__``: application object, crash dialog, services, window, event loop.

Returns Qt's exit code; ``__main__`` turns it into the app's exit code.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from smartcard_linker import __version__
from smartcard_linker.config import LoadedSettings
from smartcard_linker.ui.crash import CrashReporter

log = logging.getLogger("smartcard_linker")


def run_app(loaded: LoadedSettings, *, log_file: Path | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Smartcard Linker")
    app.setApplicationDisplayName("Smartcard Linker")
    app.setOrganizationName("NHS")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(Path(__file__).with_name("resources") / "icon.svg")))
    reporter = CrashReporter(str(log_file) if log_file else None)
    reporter.install()

    from PySide6.QtCore import QLocale

    from smartcard_linker.adapters import build_services
    from smartcard_linker.language import SpokenLanguage, choose
    from smartcard_linker.ui.app import show_main_window

    config_error = "\n".join(str(p) for p in loaded.problems) or None
    language = choose(loaded, QLocale.system().name())
    spoken = SpokenLanguage(language.start)
    window = show_main_window(
        app,
        loaded.settings,
        build_services(loaded.settings, spoken=spoken),
        config_error,
        language=language,
        spoken=spoken,
    )
    # The first event-loop turn: the page is on screen (support reads start-up time in the log;
    # bench/bench_frozen.py times the frozen and the source app by this line).
    QTimer.singleShot(0, lambda w=window: log.info("first page on screen: %s", _page_name(w)))
    code = app.exec()
    del window
    return int(code)


def _page_name(window: QWidget) -> str:
    page = getattr(window, "stack", None)
    current = page.currentWidget() if page is not None else None
    return current.objectName() if current is not None else "?"
