"""Finding and loading the PKCS#11 module: configured, default, missing, garbage."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartcard_linker.card.errors import ModuleLoadFailed, ModuleNotFound
from smartcard_linker.card.modules import default_module_paths, find_module
from smartcard_linker.card.pkcs11_access import Pkcs11CardAccess


def test_default_paths_find_opensc_on_this_machine() -> None:
    path = find_module()
    assert Path(path).name == "opensc-pkcs11.so" and Path(path).is_file()


def test_configured_path_wins_over_defaults(tmp_path: Path) -> None:
    module = tmp_path / "vendor-pkcs11.so"
    module.write_bytes(b"\x7fELF")
    assert find_module([str(tmp_path / "absent.so"), str(module)]) == str(module)


def test_missing_module_is_reported_with_paths_tried(tmp_path: Path) -> None:
    absent = str(tmp_path / "nowhere" / "pkcs11.so")
    with pytest.raises(ModuleNotFound) as missing:
        Pkcs11CardAccess([absent], use_default_paths=False).module_path()
    assert absent in str(missing.value)


def test_garbage_module_fails_to_load_cleanly(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage-pkcs11.so"
    garbage.write_bytes(b"this is not a shared object" * 100)
    access = Pkcs11CardAccess([str(garbage)], use_default_paths=False)
    assert access.module_path() == str(garbage)
    with pytest.raises(ModuleLoadFailed):
        access.open_token("Sandbox Reader A 00 00")


def test_a_library_without_pkcs11_entry_points_fails_to_load() -> None:
    import pkcs11._pkcs11 as extension  # a real shared object with no C_GetFunctionList

    with pytest.raises(ModuleLoadFailed):
        Pkcs11CardAccess([extension.__file__], use_default_paths=False).module()


@pytest.mark.parametrize(
    ("platform", "expected"),
    [("win32", "opensc-pkcs11.dll"), ("darwin", "opensc-pkcs11.so"), ("linux", "opensc-pkcs11.so")],
)
def test_each_os_has_known_default_paths(platform: str, expected: str) -> None:
    paths = default_module_paths(platform)
    assert paths and all(p.endswith(expected) for p in paths)
