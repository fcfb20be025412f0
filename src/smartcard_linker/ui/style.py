"""Load the stylesheet (package-relative, so it works installed and frozen) and follow
the OS appearance: light, dark, or high contrast, re-applied when the OS changes."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

_TOKEN = re.compile(r"@([a-z_]+)")


RESOURCES = Path(__file__).with_name("resources")  # shipped as package data (and in the frozen app)


def _read(name: str) -> str:
    return (RESOURCES / name).read_text("utf-8")


@cache
def themes() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(_read("themes.json"))
    return data


def stylesheet(theme: str) -> str:
    """The QSS with the theme's colours filled in; unknown tokens are an error, not silence."""
    colours = themes()[theme]

    def fill(match: re.Match[str]) -> str:
        return colours[match.group(1)]

    return _TOKEN.sub(fill, _read("style.qss"))


def current_theme() -> str:
    """ "contrast" when the OS asks for high contrast, else "dark" or "light"."""
    hints = QGuiApplication.styleHints()
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is not None:
        try:
            if accessibility().contrastPreference() == Qt.ContrastPreference.HighContrast:
                return "contrast"
        except (AttributeError, RuntimeError):
            pass
    return "dark" if hints.colorScheme() == Qt.ColorScheme.Dark else "light"


def apply_style(app: QApplication, theme: str | None = None) -> str:
    chosen = theme or current_theme()
    app.setStyle("Fusion")  # the same base look on every OS; the QSS does the rest
    app.setStyleSheet(stylesheet(chosen))
    return chosen


def follow_os(app: QApplication) -> None:
    """Re-style when the OS switches light/dark or high contrast."""
    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.connect(lambda _scheme: apply_style(app))
    accessibility = getattr(hints, "accessibility", None)
    if accessibility is not None:
        signal = getattr(accessibility(), "contrastPreferenceChanged", None)
        if signal is not None:
            signal.connect(lambda _pref: apply_style(app))
