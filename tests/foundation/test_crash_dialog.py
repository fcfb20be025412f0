"""Unhandled exceptions, on the GUI thread or a worker, are logged and shown — never silent."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from smartcard_linker.logs import setup_logging
from smartcard_linker.ui.crash import CrashReporter

TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjcmFzaCJ9.c2lnbmF0dXJlLWNyYXNo"


@pytest.fixture
def reporter(tmp_path: Path) -> CrashReporter:
    log_file = setup_logging("INFO", tmp_path)
    saved = sys.excepthook, threading.excepthook
    crash = CrashReporter(str(log_file))
    crash.install()
    yield crash
    sys.excepthook, threading.excepthook = saved
    setup_logging("WARNING", tmp_path / "after")


def _capture_dialog(seen: list[dict[str, str]]) -> None:
    """Read and close the crash dialog once it is up (it is modal)."""

    def check() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "crashDialog":
            seen.append(
                {"text": box.text(), "details": box.detailedText(), "info": box.informativeText()}
            )
            box.accept()
        else:
            QTimer.singleShot(20, check)

    QTimer.singleShot(20, check)


def test_exception_on_gui_thread_shows_dialog_and_is_logged(
    qtbot: QtBot, reporter: CrashReporter, tmp_path: Path
) -> None:
    seen: list[dict[str, str]] = []
    _capture_dialog(seen)
    try:
        raise ValueError(f"portal answer unreadable with Bearer {TOKEN}")
    except ValueError:
        sys.excepthook(*sys.exc_info())  # what Python does for an uncaught exception
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "unexpected problem" in seen[0]["text"]
    assert "ValueError" in seen[0]["details"]
    assert TOKEN not in seen[0]["details"]
    assert str(tmp_path) in seen[0]["info"]  # tells support where the log is
    written = (tmp_path / "smartcard-linker.log").read_text()
    assert "unhandled exception" in written and "ValueError" in written
    assert TOKEN not in written


def test_exception_on_worker_thread_reaches_the_gui(qtbot: QtBot, reporter: CrashReporter) -> None:
    seen: list[dict[str, str]] = []
    _capture_dialog(seen)

    def work() -> None:
        raise RuntimeError("card worker fell over")

    thread = threading.Thread(target=work, name="card-worker")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert "RuntimeError: card worker fell over" in seen[0]["details"]


def test_keyboard_interrupt_is_not_a_crash(
    qtbot: QtBot, reporter: CrashReporter, caplog: pytest.LogCaptureFixture
) -> None:
    """Ctrl-C in a console run quits; it is neither logged as a crash nor shown as one."""
    with caplog.at_level(logging.CRITICAL):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            sys.excepthook(*sys.exc_info())
    qtbot.wait(100)
    assert not [r for r in caplog.records if r.levelno >= logging.CRITICAL]
    assert QApplication.activeModalWidget() is None
