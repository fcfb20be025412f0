"""Load the app's and Qt's translations for one language, and switch language while running.

Our catalogues are ``ui/resources/i18n/smartcard_linker_<lang>.qm``, compiled from
``resources/translations/*.ts`` by scripts/translations.py (setup and build scripts).
English is the source language: it needs no catalogue. Installing or removing a
translator makes Qt send every widget a ``LanguageChange`` event, which the window
answers by translating its chrome and re-rendering the current state.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

from smartcard_linker.card.model import CardKind
from smartcard_linker.config import Settings
from smartcard_linker.language import ENGLISH, WELSH, SpokenLanguage
from smartcard_linker.translatable import QT_TRANSLATE_NOOP
from smartcard_linker.ui.style import RESOURCES

QM_DIR = RESOURCES / "i18n"
# Qt has no Welsh catalogue of its own; these are the few Qt strings a person can see
# (standard dialog buttons, text-field menu), translated in our .ts (docs/translating.md).


QT_OWN = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Help"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Retry"),
    QT_TRANSLATE_NOOP("QMessageBox", "Show Details..."),
    QT_TRANSLATE_NOOP("QMessageBox", "Hide Details..."),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "&Copy"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Copy &Link Location"),
    QT_TRANSLATE_NOOP("QWidgetTextControl", "Select All"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Undo"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Redo"),
    QT_TRANSLATE_NOOP("QLineEdit", "Cu&t"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Copy"),
    QT_TRANSLATE_NOOP("QLineEdit", "&Paste"),
    QT_TRANSLATE_NOOP("QLineEdit", "Delete"),
    QT_TRANSLATE_NOOP("QLineEdit", "Select All"),
)

_installed: list[QTranslator] = []  # ours and Qt's, for the language in use
_spoken = SpokenLanguage()


def qm_path(language: str) -> str:
    return str(QM_DIR / f"smartcard_linker_{language}.qm")


def set_language(language: str, spoken: SpokenLanguage | None = None) -> list[str]:
    """Translate the app into ``language`` (``en-GB`` or ``cy``) from now on; returns the
    catalogues loaded. Every widget gets a LanguageChange event."""
    global _spoken
    app = QCoreApplication.instance()
    assert app is not None, "set_language needs the QApplication"
    if spoken is not None:
        _spoken = spoken
    _spoken.code = language
    _spoken.translate = QCoreApplication.translate
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    locale = QLocale(language.replace("-", "_"))
    QLocale.setDefault(locale)
    loaded: list[str] = []
    if language != ENGLISH:
        ours = QTranslator(app)
        if ours.load(qm_path(language)):
            loaded.append(f"smartcard_linker_{language}")
            _installed.append(ours)
        qt = QTranslator(app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(locale, "qtbase", "_", qt_dir):
            loaded.append("qtbase")
            _installed.append(qt)
    for translator in _installed:  # each install (and removal above) sends LanguageChange
        app.installTranslator(translator)
    # Qt posts the widgets' LanguageChange events: deliver them now, so every page shows the
    # new language when this returns.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    return loaded


def current_language() -> str:
    return _spoken.code


def locale() -> QLocale:
    """The QLocale of the language in use: dates and numbers are written with it."""
    return QLocale(_spoken.code.replace("-", "_"))


def format_date(moment: date | datetime | None) -> str:
    """A date a person reads without thinking: ``25 November 2026``, ``25 Tachwedd 2026``."""
    if moment is None:
        return ""
    return locale().toString(QDate(moment.year, moment.month, moment.day), "d MMMM yyyy")


def local_admin_text(settings: Settings) -> str:
    """Who to contact locally, in the language in use: IT's Welsh text when set, the app's own
    Welsh for the built-in text, else the text IT configured."""
    if current_language() == WELSH and settings.local_admin_text_cy:
        return settings.local_admin_text_cy
    if settings.local_admin_text == Settings().local_admin_text:
        return QCoreApplication.translate("Settings", settings.local_admin_text)
    return settings.local_admin_text


def card_kind_label(kind: CardKind) -> str:
    """What the ATR says the card is, in the language in use (atr.py marks the labels)."""
    label = QCoreApplication.translate("CardKind", kind.label)
    return label.replace("{maker}", kind.maker) if kind.maker else label  # a maker's name


def format_number(value: int) -> str:
    return locale().toString(value)


def install_translations(
    language: str | None = None, spoken: SpokenLanguage | None = None
) -> list[str]:
    """Start-up: the given language, else the computer's (Welsh or English). ``spoken`` is
    the adapters' view of the language (the sign-in request's ui_locales) kept in step."""
    if language is None:
        language = WELSH if QLocale.system().language() == QLocale.Language.Welsh else ENGLISH
    return set_language(language, spoken)
