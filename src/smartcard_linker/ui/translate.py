"""Translate the flow's ``Msg`` values (Qt-free templates) at the last moment."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from smartcard_linker.flow.msg import Msg
from smartcard_linker.ui.i18n import format_date, format_number


def t(message: Msg | None) -> str:
    if message is None:
        return ""
    translated = QCoreApplication.translate(message.context, message.template)
    return message.render(translated, write_date=format_date, write_number=format_number)


def tr(context: str, text: str, **args: object) -> str:
    """``QCoreApplication.translate`` plus named placeholders."""
    translated = QCoreApplication.translate(context, text)
    return translated.format(**args) if args else translated
