""" "Copy diagnostics" and "Save diagnostics…": the ``--diagnose`` report from inside the app.

The report is collected on a daemon thread (it ends by its own deadline, and
quitting never waits for it); the result comes back to the GUI thread through
a queued signal. Saving writes only to the file the user chooses.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QVBoxLayout, QWidget

from smartcard_linker.config import Settings
from smartcard_linker.ui.clipboard import copy_text
from smartcard_linker.ui.widgets import button, label, set_button_text, set_text, wrapping_row

SavePathChooser = Callable[[QWidget, str], str | None]
DEFAULT_FILE_NAME = "smartcard-linker-diagnostics.txt"


def choose_save_path(parent: QWidget, title: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        title,
        str(Path.home() / DEFAULT_FILE_NAME),
        QCoreApplication.translate(
            "DiagnosticsActions", "Text report (*.txt);;JSON report (*.json)"
        ),
    )
    return path or None


def build_report(settings: Settings, as_json: bool) -> str:
    """The same report ``--diagnose`` prints (masked), for these settings."""
    from smartcard_linker.diagnostics.context import app_context
    from smartcard_linker.diagnostics.render import as_json_text, as_text
    from smartcard_linker.diagnostics.runner import collect

    loaded, log_dir = app_context(settings)
    report = collect(loaded, log_dir=log_dir)
    return as_json_text(report) + "\n" if as_json else as_text(report)


class _Relay(QObject):
    finished = Signal(str, str, str)  # action ("copy" | "save"), report text, save path


class DiagnosticsActions(QWidget):
    """The two buttons and a status line; ``prefix`` keeps object names unique per page.

    ``leading`` widgets go first in the same row (the error page's "Copy details").
    """

    def __init__(self, settings: Settings, prefix: str, leading: tuple[QWidget, ...] = ()) -> None:
        super().__init__()
        self.setObjectName(f"{prefix}Diagnostics")
        self._settings = settings
        self.choose_path: SavePathChooser = choose_save_path
        self.copy_button = button("", f"{prefix}CopyDiagnostics", "link")
        self.save_button = button("", f"{prefix}SaveDiagnostics", "link")
        self.status = label(role="muted", name=f"{prefix}DiagnosticsStatus")
        self.status.setVisible(False)
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self.save)
        self._relay = _Relay()
        self._relay.finished.connect(self._finished, Qt.ConnectionType.QueuedConnection)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # wraps onto a second line with large text rather than cutting the buttons short
        layout.addWidget(wrapping_row(*leading, self.copy_button, self.save_button))
        layout.addWidget(self.status)
        self.retranslate()

    def retranslate(self) -> None:
        set_button_text(self.copy_button, self.tr("Copy diagnostics"))
        set_button_text(self.save_button, self.tr("Save diagnostics…"))

    def reset(self) -> None:
        """A kiosk reset: the next person sees no trace of the last one's report."""
        set_text(self.status, "")

    def copy(self) -> None:
        self._start("copy", "")

    def save(self) -> None:
        path = self.choose_path(self, self.tr("Save diagnostics"))
        if path:
            self._start("save", path)

    def _start(self, action: str, path: str) -> None:
        self.copy_button.setEnabled(False)
        self.save_button.setEnabled(False)
        set_text(self.status, self.tr("Checking this computer (a few seconds)…"))
        relay, settings = self._relay, self._settings
        as_json = path.lower().endswith(".json")

        def work() -> None:
            try:
                text = build_report(settings, as_json)
            except Exception as exc:  # shown, never a crash
                relay.finished.emit("failed", f"{type(exc).__name__}: {exc}", path)
                return
            relay.finished.emit(action, text, path)

        threading.Thread(target=work, name="diag-ui", daemon=True).start()

    @Slot(str, str, str)
    def _finished(self, action: str, text: str, path: str) -> None:
        self.copy_button.setEnabled(True)
        self.save_button.setEnabled(True)
        if action == "copy":
            copy_text(text)  # ours: a kiosk reset takes it off the clipboard
            set_text(
                self.status, self.tr("Diagnostics copied. Paste them into your message to support.")
            )
        elif action == "save":
            try:
                Path(path).write_text(text, encoding="utf-8")
            except OSError as exc:
                set_text(
                    self.status,
                    self.tr("Could not save the diagnostics: {reason}").format(
                        reason=exc.strerror or exc
                    ),
                )
                return
            set_text(self.status, self.tr("Diagnostics saved to {path}").format(path=path))
        else:
            set_text(
                self.status,
                self.tr("Could not collect the diagnostics: {reason}").format(reason=text),
            )
