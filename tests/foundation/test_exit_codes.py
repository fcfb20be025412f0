"""Exit codes: one documented table; none of them asks Shell Launcher to reboot or shut down."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from smartcard_linker import exit_codes

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smartcard_linker", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "HOME": str(home)},
    )


def test_usage_errors_have_their_own_code(tmp_path: Path) -> None:
    for args in (["--no-such-option"], ["--log-level", "LOUD"]):
        result = _run(*args, home=tmp_path)
        assert result.returncode == exit_codes.EXIT_USAGE, (args, result.stderr)
        assert "usage:" in result.stderr
    assert exit_codes.EXIT_USAGE != exit_codes.EXIT_CRASH


def test_no_code_maps_to_a_reboot_or_shut_down_and_the_docs_list_each() -> None:
    codes = exit_codes.ALL.values()
    assert len(set(codes)) == len(exit_codes.ALL)
    assert not set(codes) & exit_codes.SHELL_LAUNCHER_RESERVED
    for doc in (ROOT / "README.md", ROOT / "docs" / "deployment.md"):
        text = doc.read_text(encoding="utf-8")
        table = {int(m) for m in re.findall(r"^\| (\d+) \|", text, flags=re.MULTILINE)}
        assert set(codes) <= table, f"{doc.name} misses an exit code"
        assert not table & exit_codes.SHELL_LAUNCHER_RESERVED, doc.name
