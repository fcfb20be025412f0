"""Load translations for the system locale, when any are shipped.

Strings are marked with ``tr()``/``QCoreApplication.translate`` throughout; a
translation is a ``resources/i18n/smartcard_linker_<locale>.qm`` file (built
with ``pyside6-lupdate``/``pyside6-lrelease``). With none shipped this is a no-op.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from smartcard_linker.ui.style import RESOURCES

_installed: list[QTranslator] = []  # keep them alive as long as the app


def install_translations(app: QApplication, locale: QLocale | None = None) -> list[str]:
    """Install ours and Qt's own for ``locale``; returns what was loaded."""
    chosen = locale or QLocale.system()
    loaded: list[str] = []
    ours = QTranslator(app)
    if ours.load(chosen, "smartcard_linker", "_", str(RESOURCES / "i18n")):
        app.installTranslator(ours)
        _installed.append(ours)
        loaded.append("smartcard_linker")
    qt = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(chosen, "qtbase", "_", qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
        loaded.append("qtbase")
    return loaded
