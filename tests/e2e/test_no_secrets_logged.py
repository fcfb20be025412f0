"""Canary test: a whole journey at DEBUG level leaves no PIN, token or signature in any log.

The app logs through its real set-up (rotating file + console, redaction filter)
while the wizard walks the journey against the sandbox with a wrong canary PIN,
then the right PIN; afterwards the log file and everything printed are searched
for the PINs, the access token and refresh token the sign-in really produced.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

import pytest

from linker_sandbox.people import DEFAULT_PIN
from linker_sandbox.wizard_driver import WizardDriver
from smartcard_linker.logs import QUIET_LOGGERS, setup_logging

pytestmark = pytest.mark.slow
CANARY_PIN = "739184"


def test_journey_logs_no_secrets(
    wizard: Callable[..., WizardDriver], tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    # Everything at DEBUG, libraries included (an earlier test may have quieted them).
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET)
    log_file = setup_logging("DEBUG", tmp_path, console=True, quiet=())
    try:
        w = wizard("ready")
        assert w.sign_in_to_account() == "accountPage"
        w.click("accountContinueButton")
        w.insert()
        w.wait_page("cardPage")
        w.click("cardContinueButton")
        w.enter_pin(CANARY_PIN)
        dialog = w.pin_dialog()
        w.wait_page("cardPage", "reviewPage", timeout_s=5)
        w.enter_pin(DEFAULT_PIN)
        w.wait_page("reviewPage")
        w.click("confirmButton")
        w.wait_page("donePage")
        sign_in = w.window.journey._services.sign_in()
        token = sign_in.access_token().token
        cache_blob = sign_in._cache.serialize()  # type: ignore[attr-defined]
    finally:
        for handler in logging.getLogger().handlers:
            handler.flush()
        setup_logging("WARNING", tmp_path / "after")
    assert dialog is not None and log_file is not None
    written = log_file.read_text(encoding="utf-8")
    captured = capfd.readouterr()
    everything = written + captured.out + captured.err
    # it did log the traffic that carried the secrets
    assert "/api/v1/link-requests" in written and "msal" in written
    assert len(token) > 100
    secrets = {"canary PIN": CANARY_PIN, "PIN": DEFAULT_PIN, "access token": token}
    import json

    for entry in json.loads(cache_blob).get("RefreshToken", {}).values():
        secrets["refresh token"] = entry["secret"]
    for name, secret in secrets.items():
        assert secret not in everything, f"the {name} reached the logs"
    # JWT segments on their own would be just as bad
    for segment in token.split("."):
        assert segment not in everything
