"""Small building blocks every page uses, so pages stay short and look alike."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from smartcard_linker.config import Settings
from smartcard_linker.flow.actions import JourneyActions
from smartcard_linker.flow.state import JourneyState

UrlOpener = Callable[[str], None]


def repolish(widget: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)


def set_prop(widget: QWidget, name: str, value: str) -> None:
    if widget.property(name) != value:
        widget.setProperty(name, value)
        repolish(widget)


def label(
    text: str = "", *, role: str | None = None, name: str | None = None, rich: bool = False
) -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    if rich:
        widget.setOpenExternalLinks(False)
    if role:
        widget.setProperty("role", role)
    if name:
        widget.setObjectName(name)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


def set_text(widget: QLabel, text: str) -> None:
    widget.setText(text)
    widget.setAccessibleName(text)
    widget.setVisible(bool(text))


def button(text: str, name: str, kind: str = "secondary") -> QPushButton:
    widget = QPushButton(text)
    widget.setObjectName(name)
    widget.setProperty("kind", kind)
    widget.setAccessibleName(text)
    widget.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    widget.setAutoDefault(True)
    return widget


def set_button_text(widget: QPushButton, text: str) -> None:
    widget.setText(text)
    widget.setAccessibleName(text)


def panel(kind: str = "card", name: str | None = None) -> tuple[QFrame, QVBoxLayout]:
    """A card (``kind="card"``) or a coloured banner (info, warning, error, success)."""
    frame = QFrame()
    if kind == "card":
        frame.setProperty("card", "true")
    else:
        frame.setProperty("banner", kind)
    if name:
        frame.setObjectName(name)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(18, 14, 18, 14)
    layout.setSpacing(6)
    return frame, layout


def row(*widgets: QWidget, stretch_end: bool = True, spacing: int = 12) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setSpacing(spacing)
    for widget in widgets:
        layout.addWidget(widget)
    if stretch_end:
        layout.addStretch(1)
    return layout


class Holder(QWidget):
    """A place whose content is rebuilt wholesale (reader lists, choices): the old
    content widget is deleted, so nothing of it lingers on screen or in memory."""

    def __init__(self) -> None:
        super().__init__()
        self._outer = QVBoxLayout(self)
        self._outer.setContentsMargins(0, 0, 0, 0)
        self._inner: QWidget | None = None

    def fresh(self) -> tuple[QWidget, QVBoxLayout]:
        if self._inner is not None:
            self._outer.removeWidget(self._inner)
            self._inner.hide()
            self._inner.deleteLater()
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self._outer.addWidget(inner)
        self._inner = inner
        return inner, layout


class Page(QWidget):
    """One screen: it renders the state it is given and forwards clicks to ``flow``, the
    journey's actions (``QWidget.actions`` is taken).

    Each page implements ``show_state`` (render a state), ``retranslate`` (its fixed words, in
    the current language) and names its ``heading``, the h1 the window title repeats. Only the
    visible page is rendered on an ordinary change; ``clear`` runs on every page on a reset.
    """

    heading: QLabel

    def __init__(
        self, actions: JourneyActions, settings: Settings, open_url: UrlOpener, name: str
    ) -> None:
        super().__init__()
        self.flow = actions
        self.settings = settings
        self.open_url = open_url
        self.setObjectName(name)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(40, 28, 40, 28)
        self.body.setSpacing(16)

    @property
    def product(self) -> str:
        return self.settings.product_name

    def show_state(self, state: JourneyState) -> None:
        raise NotImplementedError

    def retranslate(self) -> None:
        """Set the page's fixed words (buttons, captions) in the current language; the words
        that depend on the state follow on the next ``show_state``."""
        raise NotImplementedError

    def clear(self, blank: JourneyState) -> None:
        """Forget everything this page showed of the person: render ``blank``, a state with
        nobody in it (every page shows nothing personal for such a state)."""
        self.show_state(blank)

    def first_focus(self) -> QWidget | None:
        """The control keyboard users should land on when this page appears."""
        return None
