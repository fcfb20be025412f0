"""Widget tests run offscreen with the real stylesheet applied."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from smartcard_linker.ui.style import apply_style


@pytest.fixture(autouse=True, scope="session")
def styled(qapp: QApplication) -> QApplication:
    apply_style(qapp, "light")
    return qapp


@pytest.fixture(autouse=True)
def windows_deleted_at_teardown(qapp: QApplication) -> Iterator[None]:
    """Each test's windows are deleted when it ends, on this (the GUI) thread.

    Left to Python's garbage collector, a closed window's widget tree is destroyed by
    whichever thread next triggers a collection: in the sandbox tests that is often the
    in-process portal or identity provider, which then holds the GIL for seconds while
    PySide tears the tree down, and the app's call to it times out."""
    before = set(QApplication.topLevelWidgets())
    yield
    for widget in QApplication.topLevelWidgets():
        if widget not in before:
            widget.close()
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
