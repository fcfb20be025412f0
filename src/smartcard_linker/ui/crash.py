"""Unhandled exceptions: logged (redacted) and shown in a dialog, never a silent exit."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from datetime import UTC, datetime
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from smartcard_linker.logs import redact

log = logging.getLogger(__name__)


class CrashReporter(QObject):
    """Receives exceptions from any thread and shows them on the GUI thread."""

    crashed = Signal(str, str)  # summary, details

    def __init__(self, log_file: str | None) -> None:
        super().__init__()
        self._log_file = log_file
        self._showing = False
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self._excepthook
        threading.excepthook = self._thread_excepthook

    def _excepthook(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        log.critical("unhandled exception", exc_info=(kind, value, tb))
        details = redact("".join(traceback.format_exception(kind, value, tb)))
        self.crashed.emit(redact(f"{kind.__name__}: {value}"), details)

    def _thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self._excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    @Slot(str, str)
    def _show(self, summary: str, details: str) -> None:
        if self._showing:  # one dialog at a time; the log has every one
            return
        self._showing = True
        try:
            box = QMessageBox(QApplication.activeWindow())
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle(QApplication.translate("Crash", "Something went wrong"))
            box.setText(
                QApplication.translate(
                    "Crash",
                    "Smartcard Linker hit an unexpected problem. Nothing has been linked by this "
                    "step. You can carry on, or close the app and start again.",
                )
            )
            where = self._log_file or QApplication.translate("Crash", "(no log file)")
            box.setInformativeText(
                QApplication.translate(
                    "Crash",
                    "If it happens again, send the log file to your Local Administrator: {0}",
                ).format(where)
            )
            stamp = datetime.now(UTC).isoformat(timespec="seconds")
            box.setDetailedText(f"{stamp}\n{summary}\n\n{details}")
            box.setObjectName("crashDialog")
            box.exec()
        finally:
            self._showing = False
