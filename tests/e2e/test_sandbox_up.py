"""`linker-sandbox up` as a person uses it: start, use the card and AUP commands, stop cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from link_portal.admin import ACCOUNTS
from link_portal.db import make_engine
from linker_sandbox.testdata.people import person

pytestmark = pytest.mark.slow


def aup_accepted(engine: Engine, oid: str) -> bool:
    with engine.connect() as conn:
        return bool(
            conn.execute(select(ACCOUNTS.c.aup_accepted).where(ACCOUNTS.c.oid == oid)).scalar()
        )


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "linker_sandbox.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_up_card_and_aup_commands_then_clean_stop(tmp_path: Path) -> None:
    sandbox = tmp_path / "sandbox"
    env = {k: v for k, v in os.environ.items() if k != "PCSCLITE_CSOCK_NAME"}
    up = subprocess.Popen(
        [sys.executable, "-m", "linker_sandbox.cli", "up", "--sandbox-dir", str(sandbox)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        assert up.stdout is not None
        lines: list[str] = []
        deadline = time.monotonic() + 60
        while not any("Ctrl-C stops everything" in line for line in lines):
            assert time.monotonic() < deadline, "".join(lines)
            line = up.stdout.readline()
            assert line or up.poll() is None, "".join(lines)
            lines.append(line)
        output = "".join(lines)
        assert "identity provider  https://127.0.0.1:" in output
        assert (sandbox / "app-config.toml").exists()

        inserted = _cli(
            "card", "--sandbox-dir", str(sandbox), "insert", "locked", "--reader", "1", env=env
        )
        assert inserted.returncode == 0, inserted.stderr
        listing = _cli("card", "--sandbox-dir", str(sandbox), "list", env=env)
        assert "locked [1020 4884 3987]" in listing.stdout

        noaup = person("noaup")
        engine = make_engine(f"sqlite:///{sandbox / 'portal.db'}")
        assert aup_accepted(engine, noaup.oid) is False
        accepted = _cli("aup", "accept", "noaup", "--sandbox-dir", str(sandbox), env=env)
        assert accepted.returncode == 0, accepted.stderr
        assert aup_accepted(engine, noaup.oid) is True
        engine.dispose()
    finally:
        up.send_signal(signal.SIGTERM)
        up.wait(30)
    assert up.returncode == 0
    leftovers = subprocess.run(["pgrep", "-af", str(sandbox)], capture_output=True, text=True)
    assert leftovers.stdout.strip() == ""
