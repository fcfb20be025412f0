"""The accessibility check the tests run on every page and dialog, in every theme.

- ``unnamed``: focusable widgets whose accessible name (what a screen reader says, as
  Qt's accessibility interface reports it) is empty;
- ``tab_walk``: the widgets Tab visits, starting where focus is, until it comes round;
- ``clipped_when_focused``: actions not wholly on screen, or narrower than their text,
  when they have focus;
- ``low_contrast``: text whose colour (the palette the stylesheet gave the widget) against
  the background actually painted behind it (read from the rendered window) is below
  4.5:1, WCAG 2.2 AA for normal text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QColor, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

AA_NORMAL_TEXT = 4.5


def shown(widget: QWidget) -> bool:
    return widget.isVisible() and widget.isEnabled() and not widget.visibleRegion().isEmpty()


def focusables(root: QWidget) -> list[QWidget]:
    """Visible, enabled widgets under ``root`` (``root`` included) that take Tab focus."""
    widgets = [root, *root.findChildren(QWidget)]
    return [
        w
        for w in widgets
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]


def actions(root: QWidget) -> list[QWidget]:
    """What a person operates: visible, enabled buttons and text fields."""
    found = [*root.findChildren(QAbstractButton), *root.findChildren(QLineEdit)]
    return [w for w in found if w.isVisible() and w.isEnabled()]


def tab_stops_needed(root: QWidget) -> list[QWidget]:
    """The actions Tab must reach. Of a group of radio buttons Tab reaches the chosen one
    (or the first) and the arrow keys move within the group, as on every desktop."""
    needed: list[QWidget] = []
    groups: dict[int, list[QRadioButton]] = {}
    for widget in actions(root):
        if isinstance(widget, QRadioButton) and widget.autoExclusive():
            owner = widget.group() or widget.parentWidget()
            groups.setdefault(id(owner), []).append(widget)
        else:
            needed.append(widget)
    for members in groups.values():
        chosen = [r for r in members if r.isChecked()]
        needed.append(chosen[0] if chosen else members[0])
    return needed


def accessible_name(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Name).strip() if face is not None else ""


def accessible_description(widget: QWidget) -> str:
    face = QAccessible.queryAccessibleInterface(widget)
    return face.text(QAccessible.Text.Description) if face is not None else ""


def unnamed(root: QWidget) -> list[str]:
    return [
        f"{type(w).__name__} {w.objectName()!r}" for w in focusables(root) if not accessible_name(w)
    ]


def tab_walk(window: QWidget, limit: int = 60) -> list[QWidget]:
    """Press Tab from the current focus until focus comes back round (or ``limit``)."""
    seen: list[QWidget] = []
    for _ in range(limit):
        focused = QApplication.focusWidget()
        if focused is None:  # start at the first Tab stop
            stops = focusables(window)
            if not stops:
                return seen
            window.activateWindow()
            stops[0].setFocus(Qt.FocusReason.TabFocusReason)
            QApplication.processEvents()
            focused = QApplication.focusWidget()
            if focused is None:
                return seen
        if seen and focused is seen[0]:
            return seen
        if focused not in seen:
            seen.append(focused)
        focused.focusNextChild()
        QApplication.processEvents()
    return seen


def wholly_visible(widget: QWidget) -> bool:
    """Nothing of ``widget`` is cut off by a scroll area, its window or the screen."""
    region = widget.visibleRegion()
    if region.boundingRect() != widget.rect() or region.rectCount() != 1:
        return False
    window = widget.window()
    top_left = widget.mapTo(window, QPoint(0, 0))
    return window.rect().contains(QRect(top_left, widget.size()))


def squeezed_when_focused(button: QAbstractButton) -> bool:
    """The button, styled as focused, needs more width than it has (its text is cut).
    Qt keeps the size hint of the unfocused style, so re-polish to ask the focused one."""
    width = button.width()
    button.style().unpolish(button)
    button.style().polish(button)
    return button.sizeHint().width() > width


def clipped_when_focused(window: QWidget) -> list[str]:
    """Tab through ``window``; every action that gets focus must then be wholly visible."""
    problems = []
    for widget in tab_walk(window):
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        QApplication.processEvents()
        if not isinstance(widget, QAbstractButton | QLineEdit):
            continue
        squeezed = isinstance(widget, QAbstractButton) and squeezed_when_focused(widget)
        if squeezed or not wholly_visible(widget):
            problems.append(widget.objectName() or type(widget).__name__)
    return problems


# ---------------------------------------------------------------- contrast


def luminance(colour: QColor) -> float:
    """WCAG 2.2 relative luminance."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(first: QColor, second: QColor) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, QLabel | QAbstractButton):
        return widget.text()
    if isinstance(widget, QLineEdit):
        return widget.displayText()
    return ""


def background_behind(image: QImage, rect: QRect) -> QColor:
    """The colour painted most within ``rect`` of ``image``: the text's background."""
    counts: Counter[int] = Counter()
    step = max(1, min(rect.width(), rect.height()) // 24)
    for y in range(rect.top(), rect.bottom() + 1, step):
        for x in range(rect.left(), rect.right() + 1, step):
            counts[image.pixel(x, y)] += 1
    return QColor.fromRgb(counts.most_common(1)[0][0])


@dataclass(frozen=True)
class ContrastProblem:
    widget: str
    text: str
    ratio: float
    foreground: str
    background: str

    def __str__(self) -> str:
        return (
            f"{self.widget} {self.text[:30]!r}: {self.ratio:.2f}:1 "
            f"({self.foreground} on {self.background})"
        )


def low_contrast(window: QWidget) -> list[ContrastProblem]:
    """Every visible, enabled text under ``window`` (disabled controls are exempt in WCAG).
    Focus is taken off first: the focus colours are checked by ``focus_contrast``."""
    focused = QApplication.focusWidget()
    for _ in range(5):  # a pending window activation can hand focus back: clear until it stays
        current = QApplication.focusWidget()
        if current is None:
            break
        current.clearFocus()
        QApplication.processEvents()
    image = window.grab().toImage()
    ratio_x = image.width() / max(1, window.width())
    problems = []
    candidates = [*window.findChildren(QLabel), *window.findChildren(QAbstractButton)]
    candidates += window.findChildren(QLineEdit)
    for widget in candidates:
        text = _text_of(widget).strip()
        if not text or not shown(widget):
            continue
        seen = widget.visibleRegion().boundingRect()  # scrolled out of view: not sampled
        top_left = widget.mapTo(window, seen.topLeft())
        rect = QRect(top_left * ratio_x, seen.size() * ratio_x).intersected(image.rect())
        if rect.isEmpty():
            continue
        background = background_behind(image, rect)
        foreground = widget.palette().color(widget.foregroundRole())
        ratio = contrast(foreground, background)
        if ratio < AA_NORMAL_TEXT:
            name = widget.objectName() or type(widget).__name__
            problems.append(
                ContrastProblem(name, text, ratio, foreground.name(), background.name())
            )
    if focused is not None:
        focused.setFocus()
    return problems


def focus_contrast(button: QWidget) -> float:
    """A focused button's text against its focus colour, both read from the rendering."""
    button.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()
    image = button.grab().toImage()
    background = background_behind(image, image.rect().adjusted(6, 6, -6, -6))
    colours = Counter(
        image.pixel(x, y) for y in range(6, image.height() - 6) for x in range(6, image.width() - 6)
    )
    strongest = max(
        (QColor.fromRgb(pixel) for pixel, count in colours.items() if count >= 3),
        key=lambda colour: contrast(colour, background),
    )
    return contrast(strongest, background)
