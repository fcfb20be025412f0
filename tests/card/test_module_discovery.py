"""Finding and loading PKCS#11 modules: configured, known per OS, missing, garbage, several."""

from __future__ import annotations

from pathlib import Path

import pytest

from smartcard_linker.card.errors import ModuleLoadFailed, ModuleNotFound
from smartcard_linker.card.modules import (
    CONFIGURED,
    OBERTHUR_AWP,
    OPENSC,
    KnownModule,
    candidates,
    default_modules,
    find_module,
    find_modules,
    module_name,
)
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


@pytest.mark.parametrize("platform", ["win32", "darwin", "linux"])
def test_each_os_lists_oberthur_awp_then_opensc(platform: str) -> None:
    known = default_modules(platform)
    names = [m.name for m in known]
    assert names[0] == OBERTHUR_AWP and set(names) == {OBERTHUR_AWP, OPENSC}
    assert "ocscryptoki" in known[0].path.lower()
    assert all("opensc-pkcs11" in m.path for m in known[1:])
    configured = candidates(["/opt/vendor/pkcs11.so"], platform=platform)
    assert configured[0] == KnownModule(CONFIGURED, "/opt/vendor/pkcs11.so")
    assert [m.path for m in configured[1:]] == [m.path for m in known]


def test_nothing_found_lists_every_place_looked(tmp_path: Path) -> None:
    absent = str(tmp_path / "vendor.so")
    with pytest.raises(ModuleNotFound) as missing:
        find_modules([absent], use_defaults=False)
    assert missing.value.tried == (absent,)
    looked = [m.path for m in candidates()]
    try:
        find_modules([absent])
    except ModuleNotFound as none:  # only on a machine without OpenSC
        assert list(none.tried) == [absent, *looked]
    assert module_name("/usr/local/AWP/lib/libOcsCryptoki.so") == OBERTHUR_AWP
