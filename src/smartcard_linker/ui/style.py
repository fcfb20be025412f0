"""Build the stylesheet and keep it in step with the OS: light, dark or high contrast,
and the system text size.

Qt style sheets take sizes only in pt or px, so every font size in ``style.qss`` is a
token (``@pt_h1``) filled in from the application font, and the sheet is rebuilt when
that font changes (the user changed the system text size). In high contrast the
colours come from the system palette, so the user's own contrast theme is followed.
The stylesheet is package data, so it works installed and frozen.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

_TOKEN = re.compile(r"@([a-z0-9_]+)")

RESOURCES = Path(__file__).with_name("resources")  # shipped as package data (and in the frozen app)

BODY_SCALE = 11 / 9
"""Body text is this many times the system font: 11 pt at the Windows default of 9 pt."""

FONT_STEPS = {
    "pt_small": 10 / 11,
    "pt_text": 1.0,
    "pt_lead": 12 / 11,
    "pt_h2": 13 / 11,
    "pt_title": 15 / 11,
    "pt_field": 16 / 11,
    "pt_h1": 20 / 11,
}
"""Each font-size token as a multiple of the body text size."""

_PX_PER_PT = 96 / 72  # Qt's logical pixels per point (device scaling is applied on top)
_BADGE_EMS = 1.9  # the numbered circles on the start page hold one digit of body text


def _read(name: str) -> str:
    return (RESOURCES / name).read_text("utf-8")


@cache
def themes() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(_read("themes.json"))
    return data


def body_points(font: QFont | None) -> float:
    """The body text size in points for an application font (its pixel size if set in px)."""
    if font is None:
        return 11.0
    points = font.pointSizeF()
    if points <= 0:
        points = font.pixelSize() / _PX_PER_PT
    return max(1.0, points) * BODY_SCALE


def size_tokens(font: QFont | None) -> dict[str, str]:
    """``pt_*`` font sizes and ``px_*`` lengths that grow with the application font."""
    body = body_points(font)
    tokens = {name: f"{body * step:.1f}pt" for name, step in FONT_STEPS.items()}
    badge = round(body * _PX_PER_PT * _BADGE_EMS)
    tokens["px_badge"] = f"{badge}px"
    tokens["px_badge_radius"] = f"{badge // 2}px"
    return tokens


def contrast_colours(palette: QPalette) -> dict[str, str]:
    """The contrast theme drawn from the system palette: the user's high-contrast colours
    (window, text, buttons, links, selection, disabled text) and nothing of ours."""
    group = QPalette.ColorGroup.Active

    def role(which: QPalette.ColorRole) -> str:
        return palette.color(group, which).name().upper()

    window = role(QPalette.ColorRole.Window)
    text = role(QPalette.ColorRole.WindowText)
    button = role(QPalette.ColorRole.Button)
    button_text = role(QPalette.ColorRole.ButtonText)
    link = role(QPalette.ColorRole.Link)
    highlight = role(QPalette.ColorRole.Highlight)
    highlight_text = role(QPalette.ColorRole.HighlightedText)
    grey = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    colours = dict.fromkeys(themes()["contrast"], text)  # every line and text: the text colour
    for name in (
        "bg",
        "surface",
        "brand",
        "warning_bg",
        "success_bg",
        "info_bg",
        "error_bg",
        "disabled",
    ):
        colours[name] = window
    colours.update(
        primary=button,
        primary_hover=button,
        secondary=button,
        secondary_hover=button,
        primary_text=button_text,
        secondary_text=button_text,
        primary_border=button_text,
        primary_shadow=button_text,
        secondary_border=button_text,
        link=link,
        focus=highlight,
        focus_text=highlight_text,
        field_focus=highlight,
        success=text,
        success_text=window,
        disabled_text=grey.name().upper(),
        disabled_border=grey.name().upper(),
    )
    return colours


def stylesheet(theme: str, font: QFont | None = None, colours: dict[str, str] | None = None) -> str:
    """The QSS with the theme's colours (or ``colours``) and the font's sizes filled in;
    an unknown token is an error, not silence."""
    values = {**(colours or themes()[theme]), **size_tokens(font)}

    def fill(match: re.Match[str]) -> str:
        return values[match.group(1)]

    return _TOKEN.sub(fill, _read("style.qss"))


def os_high_contrast() -> bool:
    """True when the OS asks for high contrast (Windows contrast themes among them)."""
    # Keep each wrapper alive: a chained call lets Python free the hints object while Qt
    # still owns its child, and PySide then reports the child "already deleted".
    hints = QGuiApplication.styleHints()
    accessibility = hints.accessibility()
    preference = accessibility.contrastPreference()
    return bool(preference == Qt.ContrastPreference.HighContrast)


def current_theme() -> str:
    """ "contrast" when the OS asks for high contrast, else "dark" or "light"."""
    if os_high_contrast():
        return "contrast"
    hints = QGuiApplication.styleHints()
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


class _StyleKeeper(QObject):
    """Holds the chosen theme and rebuilds the sheet when the OS appearance or font changes."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.setObjectName("styleKeeper")
        self._app = app
        self.forced: str | None = None
        self.theme = "light"
        self.watched: tuple[QObject, ...] = ()
        # Signals, not an event filter on the application: that would run Python for
        # every event of every widget (about 2 ms of the review page's first showing).
        app.fontChanged.connect(self._font_changed)
        app.paletteChanged.connect(self._palette_changed)

    def restyle(self) -> str:
        self.theme = self.forced or current_theme()
        system_contrast = self.theme == "contrast" and self.forced is None
        colours = contrast_colours(self._app.palette()) if system_contrast else None
        sheet = stylesheet(self.theme, self._app.font(), colours)
        if sheet != self._app.styleSheet():  # setting it again would re-polish every widget
            self._app.setStyleSheet(sheet)
        return self.theme

    def _font_changed(self, _font: QFont) -> None:
        self._restyle_soon()

    def _palette_changed(self, _palette: QPalette) -> None:
        if self.theme == "contrast" and self.forced is None:
            self._restyle_soon()

    def _restyle_soon(self) -> None:
        # After the change: Qt is still handing it to every widget right now.
        QTimer.singleShot(0, self, self.restyle)


def _keeper(app: QApplication) -> _StyleKeeper:
    found = app.findChild(_StyleKeeper, "styleKeeper")
    return found if found is not None else _StyleKeeper(app)


def apply_style(app: QApplication, theme: str | None = None) -> str:
    """Style ``app``; ``theme`` forces "light", "dark" or "contrast" (tests), else the OS
    decides. Returns the theme in use; the sheet follows later font changes either way."""
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")  # the same base look on every OS; the QSS does the rest
    keeper = _keeper(app)
    keeper.forced = theme
    return keeper.restyle()


def follow_os(app: QApplication) -> None:
    """Re-style when the OS switches light/dark or high contrast."""
    keeper = _keeper(app)
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.connect(lambda _scheme: keeper.restyle())
    accessibility = hints.accessibility()
    accessibility.contrastPreferenceChanged.connect(lambda _p: keeper.restyle())
    keeper.watched = (hints, accessibility)  # their wrappers live as long as the app
