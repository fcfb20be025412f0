"""The app never imports the server or the sandbox, and only ui/ imports Qt."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_app_does_not_import_portal_or_sandbox() -> None:
    offenders = [
        str(path.relative_to(SRC))
        for path in (SRC / "smartcard_linker").rglob("*.py")
        if any(n.split(".")[0] in {"link_portal", "linker_sandbox"} for n in _imports(path))
    ]
    assert offenders == []


def test_only_ui_imports_qt() -> None:
    app = SRC / "smartcard_linker"
    offenders = [
        str(path.relative_to(SRC))
        for path in app.rglob("*.py")
        if "ui" not in path.relative_to(app).parts[:1]
        and any(n.split(".")[0] == "PySide6" for n in _imports(path))
    ]
    assert offenders == []


def test_protocol_package_is_pure() -> None:
    allowed = {
        "__future__",
        "base64",
        "dataclasses",
        "datetime",
        "enum",
        "hashlib",
        "typing",
        "urllib",
        "link_protocol",
    }
    for path in (SRC / "link_protocol").rglob("*.py"):
        assert {n.split(".")[0] for n in _imports(path)} <= allowed, path
