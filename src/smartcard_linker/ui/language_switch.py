"""The "English | Cymraeg" switch: each language named in itself, the one in use marked."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from smartcard_linker.language import LANGUAGE_NAMES
from smartcard_linker.ui.i18n import current_language
from smartcard_linker.ui.widgets import button, set_prop


class LanguageSwitch(QWidget):
    """Two link buttons; choosing one emits ``chosen`` with its code (``en-GB``, ``cy``)."""

    chosen = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("languageSwitch")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.buttons: dict[str, QPushButton] = {}
        for i, (code, name) in enumerate(LANGUAGE_NAMES.items()):
            if i:
                bar = QLabel("|")
                bar.setAccessibleName("")
                layout.addWidget(bar)
            choice = button(name, f"language_{code}", "link")
            choice.setCheckable(True)
            choice.clicked.connect(lambda _checked=False, c=code: self._choose(c))
            layout.addWidget(choice)
            self.buttons[code] = choice
        self.retranslate()

    def _choose(self, code: str) -> None:
        self.retranslate()  # keep the marks right until the switch lands
        if code != current_language():
            self.chosen.emit(code)

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Language"))
        for code, choice in self.buttons.items():
            here = code == current_language()
            choice.setChecked(here)
            set_prop(choice, "current", "true" if here else "false")
            choice.setAccessibleDescription(
                self.tr("The language in use") if here else self.tr("Change the language")
            )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
