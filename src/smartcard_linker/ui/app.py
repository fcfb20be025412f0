"""The UI's entry: style, executor, journey and window, in the order that paints fastest.

``show_main_window`` puts the first page on screen before any adapter exists;
the readiness check (which builds the card monitor, card access and portal
client on workers) starts from the event loop right after.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from smartcard_linker.config import Settings
from smartcard_linker.flow.journey import Journey
from smartcard_linker.flow.journey_log import JourneyLogger
from smartcard_linker.flow.ports import ServiceFactory
from smartcard_linker.language import LanguageChoice, SpokenLanguage
from smartcard_linker.station_counters import StationCounters, default_counters_path
from smartcard_linker.ui.clipboard import clear_ours
from smartcard_linker.ui.executor import QtExecutor
from smartcard_linker.ui.i18n import install_translations
from smartcard_linker.ui.kiosk_window import ClipboardCleaner, show_kiosk
from smartcard_linker.ui.main_window import MainWindow
from smartcard_linker.ui.style import apply_style, follow_os
from smartcard_linker.ui.widgets import UrlOpener


def show_main_window(
    app: QApplication,
    settings: Settings,
    services: ServiceFactory,
    config_error: str | None,
    *,
    open_url: UrlOpener | None = None,
    theme: str | None = None,
    start_checks: bool = True,
    language: LanguageChoice | None = None,
    spoken: SpokenLanguage | None = None,
) -> MainWindow:
    """Build and show the wizard. ``theme`` forces "light", "dark" or "contrast" (tests);
    ``language`` is where to start and whether a person may switch (default: the OS's)."""
    install_translations(language.start if language else None, spoken)
    apply_style(app, theme)
    if theme is None:
        follow_os(app)
    executor = QtExecutor()
    journey = Journey(settings, services, executor, config_error=config_error)
    journey.subscribe(JourneyLogger())  # the helpdesk's journey log (INFO)
    window = MainWindow(journey, executor, open_url=open_url, language=language)
    app.aboutToQuit.connect(window.shutdown)
    if settings.kiosk_mode:
        show_kiosk(window)
        journey.subscribe(ClipboardCleaner())
        journey.subscribe(StationCounters(default_counters_path()).observe)
        app.aboutToQuit.connect(clear_ours)
    else:
        window.show()
    if start_checks:
        QTimer.singleShot(0, journey.start_up)
    return window
