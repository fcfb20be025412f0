"""Policies fail closed: a bad policy value blocks Start and is what --print-config shows;
"machine settings only" shuts out the user's file, --set and the environment; REG_SZ numbers
and booleans (as IT often writes them) are accepted.

The Windows registry cannot run here: ``InMemoryRegistry`` (tests/foundation/test_config.py)
stands in for HKLM. ``test_the_real_registry_reader`` reads the real registry; it exists only on
Windows (the release workflow runs this file there).
"""

from __future__ import annotations

import sys
import typing
import uuid
from pathlib import Path

import pytest

from smartcard_linker.config import (
    DEPLOYMENT_KEY,
    KEYS,
    POLICY_KEY,
    Settings,
    load_settings,
)
from smartcard_linker.registry import WindowsRegistryReader
from tests.foundation.test_config import InMemoryRegistry

USER_FILE = 'portal_url = "https://user.example.test/"\nclient_id = "user"\napi_scope = "user"\n'
MACHINE = {"portal_url": "https://it.example.test/", "client_id": "it", "api_scope": "it"}


def _load(tmp_path: Path, policy=None, deployment=None, *, user=USER_FILE, cli=None, env=None):  # type: ignore[no-untyped-def]
    keys = {}
    if policy is not None:
        keys[POLICY_KEY] = policy
    if deployment is not None:
        keys[DEPLOYMENT_KEY] = deployment
    user_file = tmp_path / "user.toml"
    user_file.write_text(user, encoding="utf-8")
    return load_settings(
        cli_values=cli or {},
        environ=env or {},
        registry=InMemoryRegistry(keys),
        machine_file=tmp_path / "absent-machine.toml",
        user_file=user_file,
    )


def test_a_bad_policy_value_is_the_problem_never_a_lower_layers_value(tmp_path: Path) -> None:
    loaded = _load(
        tmp_path,
        policy={"portal_url": "http://portal.example.test/"},
        deployment={"portal_url": "https://msi.example.test/"},
        cli={"portal_url": "https://cli.example.test/"},
    )
    [problem] = loaded.problems
    assert problem.source.startswith("Windows policy") and problem.key == "portal_url"
    assert "https://" in problem.message
    assert not loaded.ok  # the app shows the problem and Start stays blocked
    assert loaded.settings.portal_url == ""  # neither the MSI's, the user's nor the CLI's URL
    assert loaded.origins["portal_url"].startswith("Windows policy")
    assert "portal_url" in loaded.locked
    [line] = [ln for ln in loaded.describe().splitlines() if ln.startswith("portal_url ")]
    assert "BAD VALUE 'http://portal.example.test/'" in line
    assert "<- Windows policy" in line and "[locked by policy]" in line
    for lower in ("msi.example", "user.example", "cli.example"):
        assert lower not in line


def test_a_bad_required_value_is_not_also_reported_as_missing(tmp_path: Path) -> None:
    loaded = _load(tmp_path, policy={"client_id": 7})
    assert [(p.key, p.source.split(" (")[0]) for p in loaded.problems] == [
        ("client_id", "Windows policy")
    ]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"kiosk_mode": "1", "remember_sign_in": "0"}, (True, False)),
        ({"kiosk_mode": " true ", "remember_sign_in": "False"}, (True, False)),
        ({"pin_pad_timeout_s": "90", "signin_timeout_s": " 600 "}, (90, 600)),
        ({"kiosk_mode": 1, "pin_pad_timeout_s": 45}, (True, 45)),
    ],
)
def test_reg_sz_numbers_and_booleans_are_accepted(
    tmp_path: Path, values: dict[str, object], expected: tuple[object, object]
) -> None:
    loaded = _load(tmp_path, policy=values)
    assert loaded.ok, loaded.problems
    assert tuple(getattr(loaded.settings, key) for key in values) == expected
    assert loaded.locked == set(values)


def test_reg_sz_that_is_neither_is_still_refused(tmp_path: Path) -> None:
    loaded = _load(tmp_path, policy={"kiosk_mode": "2", "pin_pad_timeout_s": "0"})
    assert {p.key: p.message for p in loaded.problems} == {
        "kiosk_mode": "expected true or false, got '2'",
        "pin_pad_timeout_s": "expected a number of seconds from 1 to 86400, got 0",
    }


def _sample(key: str, tmp_path: Path) -> str:
    """A valid text value for every setting, as a user would put in --set or the environment."""
    hint = typing.get_type_hints(Settings)[key]
    if hint is bool:
        return "false" if getattr(Settings(), key) else "true"
    if hint is int:
        return "77"
    samples = {
        "authority": "https://login.user.test/tenant",
        "log_level": "ERROR",
        "product_name": "User Mail",
        "pkcs11_modules": "/user/middleware.so",
    }
    if key == "extra_ca_file":
        pem = tmp_path / "user-ca.pem"
        pem.write_text("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")
        return str(pem)
    if key.endswith("_url"):
        return "https://user.example.test/"
    return samples.get(key, "from the user")


@pytest.mark.parametrize("layer", ["user file", "--set", "environment"])
@pytest.mark.parametrize("switch", [1, "1"])
def test_machine_settings_only_ignores_every_user_layer_for_every_setting(
    tmp_path: Path, layer: str, switch: object
) -> None:
    values = {key: _sample(key, tmp_path) for key in KEYS}
    user, cli, env = USER_FILE, {}, {}
    if layer == "user file":
        user = "".join(f"{key} = {_toml(key, value)}\n" for key, value in values.items())
    elif layer == "--set":
        cli = values
    else:
        env = {f"SMARTCARD_LINKER_{key.upper()}": value for key, value in values.items()}
    without = _load(tmp_path, deployment=MACHINE, user=user, cli=cli, env=env)
    user_set = {k for k in KEYS if without.origins[k] != "built-in default"} - set(MACHINE)
    assert user_set == set(KEYS) - set(MACHINE) - {"machine_settings_only"}  # the test bites

    loaded = _load(
        tmp_path, {"machine_settings_only": switch}, MACHINE, user=user, cli=cli, env=env
    )
    assert loaded.ok, loaded.problems
    assert loaded.machine_only
    for key in KEYS:
        if key in MACHINE:
            assert getattr(loaded.settings, key) == MACHINE[key]
        elif key != "machine_settings_only":
            assert getattr(loaded.settings, key) == getattr(Settings(), key), key
            assert loaded.origins[key] == "built-in default", key
    ignored = {p.key for p in loaded.ignored}
    assert ignored == set(KEYS) - set(MACHINE) - {"machine_settings_only"}
    assert "Ignored (read from machine settings only):" in loaded.describe()


def _toml(key: str, value: str) -> str:
    hint = typing.get_type_hints(Settings)[key]
    if hint is bool or hint is int:
        return value
    if key == "pkcs11_modules":
        return f'["{value}"]'
    return '"' + value.replace("\\", "\\\\") + '"'


def test_the_machine_only_switch_cannot_be_set_from_a_user_layer(tmp_path: Path) -> None:
    loaded = _load(
        tmp_path,
        user=USER_FILE + "machine_settings_only = false\n",
        env={"SMARTCARD_LINKER_MACHINE_SETTINGS_ONLY": "1"},
    )
    assert not loaded.machine_only
    assert loaded.origins["machine_settings_only"] == "built-in default"
    assert len(loaded.ignored) == 2 and loaded.ok
    locked_on = _load(
        tmp_path,
        deployment={"machine_settings_only": 1},
        user=USER_FILE + "machine_settings_only = false\n",
    )
    assert locked_on.machine_only and locked_on.settings.portal_url == ""


def test_a_bad_machine_only_value_fails_closed(tmp_path: Path) -> None:
    loaded = _load(tmp_path, {"machine_settings_only": "sometimes"}, MACHINE)
    assert [p.key for p in loaded.problems] == ["machine_settings_only"]
    assert loaded.machine_only  # the user file is not let in by a typo
    assert loaded.settings.portal_url == MACHINE["portal_url"]


def test_a_broken_user_file_cannot_block_machine_settings(tmp_path: Path) -> None:
    on = _load(tmp_path, {"machine_settings_only": 1}, MACHINE, user="portal_url = [broken\n")
    assert on.ok, on.problems
    assert any("not valid TOML" in p.message for p in on.ignored)
    off = _load(tmp_path, deployment=MACHINE, user="portal_url = [broken\n")
    assert any("not valid TOML" in p.message for p in off.problems)


def _real_registry_reader(tmp_path: Path) -> None:  # pragma: no cover - Windows only
    import winreg  # type: ignore[import-not-found,unused-ignore]

    key = rf"SOFTWARE\NHS\SmartcardLinkerTest-{uuid.uuid4()}"
    handle = winreg.CreateKeyEx(winreg.HKEY_LOCAL_MACHINE, key, 0, winreg.KEY_ALL_ACCESS)
    try:
        with handle:
            winreg.SetValueEx(handle, "kiosk_mode", 0, winreg.REG_SZ, "1")
            winreg.SetValueEx(handle, "pin_pad_timeout_s", 0, winreg.REG_DWORD, 45)
            winreg.SetValueEx(handle, "pkcs11_modules", 0, winreg.REG_MULTI_SZ, ["a.dll", "b.dll"])
            winreg.SetValueEx(handle, "portal_url", 0, winreg.REG_SZ, "http://bad.example.test/")
        values = WindowsRegistryReader().read(key)
    finally:
        winreg.DeleteKeyEx(winreg.HKEY_LOCAL_MACHINE, key)
    assert values is not None
    loaded = _load(tmp_path, policy=dict(values))
    assert loaded.settings.kiosk_mode is True
    assert loaded.settings.pin_pad_timeout_s == 45
    assert loaded.settings.pkcs11_modules == ("a.dll", "b.dll")
    assert [p.key for p in loaded.problems] == ["portal_url"]
    assert WindowsRegistryReader().read(key) is None


if sys.platform == "win32":  # collected only there: CI counts a skip as a failure
    test_the_real_registry_reader = _real_registry_reader
