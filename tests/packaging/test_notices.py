"""Licences: the project's LICENSE, and third-party notices generated from the installed
distributions, with the full licence text of every one (LGPL for Qt/PySide6 and pyscard)."""

from __future__ import annotations

import importlib.metadata as md
import sys

from tests.packaging.conftest import INSTALLER, ROOT

sys.path.insert(0, str(INSTALLER))
import third_party_notices


def test_the_project_has_a_licence_matching_its_metadata() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert md.metadata("smartcard-linker")["License"] == "MIT"


def test_notices_cover_every_runtime_dependency_with_its_licence_text() -> None:
    closure = third_party_notices.runtime_closure()
    direct = {
        third_party_notices._canonical(r.split(";")[0].split("<")[0].split(">")[0].split("=")[0])
        for r in md.requires("smartcard-linker") or []
        if "extra ==" not in r
    }
    assert direct <= {third_party_notices._canonical(n) for n in closure}
    text = third_party_notices.render(closure)
    sections = text.split("=" * 78)
    for name in closure:
        dist = md.distribution(name)
        header = f"\n{dist.metadata['Name']} {dist.version}\nLicence: "
        [index] = [i for i, s in enumerate(sections) if s.startswith(header)]
        body = sections[index + 1]
        assert body.strip().startswith("--- ") and len(body) > 200, name  # a real licence text
    pyside = sections[next(i for i, s in enumerate(sections) if "PySide6" in s) + 1]
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in pyside and "Version 3" in pyside
    pyscard = sections[next(i for i, s in enumerate(sections) if "\npyscard " in s) + 1]
    assert "GNU Lesser General Public" in pyscard or "LESSER GENERAL PUBLIC" in pyscard
    assert "PYTHON SOFTWARE FOUNDATION LICENSE" in text


def test_the_portal_and_test_tools_are_not_in_the_notices() -> None:
    names = {n.lower() for n in third_party_notices.runtime_closure()}
    assert not names & {
        "fastapi",
        "sqlalchemy",
        "uvicorn",
        "pytest",
        "pyinstaller",
        "smartcard-linker",
    }


def test_system_libraries_are_named_with_their_package_licence() -> None:
    """What a Linux onedir copies from the build machine (libxcb, glib, ...) is listed too."""
    import shutil
    from pathlib import Path

    library = Path("/lib/x86_64-linux-gnu/libglib-2.0.so.0")
    if shutil.which("dpkg-query") is None or not library.exists():
        text = third_party_notices.render_system_libraries([library])
        assert "libglib-2.0.so.0" in text  # named even without package information
        return
    text = third_party_notices.render_system_libraries([library])
    assert "System library package: libglib2.0-0" in text
    assert "Files: libglib-2.0.so.0" in text
    assert "LGPL" in text or "GNU Lesser" in text  # GLib's licence, from its copyright file
