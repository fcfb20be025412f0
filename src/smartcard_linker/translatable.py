"""The Qt-free mark for text the UI translates later (no imports: any layer may use it)."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate knows
    """Marks ``text`` for translation under ``context`` without Qt: lupdate reads the call
    into the .ts, and the UI translates the text when it is shown."""
    return text
