"""Logging set-up: a rotating file in the user's log dir, with secrets redacted.

Redaction happens twice on purpose: a filter rewrites each record's message and
arguments (so every handler, ours or a library's, sees clean text) and the
formatter scrubs the final text again (so tracebacks and ``exc_info`` are clean
too). Our own code never logs a PIN, token or signature; this is the net under it.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import threading
from collections.abc import Iterable
from pathlib import Path

REDACTED = "[REDACTED]"
LOG_FILE_NAME = "smartcard-linker.log"
QUIET_LOGGERS = (
    "msal",
    "urllib3",
    "requests",
    "asyncio",
    "PIL",
    "keyring",
    "httpx",
    "httpcore",
    "uvicorn",
    "uvicorn.access",
    "sqlalchemy",
    "smartcard",
    "pkcs11",
)

# Names of secrets to hide (not secrets themselves).
_SECRET_KEYS = "|".join(
    (
        "pin",
        "passcode",
        "password",
        "secret",
        "client_secret",
        "code_verifier",
        "access_token",
        "refresh_token",
        "id_token",
        "token",
        "assertion",
        "signature",
        "authorization",
        "cookie",
    )
)
_PATTERNS: tuple[re.Pattern[str], ...] = (
    # JSON / dict / repr style:  "access_token": "…"   'pin': '1234'
    re.compile(rf"""(?i)(["']?(?:{_SECRET_KEYS})["']?\s*[:=]\s*)(["'])(.*?)\2"""),
    # query strings / form bodies / key=value:  pin=1234&…   refresh_token=…
    re.compile(rf"(?i)\b((?:{_SECRET_KEYS})=)([^&\s,;'\"]+)"),
    # Authorization header values
    re.compile(r"(?i)\b(Bearer|Basic|Negotiate)\s+[A-Za-z0-9._~+/=-]+"),
    # anything shaped like a JWT / JWS
    re.compile(r"\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*"),
)

_extra_secrets: set[str] = set()
_extra_lock = threading.Lock()


def register_secret(value: str) -> None:
    """Redact this exact value wherever it appears (e.g. a token of unusual shape)."""
    if len(value) >= 4:
        with _extra_lock:
            _extra_secrets.add(value)


def forget_secret(value: str) -> None:
    with _extra_lock:
        _extra_secrets.discard(value)


def redact(text: str) -> str:
    """Remove PINs, tokens, authorization headers and signatures from ``text``."""
    for pattern in _PATTERNS:
        if pattern.groups >= 3:
            text = pattern.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}{m.group(2)}", text)
        elif pattern.groups == 2:
            text = pattern.sub(lambda m: f"{m.group(1)}{REDACTED}", text)
        elif pattern.groups == 1:
            text = pattern.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
        else:
            text = pattern.sub(REDACTED, text)
    with _extra_lock:
        secrets = sorted(_extra_secrets, key=len, reverse=True)
    for secret in secrets:
        text = text.replace(secret, REDACTED)
    return text


class RedactingFilter(logging.Filter):
    """Rewrites the record's message (args merged in) to its redacted form."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg = redact(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


FORMAT = "%(asctime)s %(levelname)-7s %(threadName)s %(name)s: %(message)s"


def default_log_dir() -> Path:
    import platformdirs

    from smartcard_linker.config import APP_AUTHOR, APP_NAME

    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def setup_logging(
    level: str = "INFO",
    log_dir: Path | None = None,
    *,
    console: bool = False,
    quiet: Iterable[str] = QUIET_LOGGERS,
) -> Path | None:
    """Install the file (and optional console) handler on the root logger; returns the file."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_smartcard_linker", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)
    formatter = RedactingFormatter(FORMAT)
    handlers: list[logging.Handler] = []
    log_path: Path | None = None
    try:
        directory = log_dir or default_log_dir()
        directory.mkdir(parents=True, exist_ok=True)
        log_path = directory / LOG_FILE_NAME
        handlers.append(
            logging.handlers.RotatingFileHandler(
                log_path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
            )
        )
    except OSError as exc:  # a read-only profile must not stop the app
        logging.getLogger(__name__).warning("cannot write a log file: %s", exc)
        log_path = None
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(RedactingFilter())
        handler._smartcard_linker = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    for name in quiet:
        logging.getLogger(name).setLevel(logging.WARNING)
    return log_path
