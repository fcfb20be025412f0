"""Settings precedence and bad-value reporting, through the real file/env/CLI layers.

The Windows registry cannot run here: ``InMemoryRegistry`` is a named stand-in
for it, used only to prove the two registry layers sit on top.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from smartcard_linker.config import (
    DEPLOYMENT_KEY,
    KEYS,
    POLICY_KEY,
    Settings,
    load_settings,
)


class InMemoryRegistry:
    """Stand-in for HKLM (the one boundary that cannot run off Windows)."""

    def __init__(self, keys: Mapping[str, Mapping[str, Any]]) -> None:
        self.keys = keys

    def read(self, key: str) -> Mapping[str, Any] | None:
        return self.keys.get(key)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    return {"machine": tmp_path / "etc" / "config.toml", "user": tmp_path / "user" / "config.toml"}


def _load(
    files: dict[str, Path],
    *,
    registry: InMemoryRegistry | None = None,
    env: dict[str, str] | None = None,
    cli: dict[str, str] | None = None,
):  # type: ignore[no-untyped-def]
    return load_settings(
        cli_values=cli or {},
        environ=env or {},
        registry=registry,
        machine_file=files["machine"],
        user_file=files["user"],
    )


BASE = 'portal_url = "https://user.example"\nclient_id = "c"\napi_scope = "s"\n'


def test_each_layer_overrides_the_one_below(files: dict[str, Path]) -> None:
    env = {"SMARTCARD_LINKER_PRODUCT_NAME": "From Env", "SMARTCARD_LINKER_HELPDESK_PHONE": "1"}
    cli = {"product_name": "From CLI", "pin_pad_timeout_s": "60"}
    loaded = _load(files, env=env, cli=cli)
    assert loaded.settings.product_name == "From CLI"  # CLI above environment
    assert loaded.settings.helpdesk_phone == "1"  # environment above defaults
    assert loaded.settings.pin_pad_timeout_s == 60

    _write(files["user"], BASE + 'product_name = "From User"\n')
    assert _load(files, env=env, cli=cli).settings.product_name == "From User"

    _write(files["machine"], 'product_name = "NHS.net Connect"\nkiosk_mode = true\n')
    loaded = _load(files, env=env, cli=cli)
    assert loaded.settings.product_name == "NHS.net Connect"
    assert loaded.settings.kiosk_mode is True
    assert loaded.origins["product_name"].startswith("machine file")

    registry = InMemoryRegistry({DEPLOYMENT_KEY: {"product_name": "MSI", "kiosk_mode": 0}})
    loaded = _load(files, env=env, cli=cli, registry=registry)
    assert loaded.settings.product_name == "MSI"
    assert loaded.settings.kiosk_mode is False  # REG_DWORD 0
    assert "product_name" not in loaded.locked

    registry.keys = {**registry.keys, POLICY_KEY: {"product_name": "Policy"}}
    loaded = _load(files, env=env, cli=cli, registry=registry)
    assert loaded.settings.product_name == "Policy"
    assert loaded.locked == {"product_name"}
    assert "[locked by policy]" in loaded.describe()
    assert loaded.ok, loaded.problems


def test_the_user_file_cannot_switch_a_kiosk_off(files: dict[str, Path]) -> None:
    _write(files["user"], BASE + "kiosk_mode = false\n")
    assert _load(files).settings.kiosk_mode is False  # nothing else says kiosk
    loaded = _load(files, cli={"kiosk_mode": "true"})  # --kiosk
    assert loaded.settings.kiosk_mode is True
    assert loaded.origins["kiosk_mode"].startswith("command line")
    assert _load(files, env={"SMARTCARD_LINKER_KIOSK_MODE": "1"}).settings.kiosk_mode is True
    registry = InMemoryRegistry({DEPLOYMENT_KEY: {"kiosk_mode": 1}})
    assert _load(files, registry=registry).settings.kiosk_mode is True
    registry = InMemoryRegistry({POLICY_KEY: {"kiosk_mode": 1}})
    loaded = _load(files, registry=registry)
    assert loaded.settings.kiosk_mode is True and "kiosk_mode" in loaded.locked
    _write(files["user"], BASE + "kiosk_mode = true\n")  # a user may still turn it on
    assert _load(files).settings.kiosk_mode is True


def test_defaults_and_required_settings(files: dict[str, Path]) -> None:
    loaded = _load(files)
    assert loaded.settings.authority == "https://login.microsoftonline.com/nhs.net"
    assert {p.key for p in loaded.problems} == {"portal_url", "client_id", "api_scope"}
    assert all(loaded.origins[k] == "built-in default" for k in KEYS)


@pytest.mark.parametrize(
    ("line", "key", "expected"),
    [
        ('portal_url = "http://portal.example"', "portal_url", "https://"),
        ('kiosk_mode = "maybe"', "kiosk_mode", "true or false"),
        ("pin_pad_timeout_s = 0", "pin_pad_timeout_s", "1 to 86400"),
        ('pin_pad_timeout_s = "ninety"', "pin_pad_timeout_s", "whole number"),
        ('colour = "blue"', "colour", "not a known setting"),
        ('extra_ca_file = "/nonexistent/ca.pem"', "extra_ca_file", "readable PEM file"),
        ('log_level = "LOUD"', "log_level", "DEBUG, INFO"),
        ('authority = "https://login.example"', "authority", "<tenant>"),
    ],
)
def test_bad_values_name_source_key_and_expectation(
    files: dict[str, Path], line: str, key: str, expected: str
) -> None:
    base = "".join(b + "\n" for b in BASE.splitlines() if not b.startswith(key))
    _write(files["user"], base + line + "\n")
    loaded = _load(files)
    [problem] = [p for p in loaded.problems if p.source != "effective settings"]
    assert problem.key == key
    assert str(files["user"]) in problem.source
    assert expected in problem.message
    # the bad value is skipped, the rest of the file still applies
    assert loaded.settings.portal_url.startswith("https://") or key == "portal_url"
    assert getattr(loaded.settings, key, None) == getattr(Settings(), key, None)


def test_unreadable_and_broken_files_are_reported(files: dict[str, Path]) -> None:
    _write(files["user"], "portal_url = [unclosed\n")
    loaded = _load(files)
    assert any("not valid TOML" in p.message and "user file" in p.source for p in loaded.problems)


def test_environment_list_and_bool_parsing(files: dict[str, Path]) -> None:
    import os

    env = {
        "SMARTCARD_LINKER_PKCS11_MODULES": os.pathsep.join(["/a/one.so", "/b/two.so"]),
        "SMARTCARD_LINKER_KIOSK_MODE": "yes",
    }
    loaded = _load(files, env=env)
    assert loaded.settings.pkcs11_modules == ("/a/one.so", "/b/two.so")
    assert loaded.settings.kiosk_mode is True
    assert loaded.origins["kiosk_mode"].startswith("environment")


def test_print_config_command_shows_each_layer(tmp_path: Path) -> None:
    config = _write(tmp_path / "mine.toml", BASE + 'product_name = "NHS.net Connect"\n')
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "smartcard_linker",
            "--print-config",
            "--config",
            str(config),
            "--set",
            "helpdesk_phone=0300 000 0000",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "SMARTCARD_LINKER_KIOSK_MODE": "true", "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = {
        line.split("=")[0].strip(): line for line in result.stdout.splitlines() if " = " in line
    }
    assert "NHS.net Connect" in lines["product_name"] and str(config) in lines["product_name"]
    assert "0300 000 0000" in lines["helpdesk_phone"] and "command line" in lines["helpdesk_phone"]
    assert "environment" in lines["kiosk_mode"]
    assert "built-in default" in lines["authority"]


def test_print_config_exits_nonzero_and_names_problem(tmp_path: Path) -> None:
    config = _write(tmp_path / "bad.toml", BASE.replace("https://", "http://"))
    result = subprocess.run(
        [sys.executable, "-m", "smartcard_linker", "--print-config", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode == 3  # EXIT_CONFIG
    assert f"user file {config}: portal_url: expected an https:// URL" in result.stdout


def test_version_flag() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "smartcard_linker", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.startswith("Smartcard Linker 0.")
