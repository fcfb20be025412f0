"""Settings input a new user gets wrong gives a clear problem, never a traceback or a hang."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from smartcard_linker.config import load_settings

BASE = 'portal_url = "https://user.example"\nclient_id = "c"\napi_scope = "s"\n'


def _load(user: Path, env: dict[str, str] | None = None, config: Path | None = None):  # type: ignore[no-untyped-def]
    return load_settings(
        environ=env or {},
        registry=None,
        machine_file=user.parent / "no-machine.toml",
        user_file=user,
        config_file=config,
    )


def test_a_file_that_is_not_utf8_is_reported(tmp_path: Path) -> None:
    user = tmp_path / "config.toml"
    user.write_bytes(BASE.encode() + 'product_name = "Caf\xe9"\n'.encode("latin-1"))
    loaded = _load(user)
    [problem] = [p for p in loaded.problems if p.key == "(file)"]
    assert "not UTF-8" in problem.message and str(user) in problem.source


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_or_device_as_config_is_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "config.fifo"
    os.mkfifo(fifo)
    # In a child process: if it waited on the FIFO the timeout would fail the test.
    result = subprocess.run(
        [sys.executable, "-m", "smartcard_linker", "--print-config", "--config", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 3, result.stdout + result.stderr
    assert f"user file {fifo}: (file): is not a regular file" in result.stdout
    loaded = _load(tmp_path / "unused.toml", config=Path("/dev/zero"))
    assert any("not a regular file" in p.message for p in loaded.problems)
    loaded = _load(tmp_path / "unused.toml", config=tmp_path)
    assert any("is a directory" in p.message for p in loaded.problems)


def test_environment_naming_a_missing_file_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.toml"
    loaded = _load(tmp_path / "user.toml", env={"SMARTCARD_LINKER_CONFIG": str(missing)})
    [problem] = [p for p in loaded.problems if p.key == "(file)"]
    assert str(missing) in problem.source
    assert "does not exist" in problem.message and "SMARTCARD_LINKER_CONFIG" in problem.message


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('product_name = "NHS\\u001b[31mmail"', "product_name"),
        ('helpdesk_phone = "0300\\n200"', "helpdesk_phone"),
        ('pkcs11_modules = ["/usr/lib/a.so\\u0000"]', "pkcs11_modules"),
    ],
)
def test_control_characters_in_a_value_are_refused(tmp_path: Path, line: str, key: str) -> None:
    user = tmp_path / "config.toml"
    user.write_text(BASE + line + "\n", encoding="utf-8")
    loaded = _load(user)
    [problem] = loaded.problems
    assert problem.key == key and "control character" in problem.message
    env_loaded = _load(tmp_path / "none.toml", env={"SMARTCARD_LINKER_LOCAL_ADMIN_TEXT": "a\tb"})
    assert any(p.key == "local_admin_text" for p in env_loaded.problems)
