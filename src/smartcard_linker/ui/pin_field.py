"""The masked PIN field: typed characters go into a ``PinBuffer``, never into Qt's text.

A plain ``QLineEdit`` keeps the PIN as a QString and hands Python an immutable ``str`` copy
on every ``text()``. This field is still a ``QLineEdit`` in password mode, so screen readers
see the same editable, protected text field with its name and description; but its text is
only one placeholder character per typed character. The PIN itself is written into the
buffer a key at a time and leaves only through ``take_pin()``, as a ``bytearray``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

from smartcard_linker.pin_buffer import PinBuffer

PLACEHOLDER = "*"  # what Qt holds per character; shown masked like any password
# Keys that would edit Qt's text behind the buffer's back: refused.
_REFUSED = (
    QKeySequence.StandardKey.Paste,
    QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Copy,
    QKeySequence.StandardKey.Undo,
    QKeySequence.StandardKey.Redo,
    QKeySequence.StandardKey.Delete,
    QKeySequence.StandardKey.DeleteEndOfWord,
    QKeySequence.StandardKey.DeleteStartOfWord,
    QKeySequence.StandardKey.DeleteEndOfLine,
    QKeySequence.StandardKey.DeleteCompleteLine,
)
_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class PinField(QLineEdit):
    def __init__(self, max_length: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pin = PinBuffer(max_length)
        self.setEchoMode(QLineEdit.EchoMode.Password)
        self.setMaxLength(max_length)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
        self.setDragEnabled(False)
        self.setAcceptDrops(False)

    def pin_length(self) -> int:
        return len(self._pin)

    def take_pin(self) -> bytearray:
        """The PIN typed, as a new ``bytearray`` (the caller wipes it); the field empties."""
        pin = self._pin.take()
        self._show_length()
        return pin

    def clear(self) -> None:
        """Forget the PIN: the buffer is overwritten and the field emptied."""
        self._pin.clear()
        self._show_length()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if any(event.matches(key) for key in _REFUSED):
            event.accept()
            return
        if event.key() == Qt.Key.Key_Backspace:
            self._pin.backspace()
            self._show_length()
            event.accept()
            return
        char = event.text()  # one character: CPython shares one object per Latin-1 character
        if len(char) == 1 and char.isprintable() and not (event.modifiers() & _MODIFIERS):
            self._pin.append(char)
            self._show_length()
            event.accept()
            return
        super().keyPressEvent(event)  # Tab, Enter, Escape and cursor keys
        if len(self.text()) != len(self._pin):
            self._show_length()  # nothing else may change what the field holds

    def _show_length(self) -> None:
        shown = PLACEHOLDER * len(self._pin)
        if self.text() != shown:
            self.setText(shown)
        self.end(False)
