"""Start the reference portal on loopback (in-process thread or subprocess) and seed it.

Used by the sandbox command, the end-to-end tests and the benchmarks: the portal is
started exactly as in production (uvicorn, TLS with the sandbox's server
certificate), on a free loopback port chosen per run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
import uuid as uuidlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uvicorn
from sqlalchemy.engine import Engine

from link_portal.admin import DirectoryEntry, create_link, import_directory, set_account
from link_portal.app import create_app
from link_portal.config import PortalConfig, dump_config_toml
from link_portal.db import make_engine
from link_portal.schema import upgrade
from linker_sandbox.processes.sockets import free_loopback_port, free_loopback_socket
from linker_sandbox.testdata.people import PEOPLE, TestPerson


def _die_with_parent() -> None:
    """In the child (Linux): SIGTERM when the parent dies, so a killed test run or
    benchmark leaves no server behind."""
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    ctypes.CDLL(None).prctl(pr_set_pdeathsig, signal.SIGTERM)


def prepare_database(url: str) -> Engine:
    """Create or upgrade the schema at ``url`` and return an engine for it."""
    engine = make_engine(url, pool_size=2)
    upgrade(engine)
    return engine


def other_account_for(person: TestPerson) -> tuple[str, str, str]:
    """The (oid, email, name) of the someone-else a ``linked_to_other`` card belongs to."""
    oid = str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, f"sandbox-other/{person.key}"))
    return oid, f"other.{person.key}@nhs.net", f"Other Holder of {person.key}"


def seed_people(engine: Engine, people: Iterable[TestPerson] = PEOPLE) -> None:
    """Load the sandbox people: directory entries (not "unknown"), AUP state, and
    links to some other account for ``linked_to_other`` cards. Safe to run twice."""
    people = list(people)
    import_directory(
        engine,
        [
            DirectoryEntry(p.care_identity_uuid, p.care_identity_name, p.identity_status)
            for p in people
            if p.identity_status != "unknown"
        ],
    )
    for p in people:
        set_account(
            engine,
            oid=p.oid,
            email=p.username,
            aup_accepted=p.aup_accepted,
            active=p.account_enabled,
            display_name=p.display_name,
        )
    from link_portal.admin import list_links

    linked = {row["uuid"] for row in list_links(engine)}
    for p in people:
        if p.linked_to_other and p.care_identity_uuid not in linked:
            oid, email, name = other_account_for(p)
            set_account(engine, oid=oid, email=email, aup_accepted=True, display_name=name)
            create_link(engine, oid=oid, email=email, account_name=name, uuid=p.care_identity_uuid)


@dataclass
class RunningPortal:
    """A portal serving on loopback; ``stop()`` shuts it down cleanly."""

    base_url: str
    config: PortalConfig
    _server: uvicorn.Server | None = None
    _thread: threading.Thread | None = None
    process: subprocess.Popen[bytes] | None = None
    app: Any = field(default=None, repr=False)

    def stop(self, timeout_s: float = 10.0) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout_s)
            if self.app is not None:  # also when the lifespan's shutdown did not finish
                self.app.state.engine.dispose()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def __enter__(self) -> RunningPortal:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


def start_portal(
    config: PortalConfig,
    *,
    tls_cert: Path,
    tls_key: Path,
    host: str = "127.0.0.1",
    timeout_s: float = 15.0,
    set_origin: bool = True,
    port: int = 0,
) -> RunningPortal:
    """Serve ``config`` from a background thread (uvicorn, TLS) on a free loopback port
    (or on ``port``, e.g. to bring a stopped portal back at the same address).

    The schema must already exist (see prepare_database). With ``set_origin`` the
    config's public origin becomes the URL actually served (what clients sign).
    """
    sock = free_loopback_socket(host, port)
    port = sock.getsockname()[1]
    url_host = f"[{host}]" if ":" in host else host
    base_url = f"https://{url_host}:{port}"
    if set_origin:
        config = config.with_overrides(public_origin=base_url)
    app = create_app(config)
    # Warm the database path (first connection, ORM mappers) before anyone calls: its first
    # readiness answer could otherwise take seconds on a busy machine and time out the app's
    # readiness check, which allows 5 s.
    app.state.service.ready()
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            ssl_certfile=str(tls_cert),
            ssl_keyfile=str(tls_key),
            log_level="warning",
            access_log=False,
            http="httptools",
            loop="asyncio",
            lifespan="on",  # as `link-portal serve`: the app's thread limit, engine disposal
            timeout_graceful_shutdown=2,
        )
    )
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name=f"portal:{port}", daemon=True
    )
    thread.start()
    deadline = time.monotonic() + timeout_s
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("the portal did not start")
        time.sleep(0.01)
    return RunningPortal(base_url, config, server, thread, app=app)


def start_portal_process(
    config: PortalConfig,
    *,
    directory: Path,
    tls_cert: Path,
    tls_key: Path,
    port: int | None = None,
    workers: int = 1,
    host: str = "127.0.0.1",
    timeout_s: float = 30.0,
    ca_file: Path | None = None,
    set_origin: bool = True,
    env: dict[str, str] | None = None,
) -> RunningPortal:
    """Run ``link-portal serve`` as a child process (for crash tests and benchmarks);
    ``env`` adds to its environment (e.g. PYTHONPATH: another commit's portal)."""
    port = port or free_loopback_port(host)
    url_host = f"[{host}]" if ":" in host else host
    base_url = f"https://{url_host}:{port}"
    if set_origin:
        config = config.with_overrides(public_origin=base_url)
    config_path = directory / "portal.toml"
    config_path.write_text(dump_config_toml(config), encoding="utf-8")
    log = (directory / "portal.log").open("ab")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "link_portal.cli",
            "serve",
            "--config",
            str(config_path),
            "--host",
            host,
            "--port",
            str(port),
            "--tls-cert",
            str(tls_cert),
            "--tls-key",
            str(tls_key),
            "--workers",
            str(workers),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        preexec_fn=_die_with_parent if sys.platform == "linux" else None,
    )
    log.close()
    portal = RunningPortal(base_url, config, process=process)
    wait_ready(base_url, ca_file or tls_cert, process, timeout_s)
    return portal


def wait_ready(
    base_url: str, ca_file: Path, process: subprocess.Popen[bytes] | None, timeout_s: float
) -> None:
    import ssl
    import urllib.request

    context = ssl.create_default_context(cafile=str(ca_file))
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the portal exited with {process.returncode}")
        try:
            with urllib.request.urlopen(  # noqa: S310 - our own https loopback URL
                f"{base_url}/readyz", timeout=2, context=context
            ) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError("the portal did not become ready")
