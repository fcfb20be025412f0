"""The Windows registry, where IT's policy and deployment settings live: the one settings
source that cannot run off Windows (tests hand ``load_settings`` a named fake reader)."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any, Protocol


class RegistryReader(Protocol):
    """Reads the values under one HKLM key. The only part that cannot run off Windows."""

    def read(self, key: str) -> Mapping[str, Any] | None: ...


class WindowsRegistryReader:
    """Reads HKLM with ``winreg``; REG_SZ → str, REG_DWORD → int, REG_MULTI_SZ → list."""

    def read(self, key: str) -> Mapping[str, Any] | None:
        import importlib

        winreg: Any = importlib.import_module("winreg")

        values: dict[str, Any] = {}
        try:
            handle = winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, key)
        except OSError:
            return None
        with handle:
            index = 0
            while True:
                try:
                    name, data, _kind = winreg.EnumValue(handle, index)
                except OSError:
                    break
                values[str(name)] = data
                index += 1
        return values


def default_registry() -> RegistryReader | None:
    return WindowsRegistryReader() if sys.platform == "win32" else None
