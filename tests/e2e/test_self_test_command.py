"""The sandbox's one-command self-test, run exactly as IT or the README would run it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def run_self_test(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The command in a fresh process with no display and no inherited pcscd socket."""
    env = {k: v for k, v in os.environ.items() if k not in ("PCSCLITE_CSOCK_NAME", "DISPLAY")}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "linker_sandbox.cli",
            "self-test",
            "--sandbox-dir",
            str(tmp_path / "sandbox"),
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def test_self_test_links_and_verifies(tmp_path: Path) -> None:
    shots = tmp_path / "shots"
    logs = tmp_path / "logs"
    result = run_self_test(tmp_path, "--screenshots", str(shots), "--log-dir", str(logs))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASSED" in result.stdout
    assert "ready.user@nhs.net linked to 1020 4884 3983" in result.stdout
    # the app's log is in --log-dir, its path printed last, with the journey a helpdesk reads
    log_file = logs / "smartcard-linker.log"
    assert result.stdout.strip().splitlines()[-1] == f"self-test: app log: {log_file}"
    written = log_file.read_text(encoding="utf-8")
    reference = result.stdout.split("reference ", 1)[1].split()[0]
    assert f"journey outcome: linked reference={reference}" in written
    assert "portal POST /api/v1/link-requests -> 201" in written
    for personal in ("ready.user@nhs.net", "102048843983", "1020 4884 3983"):
        assert personal not in written
    pages = sorted(p.name for p in shots.glob("*.png"))
    assert [name.split("-", 2)[2] for name in pages] == [
        "start.png",
        "account.png",
        "insert-card.png",
        "card.png",
        "pin.png",
        "review.png",
        "done.png",
    ]
    # everything stopped: no card process or private pcscd left behind for this sandbox
    leftovers = subprocess.run(["pgrep", "-af", str(tmp_path)], capture_output=True, text=True)
    assert leftovers.stdout.strip() == ""


def test_self_test_fails_when_the_link_cannot_be_made(tmp_path: Path) -> None:
    """A person whose AUP is not accepted cannot link: the self-test must say FAILED, exit 1."""
    result = run_self_test(tmp_path, "--person", "noaup")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAILED" in result.stdout
