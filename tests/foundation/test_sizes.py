"""The app stays in rooms a reader can hold in their head: no file over 600 lines, no
function over 60, except those docs/architecture.md names with its reason. The
reference portal's server (without its conformance kit) stays within 3,000 lines of
code, so a backend team can read it through."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "src" / "smartcard_linker"
MAX_FILE_LINES = 600
MAX_FUNCTION_LINES = 60
PORTAL = ROOT / "src" / "link_portal"
MAX_PORTAL_CODE_LINES = 3000


def _sizes() -> ModuleType:
    spec = importlib.util.spec_from_file_location("sizes", ROOT / "scripts" / "sizes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_no_file_over_the_limit() -> None:
    files, _functions = _sizes().measure(APP)
    assert [(n, name) for n, name in files if n > MAX_FILE_LINES] == []


def test_no_function_over_the_limit_unless_the_architecture_names_why() -> None:
    _files, functions = _sizes().measure(APP)
    named = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    unexplained = [
        (n, name) for n, name in functions if n > MAX_FUNCTION_LINES and f"`{name}`" not in named
    ]
    assert unexplained == []


def test_the_reference_portal_stays_readable() -> None:
    _lines, code = _sizes().totals(PORTAL, exclude=("conformance",))
    assert code <= MAX_PORTAL_CODE_LINES
