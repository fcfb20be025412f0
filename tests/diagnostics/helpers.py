"""Running ``smartcard-linker --diagnose --json`` as a user would, and checking its schema."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA_FILE = (
    Path(__file__).resolve().parents[2] / "src" / "smartcard_linker" / "diagnostics" / "schema.json"
)


def validate(report: dict[str, Any]) -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    validator.validate(report)


def diagnose(
    config: Path, log_dir: Path, *extra: str, env: dict[str, str] | None = None
) -> tuple[int, dict[str, Any], str]:
    """Exit code, the JSON report (validated against the schema) and stderr."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "smartcard_linker",
            "--diagnose",
            "--json",
            "--config",
            str(config),
            "--log-dir",
            str(log_dir),
            *extra,
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "NO_PROXY": "127.0.0.1,localhost", **(env or {})},
    )
    report = json.loads(result.stdout)
    validate(report)
    return result.returncode, report, result.stderr


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def silent_listener() -> Iterator[int]:
    """A loopback port that accepts connections (the kernel's backlog) and never answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield int(sock.getsockname()[1])


def check(report: dict[str, Any], check_id: str) -> dict[str, Any]:
    found = [c for c in report["checks"] if c["id"] == check_id]
    assert found, f"no check {check_id}: {[c['id'] for c in report['checks']]}"
    return found[0]
