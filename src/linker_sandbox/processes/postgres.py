"""A private, throwaway PostgreSQL server on a free loopback port (tests, benchmarks).

Uses the distribution's server binaries (initdb, pg_ctl). PostgreSQL refuses to run
as root, so when we are root the cluster belongs to the ``postgres`` system user and
its commands run through ``runuser``.
"""

from __future__ import annotations

import glob
import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

from linker_sandbox.processes.sockets import free_loopback_port

_WATCHDOG = """
import json, os, shutil, subprocess, sys, time
parent, stop, directory = int(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3]
while True:
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        break
    time.sleep(0.5)
subprocess.run(stop + ["stop"], capture_output=True)
shutil.rmtree(directory, ignore_errors=True)
"""


class PostgresUnavailable(RuntimeError):
    """No PostgreSQL server binaries on this machine (or they would not start)."""


def find_bindir() -> Path | None:
    override = os.environ.get("LINKER_PG_BINDIR")
    if override:
        return Path(override)
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


class PrivatePostgres:
    def __init__(
        self,
        *,
        durable: bool = False,
        user: str = "portal",
        settings: dict[str, str] | None = None,
    ) -> None:
        """``durable=False`` turns fsync off: fine for tests that never crash the server.
        ``settings``: more server settings (``-c name=value``), e.g. for diagnosis."""
        self.bindir = find_bindir()
        self.durable = durable
        self.settings = dict(settings or {})
        self.user = user
        self.port = 0
        self.directory: Path | None = None
        self._run_as: list[str] = []
        self._watchdog: subprocess.Popen[bytes] | None = None
        self._options: list[str] = []

    def _cmd(self, *args: str) -> list[str]:
        return [*self._run_as, *args]

    def start(self) -> None:
        if self.bindir is None or not (self.bindir / "initdb").exists():
            raise PostgresUnavailable("PostgreSQL server binaries (initdb, pg_ctl) not found")
        self.directory = Path(tempfile.mkdtemp(prefix="linker-pg-"))
        data = self.directory / "data"
        if os.geteuid() == 0:
            owner = pwd.getpwnam("postgres")
            os.chown(self.directory, owner.pw_uid, owner.pw_gid)
            self._run_as = ["runuser", "-u", "postgres", "--"]
        self.port = free_loopback_port()
        subprocess.run(
            self._cmd(
                str(self.bindir / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                self.user,
                "-E",
                "UTF8",
                "--no-sync",
                "--no-instructions",
            ),
            check=True,
            capture_output=True,
        )
        self._options = [
            f"-p {self.port}",
            f"-k {self.directory}",
            "-c listen_addresses=127.0.0.1",
            "-c max_connections=200",
            "-c shared_buffers=64MB",
        ]
        self._options += [f"-c {name}={value}" for name, value in self.settings.items()]
        if not self.durable:
            self._options += [
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
            ]
        self._pg_ctl_start(data)
        self._start_watchdog(data)

    def _pg_ctl_start(self, data: Path) -> None:
        assert self.bindir is not None and self.directory is not None
        result = subprocess.run(
            self._cmd(
                str(self.bindir / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(self.directory / "server.log"),
                "-o",
                " ".join(self._options),
                "-w",
                "-t",
                "30",
                "start",
            ),
            capture_output=True,
        )
        if result.returncode != 0:
            log = (self.directory / "server.log").read_text(errors="replace")[-2000:]
            raise PostgresUnavailable(f"pg_ctl start failed: {result.stderr!r} {log}")

    def pause(self) -> None:
        """Stop the server, keeping its data and port: an outage that resume() ends."""
        assert self.bindir is not None and self.directory is not None
        subprocess.run(
            self._cmd(
                str(self.bindir / "pg_ctl"),
                "-D",
                str(self.directory / "data"),
                "-m",
                "fast",
                "-w",
                "stop",
            ),
            capture_output=True,
            check=True,
        )

    def resume(self) -> None:
        assert self.directory is not None
        self._pg_ctl_start(self.directory / "data")

    def _start_watchdog(self, data: Path) -> None:
        """A tiny process that stops the cluster if we die without calling stop()
        (SIGKILL, a harness timeout): no orphaned postgres left behind."""
        assert self.bindir is not None and self.directory is not None
        stop = [*self._run_as, str(self.bindir / "pg_ctl"), "-D", str(data), "-m", "immediate"]
        self._watchdog = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _WATCHDOG,
                str(os.getpid()),
                json.dumps(stop),
                str(self.directory),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )

    def url(self, database: str = "postgres", *, unix_socket: bool = False) -> str:
        """SQLAlchemy URL over TCP on loopback, or over the server's Unix socket (how
        a client on the database's own machine usually connects)."""
        if unix_socket:
            return (
                f"postgresql+psycopg://{self.user}@/{database}"
                f"?host={self.directory}&port={self.port}"
            )
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"

    def dsn(self, database: str = "postgres") -> str:
        """libpq connection string (TCP on loopback), for psycopg directly."""
        return f"host=127.0.0.1 port={self.port} user={self.user} dbname={database}"

    def create_database(self, name: str, *, unix_socket: bool = False) -> str:
        """Create database ``name`` and return its SQLAlchemy URL."""
        with psycopg.connect(self.dsn(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name, unix_socket=unix_socket)

    def stop(self) -> None:
        if self._watchdog is not None:
            self._watchdog.kill()
            self._watchdog.wait()
            self._watchdog = None
        if self.directory is None or self.bindir is None:
            return
        data = self.directory / "data"
        subprocess.run(
            self._cmd(str(self.bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"),
            capture_output=True,
        )
        deadline = time.monotonic() + 10
        while (data / "postmaster.pid").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        shutil.rmtree(self.directory, ignore_errors=True)
        self.directory = None

    def __enter__(self) -> PrivatePostgres:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()
