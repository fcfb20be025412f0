"""``link-portal serve --workers N`` on Linux: a listening socket per worker (the kernel
spreads connections over them), a dead worker is replaced, and stopping the server
stops every worker."""

from __future__ import annotations

import os
import signal
import socket
import ssl
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from testkit.proc import children, connections_per_process, spawned_workers, stat_fields

from link_portal.workers import balanced_workers_available
from linker_sandbox.processes.portal_runner import RunningPortal
from tests.fixtures_portal import PortalKit
from tests.portal.helpers import call

pytestmark = pytest.mark.skipif(
    not balanced_workers_available(), reason="SO_REUSEPORT balancing is Linux-only"
)


def _workers(portal: RunningPortal) -> list[int]:
    """The server's worker processes (its spawned children)."""
    assert portal.process is not None
    return spawned_workers(children(portal.process.pid))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    fields = stat_fields(pid)
    return fields is not None and fields[0] != "Z"


@pytest.fixture
def two_workers(sqlite_portal_kit: PortalKit, tmp_path: Path) -> Iterator[RunningPortal]:
    kit = sqlite_portal_kit
    portal = kit.serve_process(tmp_path, workers=2)
    yield portal
    portal.stop()


def test_connections_spread_over_workers(
    sqlite_portal_kit: PortalKit, two_workers: RunningPortal
) -> None:
    port = int(two_workers.base_url.rsplit(":", 1)[1])
    deadline = time.monotonic() + 20
    while len(_workers(two_workers)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    workers = _workers(two_workers)
    assert len(workers) == 2
    context = ssl.create_default_context(cafile=str(sqlite_portal_kit.pki.tls_ca_file))
    opened = []
    try:
        for _ in range(64):  # a burst, as a proxy's keep-alive pool opens
            raw = socket.create_connection(("127.0.0.1", port))
            opened.append(context.wrap_socket(raw, server_hostname="127.0.0.1"))
        time.sleep(0.5)
        per_worker = connections_per_process(workers, port)
    finally:
        for sock in opened:
            sock.close()
    assert sum(per_worker) == 64, per_worker
    assert min(per_worker) >= 16, f"one worker took nearly all connections: {per_worker}"


def test_a_dead_worker_is_replaced_and_stop_ends_all(
    sqlite_portal_kit: PortalKit, two_workers: RunningPortal
) -> None:
    deadline = time.monotonic() + 20
    while len(_workers(two_workers)) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    first, second = _workers(two_workers)
    os.kill(first, signal.SIGKILL)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        now = _workers(two_workers)
        if len(now) == 2 and first not in now:
            break
        time.sleep(0.1)
    replaced = _workers(two_workers)
    assert len(replaced) == 2 and first not in replaced and second in replaced
    kit = sqlite_portal_kit
    user = kit.new_user()
    for _ in range(6):  # whichever worker answers, it answers
        response = call(
            kit, "POST", "/api/v1/challenges", token=user.token(), base_url=two_workers.base_url
        )
        assert response.status_code == 201, response.text
    assert two_workers.process is not None
    two_workers.process.send_signal(signal.SIGTERM)
    two_workers.process.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in replaced) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in replaced), "a worker outlived the server"
