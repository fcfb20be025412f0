"""The app's portal client: problems parsed, transport failures named by host."""

from __future__ import annotations

import base64
import contextlib
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from linker_sandbox.processes.portal_runner import free_loopback_port, start_portal
from linker_sandbox.testdata.pki import issue_tls_server_certificate
from smartcard_linker.portal.client import HttpPortalClient
from smartcard_linker.portal.errors import PortalError
from tests.fixtures_portal import JwksServer, PortalKit


def test_problem_is_parsed(portal_kit: PortalKit) -> None:
    client = portal_kit.client()
    client.health()
    with pytest.raises(PortalError) as caught:
        client.me("not-a-token")
    error = caught.value
    assert error.code == "token_invalid"
    assert error.problem.status == 401
    assert error.request_id
    assert error.host == client.origin.removeprefix("https://")


def test_rate_limit_retry_after_reaches_the_app(make_portal_kit) -> None:  # type: ignore[no-untyped-def]
    from link_portal.config import RateLimit

    kit = make_portal_kit(challenge_rate=RateLimit(1, 60.0))
    user = kit.new_user()
    client = kit.client()
    client.create_challenge(user.token())
    with pytest.raises(PortalError) as caught:
        client.create_challenge(user.token())
    assert caught.value.code == "rate_limited"
    assert caught.value.problem.retry_after and caught.value.problem.retry_after >= 1


def test_network_error_names_host() -> None:
    port = free_loopback_port()
    client = HttpPortalClient(f"https://127.0.0.1:{port}")
    with pytest.raises(PortalError) as caught:
        client.health()
    assert caught.value.code == "network"
    assert f"127.0.0.1:{port}" in caught.value.problem.title


def test_untrusted_tls_is_tls_error(portal_kit: PortalKit) -> None:
    client = HttpPortalClient(portal_kit.base_url)  # no sandbox CA: the OS store only
    with pytest.raises(PortalError) as caught:
        client.health()
    assert caught.value.code == "tls"


@pytest.fixture
def silent_tls_server(portal_kit: PortalKit) -> Iterator[str]:
    """Accepts TLS connections and never answers."""
    listener = socket.create_server(("127.0.0.1", 0))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(portal_kit.pki.tls_cert_file, portal_kit.pki.tls_key_file)
    held: list[socket.socket] = []
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            try:
                held.append(context.wrap_socket(conn, server_side=True))
            except OSError:
                conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"https://127.0.0.1:{listener.getsockname()[1]}"
    stop.set()
    thread.join(2)
    for conn in held:
        conn.close()
    listener.close()


def test_timeout(portal_kit: PortalKit, silent_tls_server: str) -> None:
    client = HttpPortalClient(
        silent_tls_server, extra_ca_file=portal_kit.pki.tls_ca_file, timeout=(2.0, 0.5)
    )
    with pytest.raises(PortalError) as caught:
        client.health()
    assert caught.value.code == "timeout"


def test_non_problem_answer_is_unexpected(portal_kit: PortalKit, jwks_issuer: JwksServer) -> None:
    client = HttpPortalClient(jwks_issuer.base_url, extra_ca_file=portal_kit.pki.tls_ca_file)
    with pytest.raises(PortalError) as caught:
        client.health()  # an HTML 404 page, not a problem
    assert caught.value.code == "unexpected"
    assert caught.value.problem.status == 404


def test_a_netrc_entry_never_replaces_the_bearer_token(
    portal_kit: PortalKit, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """requests would send a ~/.netrc's credentials instead of the token (a ``default``
    entry matches every host): the sign-in is refused, and the password goes to the
    portal. The app's sessions never read it."""
    netrc = tmp_path / "netrc"
    netrc.write_text("default login someone password not-for-the-portal\n", encoding="utf-8")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    user = portal_kit.new_user()
    view = portal_kit.client().me(user.token())
    assert view.account.email == user.email


@dataclass
class TunnelProxy:
    """An HTTP proxy on loopback that only tunnels (CONNECT), always to ``target_port``
    on 127.0.0.1, and remembers what each client asked for."""

    url: str
    asked: list[tuple[str, str]]  # ("CONNECT host:port", Proxy-Authorization)


@pytest.fixture
def tunnel_proxy_to() -> Iterator[Callable[[int], TunnelProxy]]:
    listeners: list[socket.socket] = []

    def start(target_port: int) -> TunnelProxy:
        listener = socket.create_server(("127.0.0.1", 0))
        listeners.append(listener)
        asked: list[tuple[str, str]] = []

        def pipe(source: socket.socket, sink: socket.socket) -> None:
            with contextlib.suppress(OSError):
                while data := source.recv(65536):
                    sink.sendall(data)
            with contextlib.suppress(OSError):
                sink.shutdown(socket.SHUT_WR)

        def tunnel(client: socket.socket) -> None:
            head = b""
            while b"\r\n\r\n" not in head and (chunk := client.recv(4096)):
                head += chunk
            lines = head.decode("latin-1").split("\r\n")
            method, target, _ = lines[0].split(" ", 2)
            auth = next((v for k, _, v in (h.partition(": ") for h in lines[1:])
                         if k.lower() == "proxy-authorization"), "")  # fmt: skip
            asked.append((f"{method} {target}", auth))
            upstream = socket.create_connection(("127.0.0.1", target_port))
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()
            pipe(client, upstream)

        def serve() -> None:
            with contextlib.suppress(OSError):
                while True:
                    client, _ = listener.accept()
                    threading.Thread(target=tunnel, args=(client,), daemon=True).start()

        threading.Thread(target=serve, daemon=True).start()
        return TunnelProxy(f"http://127.0.0.1:{listener.getsockname()[1]}", asked)

    yield start
    for listener in listeners:
        listener.close()


def test_a_portal_off_loopback_is_reached_through_the_environments_proxy(
    sqlite_portal_kit: PortalKit,
    tunnel_proxy_to: Callable[[int], TunnelProxy],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As on a trust's network: HTTPS_PROXY (with its user and password) tunnels to the
    portal by name; NO_PROXY naming the portal's host goes direct instead."""
    kit = sqlite_portal_kit
    cert, key = issue_tls_server_certificate(kit.pki.tls_ca, ("portal.example.test",)).write(
        tmp_path, "named-portal"
    )
    named = start_portal(kit.config, tls_cert=cert, tls_key=key, set_origin=False)
    try:
        proxy = tunnel_proxy_to(int(urlsplit(named.base_url).port or 0))
        for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "https_proxy"):
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HTTPS_PROXY", proxy.url.replace("//", "//ward%207:s3cret@"))
        monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")  # the portal's own key fetches
        user = kit.new_user()
        client = HttpPortalClient("https://portal.example.test", extra_ca_file=kit.pki.tls_ca_file)
        assert client.me(user.token()).account.email == user.email
        client.close()
        basic = base64.b64encode(b"ward 7:s3cret").decode()
        assert proxy.asked == [("CONNECT portal.example.test:443", f"Basic {basic}")]

        monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost,portal.example.test")
        direct = HttpPortalClient("https://portal.example.test", extra_ca_file=kit.pki.tls_ca_file)
        with pytest.raises(PortalError) as caught:
            direct.health()  # no such host outside the proxy's world
        assert caught.value.code == "network"
        assert len(proxy.asked) == 1, "the proxy was not asked"
    finally:
        named.stop()
