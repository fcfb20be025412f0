"""The clipboard, for text the app puts there ("Copy details for support", the sign-in
address), and taken back again: on a kiosk the next person must not paste it.

Only text that is still ours is cleared; whatever the person copied since stays.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication

_ours: set[str] = set()


def copy_text(text: str) -> None:
    _ours.add(text)
    QGuiApplication.clipboard().setText(text)


def clear_ours() -> bool:
    """Clear the clipboard if it holds text we put there; True when it did."""
    clipboard = QGuiApplication.clipboard()
    held = clipboard.text()
    ours = held in _ours
    _ours.clear()
    if ours and held:
        clipboard.clear()
    return ours and bool(held)
