""" "Copy diagnostics" and "Save diagnostics…" in the real window against the sandbox.

The start page's readiness box copies the report to the clipboard; saving from
an error page is in test_journey_sandbox.py (the already-linked error page).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtGui import QGuiApplication

from linker_sandbox.drivers.wizard_driver import WizardDriver, wait_until
from linker_sandbox.testdata.people import person

Wizard = Callable[..., WizardDriver]
pytestmark = pytest.mark.slow


def test_copy_diagnostics_from_the_readiness_box(wizard: Wizard) -> None:
    w = wizard("ready")
    w.insert()
    wait_until(lambda: w.window.journey.state.ready, 20, "the readiness check")
    QGuiApplication.clipboard().setText("")
    w.click("startCopyDiagnostics")
    wait_until(lambda: bool(w.text("startDiagnosticsStatus").startswith("Diagnostics copied")), 15)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("Smartcard Linker diagnostics: healthy")
    assert "Sandbox Reader A" in copied and "PKCS#11 modules" in copied
    uuid = person("ready").care_identity_uuid
    assert f"Care Identity ********{uuid[-4:]}" in copied and uuid not in copied
    w.shot("start-diagnostics-copied")
