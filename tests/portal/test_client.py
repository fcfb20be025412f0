"""The app's portal client: problems parsed, transport failures named by host."""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from linker_sandbox.processes.portal_runner import free_loopback_port
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
