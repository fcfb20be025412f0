"""A small window for people walking the sandbox: insert and remove virtual cards.

Stands beside the app so a trainer can put "Alex Ready's card" into reader A with
one click, pull it out mid-journey, or try the locked and expired cards.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from link_protocol import group_uuid
from linker_sandbox.cards.virtual_card import describe_running
from linker_sandbox.testdata.people import PEOPLE, SANDBOX_PASSWORD
from linker_sandbox.world import SandboxWorld


class SandboxControlWindow(QWidget):
    def __init__(self, world: SandboxWorld) -> None:
        super().__init__()
        assert world.rig is not None
        self._world = world
        self._rig = world.rig
        self.setWindowTitle("Sandbox cards — Smartcard Linker")
        self.setObjectName("sandboxControl")
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"<b>Sandbox</b> — sign in as any person below with password "
            f"<code>{SANDBOX_PASSWORD}</code> (MFA code 123456). Card PIN: 123456."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self._status: dict[int, QLabel] = {}
        for reader in self._rig.readers:
            box = QGroupBox(reader.name)
            grid = QGridLayout(box)
            people = QComboBox()
            people.setAccessibleName(f"Card to insert into {reader.name}")
            for person in PEOPLE:
                people.addItem(
                    f"{person.display_name} — {person.key} "
                    f"({group_uuid(person.care_identity_uuid)})",
                    person.key,
                )
            insert = QPushButton("Insert card")
            remove = QPushButton("Remove card")
            status = QLabel("empty")
            self._status[reader.index] = status
            insert.clicked.connect(
                lambda _=False, r=reader.index, c=people: self._run(
                    lambda: self._rig.insert(str(c.currentData()), r)
                )
            )
            remove.clicked.connect(
                lambda _=False, r=reader.index: self._run(lambda: self._rig.remove(r))
            )
            grid.addWidget(people, 0, 0, 1, 2)
            grid.addWidget(insert, 1, 0)
            grid.addWidget(remove, 1, 1)
            grid.addWidget(status, 2, 0, 1, 2)
            layout.addWidget(box)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._refresh)
        self._timer.start(500)
        self._refresh()

    def _run(self, action: Callable[[], object]) -> None:
        """Card processes take a moment to start or stop: never on the GUI thread."""
        QThreadPool.globalInstance().start(action)

    def _refresh(self) -> None:
        # The rig's state file also knows cards inserted with `linker-sandbox card insert`.
        for reader, card in describe_running(self._world.directory):
            label = self._status.get(reader.index)
            if label is None:
                continue
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setText(
                f"Card in reader: {card['name']} ({group_uuid(str(card['uuid']))})"
                if card
                else "Empty"
            )
