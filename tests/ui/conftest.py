"""Widget tests run offscreen with the real stylesheet applied."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtWidgets import QApplication

from smartcard_linker.ui.style import apply_style


@pytest.fixture(autouse=True, scope="session")
def styled(qapp: QApplication) -> QApplication:
    apply_style(qapp, "light")
    return qapp
