"""Builds one real MSI with wixl from a stand-in payload, shared by the packaging tests.

The stand-in is a tiny directory shaped like the PyInstaller onedir (the real one is built
on Windows, PyInstaller does not cross-compile); the MSI around it is the real product.

``MSI_UNDER_TEST=path`` checks that MSI instead (the Windows release workflow points it at the
WiX-built one); tests that need the stand-in payload or msitools skip then.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"

# A stand-in payload: (relative path, content). Not real executables.
STAND_IN_FILES = {
    "SmartcardLinker.exe": b"stand-in payload: windowed exe\n",
    "SmartcardLinker-debug.exe": b"stand-in payload: console exe\n",
    "_internal/python311.dll": b"stand-in payload: runtime\n" * 50,
    "_internal/smartcard_linker/ui/resources/style.qss": b"QWidget { font-size: 11pt; }\n",
    "_internal/PySide6/plugins/platforms/qwindows.dll": b"stand-in payload: qt plugin\n",
    "_internal/keyring-25.7.0.dist-info/entry_points.txt": b"[keyring.backends]\n",
    "_internal/docs/read me.txt": b"a name with a space\n",
    "LICENSE": (ROOT / "LICENSE").read_bytes(),
    "THIRD-PARTY-NOTICES.txt": b"stand-in for the generated notices\n",
}


@dataclass(frozen=True)
class BuiltMsi:
    path: Path
    payload: Path | None  # None: an MSI built elsewhere (MSI_UNDER_TEST)
    output: str


def _tools_or_skip() -> None:
    missing = [
        tool for tool in ("wixl", "wixl-heat", "msiinfo", "msiextract") if not shutil.which(tool)
    ]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (apt packages wixl msitools)")


@pytest.fixture(scope="session")
def built_msi(tmp_path_factory: pytest.TempPathFactory) -> BuiltMsi:
    under_test = os.environ.get("MSI_UNDER_TEST")
    if under_test:
        return BuiltMsi(Path(under_test), None, "")
    _tools_or_skip()
    base = tmp_path_factory.mktemp("msi")
    payload = base / "stand-in-onedir"
    for rel, content in STAND_IN_FILES.items():
        target = payload / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    msi = base / "SmartcardLinker.msi"
    env = dict(os.environ, MSI_WORKDIR=str(base / "work"))
    result = subprocess.run(
        ["bash", str(INSTALLER / "build_msi.sh"), str(payload), str(msi)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert msi.is_file()
    return BuiltMsi(msi, payload, result.stdout + result.stderr)
