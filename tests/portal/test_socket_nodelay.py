"""Every portal and identity-provider server the project starts answers without Nagle's
algorithm: its listening sockets say IPPROTO_TCP (asyncio sets TCP_NODELAY only on
those) and the connections it accepts have TCP_NODELAY set.

Without it each kept-alive answer waits for the client's delayed ACK (~40 ms), which
is what the sandbox's portal did. The server's sockets are read from its own process
with pidfd_getfd (Linux 5.6+), so the subprocess workers of ``serve`` are covered too.
"""

from __future__ import annotations

import ctypes
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from testkit.proc import children, spawned_workers

from linker_sandbox.processes.idp.server import SandboxIdP
from linker_sandbox.processes.jwks_server import JwksServer
from linker_sandbox.testdata.pki import SandboxPKI
from smartcard_linker.net import make_session
from tests.fixtures_portal import PortalKit

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="pidfd_getfd is Linux-only")

SYS_PIDFD_OPEN = 434
SYS_PIDFD_GETFD = 438
_libc = ctypes.CDLL(None, use_errno=True)


def _tcp_sockets(pid: int, port: int) -> Iterator[socket.socket]:
    """Duplicates of ``pid``'s TCP sockets whose local port is ``port``."""
    pidfd = _libc.syscall(SYS_PIDFD_OPEN, pid, 0)
    if pidfd < 0:
        pytest.skip(f"pidfd_open failed (errno {ctypes.get_errno()})")
    try:
        for name in os.listdir(f"/proc/{pid}/fd"):
            try:
                if not os.readlink(f"/proc/{pid}/fd/{name}").startswith("socket:"):
                    continue
            except OSError:
                continue
            fd = _libc.syscall(SYS_PIDFD_GETFD, pidfd, int(name), 0)
            if fd < 0:
                continue
            sock = socket.socket(fileno=fd)
            inet = sock.family in (socket.AF_INET, socket.AF_INET6)
            if inet and sock.type == socket.SOCK_STREAM and sock.getsockname()[1] == port:
                yield sock
                continue
            sock.close()
    finally:
        os.close(pidfd)


def _assert_no_nagle(pids: list[int], base_url: str, session: requests.Session, path: str) -> None:
    port = int(base_url.rsplit(":", 1)[1].split("/")[0])
    session.get(base_url + path, timeout=10)  # one kept-alive connection stays open
    listening = accepted = 0
    for pid in pids:
        for sock in _tcp_sockets(pid, port):
            with sock:
                try:
                    sock.getpeername()
                except OSError:  # a listener
                    listening += 1
                    assert sock.proto == socket.IPPROTO_TCP, f"listener of {base_url} (pid {pid})"
                    continue
                accepted += 1
                nodelay = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
                assert nodelay, f"a connection accepted by {base_url} (pid {pid}) has Nagle on"
    assert listening >= 1 and accepted >= 1, (listening, accepted)


def test_in_process_portal(sqlite_portal_kit: PortalKit) -> None:
    """The portal the sandbox, the app's end-to-end tests and the portal tests use."""
    kit = sqlite_portal_kit
    with kit.http() as session:
        _assert_no_nagle([os.getpid()], kit.base_url, session, "/healthz")


@pytest.mark.parametrize("workers", [1, 2])
def test_serve_process(sqlite_portal_kit: PortalKit, tmp_path: Path, workers: int) -> None:
    """``link-portal serve`` as the benchmark and the crash tests run it."""
    kit = sqlite_portal_kit
    portal = kit.serve_process(tmp_path, workers)
    try:
        assert portal.process is not None
        pids = [portal.process.pid, *spawned_workers(children(portal.process.pid))]
        with kit.http() as session:
            _assert_no_nagle(pids, portal.base_url, session, "/healthz")
    finally:
        portal.stop()


def test_identity_providers(
    sandbox_idp: SandboxIdP, jwks_issuer: JwksServer, portal_pki: SandboxPKI
) -> None:
    with make_session(sandbox_idp.pki.tls_ca_file) as session:
        _assert_no_nagle(
            [os.getpid()],
            sandbox_idp.base_url,
            session,
            f"/{sandbox_idp.idp.tenant_id}/v2.0/.well-known/openid-configuration",
        )
    with make_session(portal_pki.tls_ca_file) as session:
        keys_path = jwks_issuer.jwks_url.removeprefix(jwks_issuer.base_url)
        _assert_no_nagle([os.getpid()], jwks_issuer.base_url, session, keys_path)
