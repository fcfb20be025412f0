"""What a person reads on screen, and checks on it: through the translation layer, no English
left on a Welsh page, and nothing clipped.

``visible_texts`` collects every text a person sees or hears (label and button text, window
titles, accessible names and descriptions, tool tips, placeholders) from the visible widgets.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QWidget,
)

ROOT = Path(__file__).resolve().parents[2]
WELSH_TS = ROOT / "resources" / "translations" / "smartcard_linker_cy.ts"
OPEN, CLOSE = "⟪", "⟫"
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Shown:
    widget: str  # objectName (or class) of the widget
    kind: str  # text | title | accessible name | ...
    text: str


class MarkingTranslator(QTranslator):
    """Answers every lookup with the source text wrapped in ⟪ ⟫: whatever reaches the screen
    without those marks did not go through the translation layer."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return f"{OPEN}{source}{CLOSE}"

    def isEmpty(self) -> bool:
        return False


def _plain(text: str) -> str:
    return _TAGS.sub(" ", text).replace("&amp;", "&").replace("&nbsp;", " ")


def _name(widget: QWidget) -> str:
    return widget.objectName() or type(widget).__name__


def visible_widgets(window: QWidget) -> Iterator[QWidget]:
    """``window`` and its visible descendants, then the visible dialogs opened over it."""
    seen: set[int] = set()
    tops = [window] + [
        w for w in QApplication.topLevelWidgets() if w is not window and w.parentWidget() is window
    ]
    for top in tops:
        if not top.isVisible():
            continue
        for widget in [top, *top.findChildren(QWidget)]:
            if id(widget) in seen or not widget.isVisible():
                continue
            seen.add(id(widget))
            yield widget


def visible_texts(window: QWidget) -> list[Shown]:
    shown: list[Shown] = []
    for widget in visible_widgets(window):
        name = _name(widget)
        texts: list[tuple[str, str]] = []
        if widget.isWindow():
            texts.append(("title", widget.windowTitle()))
        if isinstance(widget, QLabel):
            texts.append(("text", _plain(widget.text())))
        elif isinstance(widget, QAbstractButton):
            texts.append(("text", widget.text().replace("&", "")))
        elif isinstance(widget, QLineEdit):
            texts.append(("placeholder", widget.placeholderText()))
        texts += [
            ("accessible name", widget.accessibleName()),
            ("accessible description", widget.accessibleDescription()),
            ("tool tip", widget.toolTip()),
        ]
        shown += [Shown(name, kind, text.strip()) for kind, text in texts if text.strip()]
    return shown


def unmarked(shown: Iterable[Shown], data: Iterable[str]) -> list[Shown]:
    """Texts with words outside any ⟪ ⟫ mark once the person's own data (names, emails,
    numbers the app did not write) is taken out: literals that bypassed the layer."""
    values = sorted((d for d in data if d), key=len, reverse=True)
    left = []
    for item in shown:
        rest, before = item.text, ""
        while rest != before:  # marks nest when a translated text is put into another
            before, rest = rest, re.sub(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}", " ", rest)
        for value in values:
            rest = rest.replace(value, " ")
        if re.search(r"[A-Za-z]{2,}", rest):
            left.append(item)
    return left


@dataclass(frozen=True)
class Catalogue:
    """The Welsh .ts as (context, English source) → Welsh translation."""

    entries: dict[tuple[str, str], str]

    @classmethod
    def load(cls, path: Path = WELSH_TS) -> Catalogue:
        root = ET.parse(path).getroot()  # noqa: S314 - our own checked-in file
        entries: dict[tuple[str, str], str] = {}
        for context in root.iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                source = message.findtext("source") or ""
                translation = message.find("translation")
                text = "" if translation is None else (translation.text or "")
                entries[(name, source)] = text
        return cls(entries)

    def english_phrases(self) -> list[str]:
        """The fixed words of every English source whose Welsh differs (placeholders cut out),
        longest first: finding one on a Welsh screen means English was left."""
        phrases: set[str] = set()
        for (_context, source), welsh in self.entries.items():
            if not welsh or welsh == source:
                continue
            for part in re.split(r"\{[^}]*\}", source):
                part = part.strip(" .,:;()–-·")
                if re.search(r"[A-Za-z]{2,}", part) and (" " in part or len(part) >= 4):
                    phrases.add(part)
        return sorted(phrases, key=len, reverse=True)


def english_left(shown: Iterable[Shown], catalogue: Catalogue, data: Iterable[str]) -> list[str]:
    """Each shown text that still holds an English phrase from the catalogue."""
    phrases = catalogue.english_phrases()
    values = sorted((d for d in data if d), key=len, reverse=True)
    found = []
    for item in shown:
        text = item.text
        for value in values:
            text = text.replace(value, " ")
        for phrase in phrases:
            if re.search(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", text):
                found.append(f"{item.widget} {item.kind}: {phrase!r} in {item.text!r}")
                break
    return found


def clipped(window: QWidget) -> list[str]:
    """Visible text that does not fit: a button narrower than its text, a wrapped label
    shorter than its lines, a page that needs a horizontal scroll bar."""
    problems = []
    for widget in visible_widgets(window):
        name = _name(widget)
        if isinstance(widget, QAbstractButton) and widget.text():
            if widget.width() < widget.sizeHint().width():
                problems.append(f"button {name} {widget.text()!r} is cut off")
        elif isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
            needed = widget.heightForWidth(widget.width())
            if needed > widget.height() + 1:
                problems.append(f"label {name} is cut off ({widget.height()} < {needed} px)")
        elif isinstance(widget, QAbstractScrollArea):
            bar = widget.horizontalScrollBar()
            if bar is not None and bar.maximum() > 0:
                problems.append(f"{name} needs a horizontal scroll bar")
    return problems
