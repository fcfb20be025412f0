"""Suite-wide settings: offscreen Qt, shared fixture plugins, and no silent skips in CI."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

_HERE = Path(__file__).parent
# The sandbox fixtures need POSIX (pcscd, PostgreSQL); the Windows release workflow runs only the
# Qt-free, config and policy tests, which use none of them.
pytest_plugins = (
    [f"tests.{path.stem}" for path in sorted(_HERE.glob("fixtures_*.py"))]
    if sys.platform != "win32"
    else []
)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """In CI a skipped test of a required component is a failure, not a pass."""
    outcome = yield
    report = outcome.get_result()
    if os.environ.get("CI") == "true" and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI (a skip here is a failure): {report.longrepr}"
