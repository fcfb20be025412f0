"""Small building blocks every page uses, so pages stay short and look alike."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import pairwise

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QScrollArea,
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


def wrapping_row(*widgets: QWidget) -> QWidget:
    """Widgets side by side that wrap onto the next line when the width runs out."""
    holder = QWidget()
    layout = WrapLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    holder.setLayout(layout)
    return holder


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


CONTENT_WIDTH = 900  # the reading column's widest; wider windows centre it


class WrapLayout(QLayout):
    """Widgets in a row that wraps onto the next line when the width runs out, so the
    action bar's buttons never clip at 200 % or with large system text."""

    def __init__(self, spacing: int = 12) -> None:
        super().__init__()
        self._items: list[QLayoutItem] = []
        # Qt asks for the same width's height many times per layout pass (140 times when
        # the review page is shown); like QBoxLayout, keep the answer until invalidate().
        self._height_at_width: dict[int, int] = {}
        self.setSpacing(spacing)

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)
        self.invalidate()

    def invalidate(self) -> None:
        """Qt calls this whenever an item's size, visibility or the spacing changes."""
        self._height_at_width.clear()
        super().invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        if not 0 <= index < len(self._items):
            return None
        self.invalidate()
        return self._items.pop(index)

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        height = self._height_at_width.get(width)
        if height is None:
            height = self._arrange(QRect(0, 0, width, 0), move=False)
            self._height_at_width[width] = height
        return height

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _shown(self) -> Iterator[QLayoutItem]:
        return (item for item in self._items if not item.isEmpty())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in lines (each item centred in its line's height); return the
        height that takes."""
        area = rect.marginsRemoved(self.contentsMargins())
        lines: list[list[tuple[QLayoutItem, QSize]]] = [[]]
        x = area.x()
        for item in self._shown():
            hint = item.sizeHint().boundedTo(QSize(area.width(), 1 << 20))
            if lines[-1] and x + hint.width() > area.right() + 1:
                lines.append([])
                x = area.x()
            lines[-1].append((item, hint))
            x += hint.width() + self.spacing()
        y = area.y()
        for line in lines:
            height = max((hint.height() for _item, hint in line), default=0)
            x = area.x()
            for item, hint in line:
                if move:
                    top = y + (height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), hint))
                x += hint.width() + self.spacing()
            y += height + self.spacing()
        used = y - self.spacing() if lines[0] else y
        return used - rect.y() + self.contentsMargins().bottom()


def _centred(inner: QWidget, margins: QMargins) -> QHBoxLayout:
    """``inner`` at most ``CONTENT_WIDTH`` wide, centred, with ``margins`` round it."""
    inner.setMaximumWidth(CONTENT_WIDTH)
    layout = QHBoxLayout()
    layout.setContentsMargins(margins)
    layout.addStretch(1)
    layout.addWidget(inner, 100)
    layout.addStretch(1)
    return layout


class ScrollColumn(QScrollArea):
    """A vertically scrolling column that is never a Tab stop itself and keeps whatever
    gets focus inside it on screen (Tab, and focus set by the app)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        content = QWidget()
        column = QWidget()
        self.column = QVBoxLayout(column)
        self.column.setContentsMargins(0, 0, 0, 0)
        content.setLayout(_centred(column, QMargins(0, 0, 0, 0)))
        self.setWidget(content)
        app = QApplication.instance()
        if isinstance(app, QApplication):  # a slot of this object: Qt disconnects it with us
            app.focusChanged.connect(self._follow)

    def _follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        content = self.widget()
        if new is not None and content is not None and content.isAncestorOf(new):
            self.ensureWidgetVisible(new, 8, 8)


def scrolling(name: str) -> tuple[QScrollArea, QVBoxLayout]:
    """A ``ScrollColumn`` and the layout of its column."""
    area = ScrollColumn(name)
    return area, area.column


def reading_order(root: QWidget) -> list[QWidget]:
    """Widgets that take Tab focus under ``root``, in layout (reading) order."""
    found: list[QWidget] = []

    def walk_layout(layout: QLayout) -> None:
        for i in range(layout.count()):
            item = layout.itemAt(i)
            child = item.widget() if item is not None else None
            inner = item.layout() if item is not None else None
            if child is not None:
                walk_widget(child)
            elif inner is not None:
                walk_layout(inner)

    def walk_widget(widget: QWidget) -> None:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            found.append(widget)
        if isinstance(widget, QScrollArea):
            content = widget.widget()
            if content is not None:
                walk_widget(content)
            return
        layout = widget.layout()
        if layout is not None:
            walk_layout(layout)

    walk_widget(root)
    return found


def chain_tabs(widgets: list[QWidget]) -> None:
    """Make Tab visit ``widgets`` in this order."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)


class Page(QWidget):
    """One screen: a scrolling body under its heading and a pinned action bar, so the
    actions stay on screen at any size. It renders the state it is given and forwards clicks
    to ``flow``, the journey's actions (``QWidget.actions`` is taken).

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
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.scroller, self.body = scrolling(f"{name}Scroll")
        self.body.setContentsMargins(32, 24, 32, 24)
        self.body.setSpacing(16)
        self.action_bar = QWidget()
        self.action_bar.setObjectName("actionBar")
        self.action_bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        bar_column = QWidget()
        self.action_row = WrapLayout()
        self.action_row.setContentsMargins(0, 0, 0, 0)
        bar_column.setLayout(self.action_row)
        self.action_bar.setLayout(_centred(bar_column, QMargins(32, 12, 32, 12)))
        outer.addWidget(self.scroller, 1)
        outer.addWidget(self.action_bar)

    def add_actions(self, *buttons: QWidget) -> None:
        """Put ``buttons`` in the pinned action bar, in reading order."""
        for widget in buttons:
            self.action_row.addWidget(widget)

    def tidy(self) -> None:
        """After a render: hide an empty action bar and put Tab in reading order."""
        items = (self.action_row.itemAt(i) for i in range(self.action_row.count()))
        shown = any(
            item is not None and (w := item.widget()) is not None and w.isVisibleTo(self)
            for item in items
        )
        self.action_bar.setVisible(shown)
        chain_tabs(reading_order(self))

    def alert(self) -> str:
        """The error or warning this page shows now ("" for none): announced after the heading."""
        return ""

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
