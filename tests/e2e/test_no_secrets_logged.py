"""Canary test: a whole journey leaves no secret and no personal data in the log or console.

On a desktop and in kiosk mode, the app logs through its real set-up (file + console, redaction)
while the wizard walks the journey against the sandbox with a wrong canary PIN,
then the right PIN; afterwards the log file and everything printed are searched
(tests/e2e/canary.py) for the PINs as text, hex and escaped, the access,
refresh and ID tokens the sign-in really produced, the signature the card
really made, the card's certificate, the person's name, email and Care
Identity number. The same run shows the journey log a helpdesk reads at INFO.
``test_a_deliberate_leak_is_caught`` proves the scanner fails on each form.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from linker_sandbox.drivers.wizard_driver import WizardDriver
from linker_sandbox.testdata.people import DEFAULT_PIN, person
from smartcard_linker.card.pkcs11_access import Pkcs11TokenSession
from smartcard_linker.logs import QUIET_LOGGERS, setup_logging
from tests.e2e.canary import binary_forms, care_identity_forms, find_leaks, text_forms

CANARY_PIN = "739184"


@pytest.mark.slow
@pytest.mark.parametrize("kiosk", [False, True], ids=["desktop", "kiosk"])
def test_journey_logs_no_secrets(
    kiosk: bool,
    wizard: Callable[..., WizardDriver],
    tmp_path: Path,
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    signatures: list[bytes] = []
    real_sign = Pkcs11TokenSession.sign

    def recording_sign(self: Pkcs11TokenSession, *args: Any) -> bytes:
        signature = real_sign(self, *args)  # the card really signs; we keep a copy
        signatures.append(signature)
        return signature

    monkeypatch.setattr(Pkcs11TokenSession, "sign", recording_sign)
    # Everything at DEBUG, libraries included (an earlier test may have quieted them), except
    # SQLAlchemy: the app never loads it (build.spec forbids it); its records here would come
    # from the sandbox portal running in this process, which keeps them at WARNING itself.
    for name in QUIET_LOGGERS:
        if name != "sqlalchemy":
            logging.getLogger(name).setLevel(logging.NOTSET)
    log_file = setup_logging("DEBUG", tmp_path, console=True, quiet=())
    who = person("ready")
    try:
        w = wizard("ready", kiosk_mode=kiosk)
        assert w.sign_in_to_account() == "accountPage"
        w.click("accountContinueButton")
        w.insert()
        w.wait_page("cardPage")
        certificate = w.window.journey.state.certificates[0].der
        w.click("cardContinueButton")
        w.enter_pin(CANARY_PIN)
        dialog = w.pin_dialog()
        w.wait_page("cardPage", "reviewPage", timeout_s=5)
        w.enter_pin(DEFAULT_PIN)
        w.wait_page("reviewPage")
        w.click("confirmButton")
        w.wait_page("donePage")
        reference = w.text("referenceLabel")
        sign_in = w.window.journey._services.sign_in()
        token = sign_in.access_token().token
        cache_blob = sign_in._cache.serialize()  # type: ignore[attr-defined]
    finally:
        for handler in logging.getLogger().handlers:
            handler.flush()
        setup_logging("WARNING", tmp_path / "after")
    assert dialog is not None and log_file is not None and signatures
    written = log_file.read_text(encoding="utf-8")
    captured = capfd.readouterr()
    everything = written + captured.out + captured.err
    # it did log the traffic that carried the secrets
    assert "/api/v1/link-requests" in written and "msal" in written
    assert len(token) > 100

    # the journey log a helpdesk reads: steps with durations, portal calls, the outcome
    assert "journey step: start -> signing_in (start took" in written
    assert "journey step: review -> working" in written or "-> done" in written
    assert "readiness: service=ok reader=ok middleware=ok portal=ok" in written
    assert "portal GET /api/v1/me -> 200 in" in written and "(request id " in written
    assert "portal POST /api/v1/challenges -> 201" in written
    assert "card in reader " in written and "with PKCS#11 module " in written
    assert "PIN asked (dialog): first try" in written
    assert written.count("PIN asked (dialog): ") == 2  # the wrong canary PIN, then the right one
    assert f"journey outcome: linked reference={reference}" in written

    secrets = {
        "canary PIN": text_forms(CANARY_PIN),
        "PIN": text_forms(DEFAULT_PIN),
        "access token": {
            "token": token,
            **{f"segment {i}": s for i, s in enumerate(token.split("."))},
        },
        "signature": binary_forms(signatures[-1]),
        "certificate": binary_forms(certificate),
        "name": {"display name": who.display_name},
        "email": {"address": who.username},
        "Care Identity": care_identity_forms(who.care_identity_uuid),
    }
    cache = json.loads(cache_blob)
    for kind in ("RefreshToken", "IdToken"):
        for entry in cache.get(kind, {}).values():
            secrets[kind] = {"secret": entry["secret"]}
    assert "RefreshToken" in secrets
    assert find_leaks(everything, secrets) == []


def test_a_deliberate_leak_is_caught(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """Each form the scanner knows, logged on purpose through the real set-up, is found."""
    secrets = {
        "PIN": text_forms(CANARY_PIN),
        "signature": binary_forms(bytes(range(256))),
        "Care Identity": care_identity_forms("102048843983"),
        "email": {"address": "ready.user@nhs.net"},
    }
    log_file = setup_logging("INFO", tmp_path, console=True)
    leaky = logging.getLogger("smartcard_linker.leaky")
    try:
        for forms in secrets.values():
            for value in forms.values():
                leaky.info("value %s", value)  # a bug that logs a secret
    finally:
        setup_logging("WARNING", tmp_path / "after")
    assert log_file is not None
    everything = log_file.read_text(encoding="utf-8") + capfd.readouterr().err
    expected = [f"{name} ({form})" for name, forms in secrets.items() for form in forms]
    assert find_leaks(everything, secrets) == expected
