"""Secrets never reach the log file or the console, whatever shape they are logged in."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from smartcard_linker.logs import LOG_FILE_NAME, redact, register_secret, setup_logging

CANARY_PIN = "739184"
CANARY_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJjYW5hcnkiOiJ0b2tlbiJ9.c2lnbmF0dXJlLWNhbmFyeQ"
CANARY_REFRESH = "0.AXoAcanaryRefreshTokenValue"
CANARY_SIGNATURE = "U0lHTkFUVVJFQ0FOQVJZ"


def test_redaction_covers_every_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log_file = setup_logging("DEBUG", tmp_path, console=True)
    assert log_file == tmp_path / LOG_FILE_NAME
    log = logging.getLogger("smartcard_linker.test")
    log.info("login with pin=%s", CANARY_PIN)
    log.info("request headers %s", {"Authorization": f"Bearer {CANARY_TOKEN}"})
    log.debug("token response %r", {"access_token": CANARY_TOKEN, "refresh_token": CANARY_REFRESH})
    log.warning("form body: grant_type=refresh_token&refresh_token=%s&x=1", CANARY_REFRESH)
    log.info('{"signature": "%s", "signature_algorithm": "RS256"}', CANARY_SIGNATURE)
    try:
        raise RuntimeError(f"portal said no to token {CANARY_TOKEN}")
    except RuntimeError:
        log.exception("link request failed")
    # a third-party logger that propagates to root goes through the same handlers
    logging.getLogger("urllib3.connectionpool").warning("Authorization: Bearer %s", CANARY_TOKEN)
    for handler in logging.getLogger().handlers:
        handler.flush()

    written = log_file.read_text(encoding="utf-8") + capsys.readouterr().err
    # A console handler on this test's captured stderr must not outlive it (later tests would
    # write to a closed stream).
    setup_logging("WARNING", tmp_path / "after")
    assert "link request failed" in written and "RS256" in written  # the rest survives
    for canary in (CANARY_PIN, CANARY_TOKEN, CANARY_REFRESH, CANARY_SIGNATURE):
        assert canary not in written
    assert written.count("[REDACTED]") >= 7


def test_registered_secret_of_any_shape_is_removed() -> None:
    register_secret("opaque-session-value-42")
    assert redact("cookie jar had opaque-session-value-42 in it") == (
        "cookie jar had [REDACTED] in it"
    )


def test_plain_text_is_left_alone() -> None:
    text = "Card inserted in reader Virtual PCD 00 00 (NHS Smartcard, Series 9)"
    assert redact(text) == text
