"""The adversarial review's findings, each refused by a real request (or a real start).

Tokens: the delegated scope, no app-only tokens, allowed client ids; the issuer's keys
unreachable without stalling other calls. Certificates: purpose, revocation (CRLs by
nextUpdate, failing closed, the SubCA too), trust anchors, check order. Accounts bound
to oid + tid. Rate limits exact under concurrency. Audit of refusals. Duplicate
Authorization headers. Response headers and plain-HTTP binds. Config upper bounds and
expired challenges purged. The schema as strict as the server.
"""

from __future__ import annotations

import datetime as dt
import http.client
import secrets
import socket
import ssl
import threading
import time
import uuid as uuidlib
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID
from sqlalchemy import select, text

from link_portal.admin import DirectoryEntry, audit_entries, import_directory, set_account
from link_portal.certs import CertificateChecker
from link_portal.cli import main
from link_portal.config import ConfigError, RateLimit
from link_portal.db import Account, Challenge
from link_portal.service import new_id, now_utc
from linker_sandbox.testdata.pki import (
    NHS_CARD_POLICY_OID,
    Issued,
    issue_card_certificate,
    key_usage,
    new_key,
    nhs_root,
    nhs_subca,
)
from tests.fixtures_portal import JwksServer, PortalKit, PortalKitFactory, base_portal_config
from tests.portal.helpers import assert_problem, call, challenge, crl_der, post_link_request

# -- 1. scope and client -----------------------------------------------------------------


@pytest.mark.parametrize(
    "claims",
    [
        {"scp": None},
        {"scp": "User.Read"},
        {"idtyp": "app"},
        {"scp": None, "roles": ["Link.ReadWrite"]},
    ],
    ids=["no-scope", "other-scope", "idtyp-app", "roles-only"],
)
def test_tokens_without_the_delegated_scope_are_refused(
    sqlite_portal_kit: PortalKit, claims: dict[str, Any]
) -> None:
    kit = sqlite_portal_kit
    user = kit.new_user()
    token = user.token(**claims)
    assert_problem(call(kit, "GET", "/api/v1/me", token=token), "token_invalid", 401)
    assert call(kit, "GET", "/api/v1/me", token=user.token()).status_code == 200


def test_only_allowed_client_ids(make_portal_kit: PortalKitFactory) -> None:
    kit = make_portal_kit(client_ids=("app-one",))
    user = kit.new_user()
    assert call(kit, "GET", "/api/v1/me", token=user.token(azp="app-one")).status_code == 200
    assert call(kit, "GET", "/api/v1/me", token=user.token(appid="app-one")).status_code == 200
    for token in (user.token(azp="app-two"), user.token()):
        assert_problem(call(kit, "GET", "/api/v1/me", token=token), "token_invalid", 401)


# -- 2. the keys endpoint unreachable ----------------------------------------------------


class SilentServer:
    """Accepts TCP connections and never answers (an issuer that hangs). With
    ``relay_first`` the first connection is relayed to that real server instead (an
    issuer that starts hanging after the keys were fetched)."""

    def __init__(self, relay_first: tuple[str, int] | None = None) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.accepted = 0
        self.first = threading.Event()  # the first connection held without an answer
        self._relay_first = relay_first
        self._held: list[socket.socket] = []
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self._held.append(conn)
            if self._relay_first is not None:
                far = socket.create_connection(self._relay_first)
                self._relay_first = None
                self._held.append(far)
                for a, b in ((conn, far), (far, conn)):
                    threading.Thread(target=_pipe, args=(a, b), daemon=True).start()
                continue
            self.accepted += 1
            self.first.set()

    def close(self) -> None:
        self.sock.close()
        for conn in self._held:
            conn.close()


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
        sink.shutdown(socket.SHUT_WR)
    except OSError:
        pass


def test_unreachable_keys_neither_stall_others_nor_get_hammered(
    make_portal_kit: PortalKitFactory,
) -> None:
    silent = SilentServer()
    try:
        kit = make_portal_kit(jwks_url=f"https://127.0.0.1:{silent.port}/keys")
        user = kit.new_user()
        with ThreadPoolExecutor(1) as pool:
            waiting = pool.submit(call, kit, "GET", "/api/v1/me", token=user.token())
            assert silent.first.wait(10)  # the portal is fetching the keys now
            assert call(kit, "GET", "/healthz").status_code == 200
            assert not waiting.done()  # healthz was answered while the fetch hangs
            assert_problem(waiting.result(), "service_unavailable", 503)
        # the failure backs off: the next calls are answered without another fetch
        for _ in range(3):
            response = call(kit, "GET", "/api/v1/me", token=user.token())
            assert_problem(response, "service_unavailable", 503)
        assert silent.accepted == 1
    finally:
        silent.close()


def test_a_hanging_key_refresh_holds_up_no_other_call(
    make_portal_kit: PortalKitFactory, jwks_issuer: JwksServer
) -> None:
    """A token with a new kid makes the portal fetch the keys again. While that fetch
    hangs, calls signed with a known key are still served: the fetch has a thread of
    its own, not one of the worker's database threads (1 on SQLite)."""
    keys_url = urlsplit(jwks_issuer.jwks_url)
    assert keys_url.hostname is not None and keys_url.port is not None
    relay = SilentServer(relay_first=(keys_url.hostname, keys_url.port))
    try:
        kit = make_portal_kit(
            jwks_url=f"https://127.0.0.1:{relay.port}{keys_url.path}", jwks_min_refresh_s=1.0
        )
        user, other = kit.new_user(), kit.new_user()
        assert call(kit, "GET", "/api/v1/me", token=user.token()).status_code == 200
        time.sleep(1.1)  # past jwks_min_refresh_s: an unknown kid may fetch again
        rotated = kit.token(other, headers={"kid": "rotated-key"})
        with ThreadPoolExecutor(1) as pool:
            waiting = pool.submit(call, kit, "GET", "/api/v1/me", token=rotated)
            assert relay.first.wait(10)  # the portal is fetching the keys again
            for _ in range(3):
                assert call(kit, "GET", "/api/v1/me", token=user.token()).status_code == 200
            assert not waiting.done()  # answered while the fetch hangs
            assert waiting.result().status_code in (401, 503)
    finally:
        relay.close()


# -- 3. revocation -----------------------------------------------------------------------


def _uuid() -> str:
    return f"{secrets.randbelow(10**12):012d}"


def _link_request_with(kit: PortalKit, card: Issued) -> Any:
    """A link request by a new user whose Care Identity is the card's CN."""
    user = kit.new_user(card=card)
    uuid = card.cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    engine = kit.engine()
    try:
        import_directory(engine, [DirectoryEntry(str(uuid), user.name, "active")])
    finally:
        engine.dispose()
    return post_link_request(kit, user, user.link_body(challenge(kit, user), card=card).to_json())


def test_a_stale_crl_is_read_again_and_fails_closed(
    make_portal_kit: PortalKitFactory, tmp_path: Path
) -> None:
    kit0 = make_portal_kit()
    pki = kit0.pki
    card = pki.card("102048843983")
    path = tmp_path / "subca.crl"
    path.write_bytes(crl_der(pki.nhs_subca, next_update_in=-dt.timedelta(hours=1)))
    kit = make_portal_kit(crl_files=(str(path),))
    body = assert_problem(_link_request_with(kit, card), "certificate_untrusted", 422)
    assert "revocation status unknown" in body["detail"]
    # the CA publishes its next CRL: the portal reads it without a restart
    path.write_bytes(crl_der(pki.nhs_subca, card.cert))
    assert_problem(_link_request_with(kit, card), "certificate_revoked", 422)


def test_missing_or_badly_signed_crl_fails_closed_unless_configured_open(
    make_portal_kit: PortalKitFactory, tmp_path: Path
) -> None:
    pki = make_portal_kit().pki
    forged = tmp_path / "forged.crl"
    forged.write_bytes(crl_der(pki.nhs_subca, signer=new_key("ec-p256")))
    for crl_file in (str(tmp_path / "missing.crl"), str(forged)):
        kit = make_portal_kit(crl_files=(crl_file,))
        card = pki.card("102048843983")
        assert_problem(_link_request_with(kit, card), "certificate_untrusted", 422)
    kit = make_portal_kit(crl_files=(str(tmp_path / "missing.crl"),), crl_missing="fail-open")
    assert _link_request_with(kit, pki.card(_uuid())).status_code == 201


def test_a_revoked_subca_revokes_its_cards(
    make_portal_kit: PortalKitFactory, tmp_path: Path
) -> None:
    pki = make_portal_kit().pki
    root_crl = tmp_path / "root.crl"
    root_crl.write_bytes(crl_der(pki.nhs_root, pki.nhs_subca.cert))
    kit = make_portal_kit(crl_files=(str(root_crl),))
    body = assert_problem(
        _link_request_with(kit, pki.card("102048843983")), "certificate_revoked", 422
    )
    assert "issuing CA" in body["detail"]


class OcspResponder:
    """A loopback OCSP responder for the sandbox SubCA: ``revoked`` serials answer
    REVOKED, the rest GOOD."""

    def __init__(self, subca: Issued) -> None:
        self.revoked: set[int] = set()
        responder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers["Content-Length"])
                request = ocsp.load_der_ocsp_request(self.rfile.read(length))
                now = dt.datetime.now(dt.UTC)
                cert = x509.load_der_x509_certificate(responder.issued[request.serial_number])
                revoked = request.serial_number in responder.revoked
                answer = (
                    ocsp.OCSPResponseBuilder()
                    .add_response(
                        cert=cert,
                        issuer=subca.cert,
                        algorithm=hashes.SHA256(),
                        cert_status=ocsp.OCSPCertStatus.REVOKED
                        if revoked
                        else ocsp.OCSPCertStatus.GOOD,
                        this_update=now - dt.timedelta(minutes=1),
                        next_update=now + dt.timedelta(hours=1),
                        revocation_time=now - dt.timedelta(minutes=1) if revoked else None,
                        revocation_reason=None,
                    )
                    .responder_id(ocsp.OCSPResponderEncoding.HASH, subca.cert)
                    .sign(subca.key, hashes.SHA256())
                )
                data = answer.public_bytes(serialization.Encoding.DER)
                self.send_response(200)
                self.send_header("Content-Type", "application/ocsp-response")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_args: Any) -> None:
                pass

        self.issued: dict[int, bytes] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/ocsp"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def card(self, kit: PortalKit, *, revoked: bool = False) -> Issued:
        card = _card_with(kit, ocsp=self.url, uuid=_uuid())
        self.issued[card.cert.serial_number] = card.cert_der
        if revoked:
            self.revoked.add(card.cert.serial_number)
        return card

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_ocsp_where_the_certificate_names_a_responder(sqlite_portal_kit: PortalKit) -> None:
    kit = sqlite_portal_kit
    responder = OcspResponder(kit.pki.nhs_subca)
    try:
        assert _link_request_with(kit, responder.card(kit)).status_code == 201
        revoked = responder.card(kit, revoked=True)
        assert_problem(_link_request_with(kit, revoked), "certificate_revoked", 422)
        unanswered = responder.card(kit)
    finally:
        responder.stop()
    body = assert_problem(_link_request_with(kit, unanswered), "certificate_untrusted", 422)
    assert "OCSP" in body["detail"]


# -- 4. the challenge rate limit under concurrency ---------------------------------------


def test_challenge_limit_is_exact_under_concurrency(make_portal_kit: PortalKitFactory) -> None:
    kit = make_portal_kit(challenge_rate=RateLimit(5, 60.0))
    servers = [kit.base_url, *kit.replicas(1)]  # two servers on one database, as two workers
    users = [kit.new_user() for _ in range(4)]

    def ask(n: int) -> int:
        user = users[n % len(users)]
        path = "/api/v1/challenges"
        response = call(kit, "POST", path, token=user.token(), base_url=servers[n % 2])
        return response.status_code

    with ThreadPoolExecutor(16) as pool:
        statuses = list(pool.map(ask, range(16 * len(users))))
    granted = [
        sum(1 for n, s in enumerate(statuses) if s == 201 and n % len(users) == u)
        for u in range(len(users))
    ]
    assert granted == [5] * len(users), granted
    assert set(statuses) == {201, 429}


# -- 5. accounts bound to oid + tid ------------------------------------------------------


def test_an_address_is_bound_to_its_first_oid(portal_kit: PortalKit) -> None:
    kit = portal_kit
    user = kit.new_user()
    engine = kit.engine()
    try:
        email = f"pre.{user.oid[:8]}@nhs.net"
        set_account(engine, email=email, aup_accepted=True)  # known only by its address
        first_oid, other_oid = str(uuidlib.uuid4()), str(uuidlib.uuid4())
        first = user.token(oid=first_oid, preferred_username=email)
        assert call(kit, "GET", "/api/v1/me", token=first).status_code == 200
        with engine.connect() as conn:
            row = conn.execute(select(Account.oid, Account.tid).where(Account.email == email))
            assert tuple(row.one()) == (first_oid, kit.config.tenant_id)
        token = user.token(oid=other_oid, preferred_username=email)  # the address, another oid
        for method, path in (("GET", "/api/v1/me"), ("POST", "/api/v1/challenges")):
            assert_problem(call(kit, method, path, token=token), "account_inactive", 403)
        refused = audit_entries(engine, oid=other_oid)
        assert [e["outcome"] for e in refused] == ["account_inactive"] * 2
        assert call(kit, "POST", "/api/v1/challenges", token=first).status_code == 201
    finally:
        engine.dispose()


# -- 6. certificate purpose --------------------------------------------------------------


def _card_with(kit: PortalKit, **changes: Any) -> Issued:
    """A card certificate from the sandbox SubCA with one property changed."""
    key = changes.pop("key", None) or new_key("rsa2048")
    now = dt.datetime.now(dt.UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(kit.pki.card(changes.get("uuid", "102048843983")).cert.subject)
        .issuer_name(kit.pki.nhs_subca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(key_usage(digital_signature=True), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(kit.pki.nhs_subca.key.public_key()),
            critical=False,
        )
    )
    if changes.get("policy", True):
        builder = builder.add_extension(
            x509.CertificatePolicies([x509.PolicyInformation(NHS_CARD_POLICY_OID, None)]),
            critical=False,
        )
    if "eku" in changes:
        builder = builder.add_extension(x509.ExtendedKeyUsage(changes["eku"]), critical=False)
    if "ocsp" in changes:
        builder = builder.add_extension(
            x509.AuthorityInformationAccess(
                [
                    x509.AccessDescription(
                        AuthorityInformationAccessOID.OCSP,
                        x509.UniformResourceIdentifier(changes["ocsp"]),
                    )
                ]
            ),
            critical=False,
        )
    if changes.get("ca"):
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=0), True)
    return Issued(key, builder.sign(kit.pki.nhs_subca.key, hashes.SHA256()))


def test_certificate_purpose(make_portal_kit: PortalKitFactory) -> None:
    kit = make_portal_kit(certificate_policy_oid=NHS_CARD_POLICY_OID.dotted_string)
    weak = rsa.generate_private_key(public_exponent=65537, key_size=1024)  # noqa: S505
    refused = {
        "CA:TRUE": _card_with(kit, ca=True),
        "RSA-1024": _card_with(kit, key=weak),
        "serverAuth only": _card_with(kit, eku=[ExtendedKeyUsageOID.SERVER_AUTH]),
        "no NHS policy": _card_with(kit, policy=False),
    }
    for what, card in refused.items():
        response = _link_request_with(kit, card)
        assert response.status_code == 422, what
        assert_problem(response, "certificate_untrusted", 422)
    client_auth = _card_with(kit, eku=[ExtendedKeyUsageOID.CLIENT_AUTH], uuid=_uuid())
    assert _link_request_with(kit, client_auth).status_code == 201


# -- 7. audit of failures ----------------------------------------------------------------


def test_refused_calls_are_audited_without_tokens(portal_kit: PortalKit) -> None:
    kit = portal_kit
    user = kit.new_user()
    expired = user.token(lifetime_s=-600)
    assert_problem(call(kit, "POST", "/api/v1/challenges", token=expired), "token_invalid", 401)
    body = {"challenge_id": "chl_nope", "certificate": "AAAA", "signature": "AAAA"}
    response = post_link_request(kit, user, body)  # no signature_algorithm: the schema refuses
    assert_problem(response, "bad_request", 400)
    engine = kit.engine()
    try:
        entries = audit_entries(engine, limit=50)
    finally:
        engine.dispose()
    mine = [e for e in entries if e["request_id"] == response.headers["X-Request-Id"]]
    assert [(e["event"], e["outcome"], e["oid"]) for e in mine] == [
        ("link_request", "bad_request", user.oid)
    ]
    token_refusals = [e for e in entries if e["outcome"] == "token_invalid"]
    assert token_refusals and token_refusals[-1]["event"] == "challenge"
    assert all(expired not in str(e) and expired[:40] not in str(e) for e in entries)


# -- 8. duplicate Authorization ----------------------------------------------------------


def test_a_duplicate_authorization_header_is_refused(sqlite_portal_kit: PortalKit) -> None:
    kit = sqlite_portal_kit
    user = kit.new_user()
    host, port = kit.base_url.removeprefix("https://").rsplit(":", 1)
    context = ssl.create_default_context(cafile=str(kit.pki.tls_ca_file))
    conn = http.client.HTTPSConnection(host, int(port), context=context, timeout=10)
    try:
        conn.putrequest("GET", "/api/v1/me")
        conn.putheader("Authorization", f"Bearer {user.token()}")
        conn.putheader("Authorization", "Bearer someone-else")
        conn.endheaders()
        response = conn.getresponse()
        assert response.status == 400
        assert b"more than one Authorization header" in response.read()
    finally:
        conn.close()


# -- 9. response headers and plain HTTP --------------------------------------------------


def test_every_answer_carries_the_security_headers(sqlite_portal_kit: PortalKit) -> None:
    kit = sqlite_portal_kit
    user = kit.new_user()
    for response in (
        call(kit, "GET", "/healthz"),
        call(kit, "GET", "/api/v1/me", token=user.token()),
        call(kit, "GET", "/api/v1/me"),
        call(kit, "GET", "/nowhere"),
    ):
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_serve_refuses_plain_http_off_loopback(
    sqlite_portal_kit: PortalKit, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = sqlite_portal_kit.database_url
    assert main(["serve", "--database-url", url, "--host", "0.0.0.0", "--port", "1"]) == 2
    assert "refusing plain HTTP" in capsys.readouterr().err


# -- 10. config bounds and expired challenges --------------------------------------------


@pytest.mark.parametrize(
    "setting",
    [{"token_leeway_s": 86400}, {"jwks_min_refresh_s": 86400}, {"max_body_bytes": 10**9}],
)
def test_settings_have_upper_bounds(sqlite_portal_kit: PortalKit, setting: dict[str, Any]) -> None:
    kit = sqlite_portal_kit
    with pytest.raises(ConfigError, match=next(iter(setting))):
        base_portal_config(kit.pki, kit.issuer, kit.database_url, **setting)


def test_expired_challenges_are_purged(portal_kit: PortalKit) -> None:
    kit = portal_kit
    user = kit.new_user()
    long_ago = now_utc() - dt.timedelta(days=2)
    engine = kit.engine()
    try:
        with engine.begin() as conn:
            conn.execute(
                Challenge.__table__.insert().values(  # type: ignore[attr-defined]
                    id=new_id("chl"),
                    oid=user.oid,
                    nonce=b"\0" * 32,
                    created_at=long_ago,
                    expires_at=long_ago + dt.timedelta(minutes=2),
                )
            )
        challenge(kit, user)
        with engine.connect() as conn:
            count = conn.execute(
                text("SELECT count(*) FROM challenges WHERE oid = :oid"), {"oid": user.oid}
            ).scalar_one()
        assert count == 1  # only the new one
    finally:
        engine.dispose()


# -- 11. and 12. trust anchors and check order -------------------------------------------


def test_a_subca_in_the_trust_file_is_no_anchor(
    sqlite_portal_kit: PortalKit, tmp_path: Path
) -> None:
    pki = sqlite_portal_kit.pki
    only_subca = tmp_path / "subca-only.pem"
    only_subca.write_bytes(pki.nhs_subca.cert_pem)
    with pytest.raises(ValueError, match="no root"):
        CertificateChecker(only_subca)
    # another root's SubCA listed beside our root does not make its cards trusted
    stray = nhs_subca(nhs_root("Stray Root"))
    mixed = tmp_path / "mixed.pem"
    mixed.write_bytes(pki.nhs_root.cert_pem + pki.nhs_subca.cert_pem + stray.cert_pem)
    checker = CertificateChecker(mixed)
    from link_portal.certs import CertificateProblem

    with pytest.raises(CertificateProblem) as refused:
        checker.check(issue_card_certificate(stray, "102048843983").cert_der)
    assert refused.value.code == "certificate_untrusted"
    assert checker.check(pki.card("102048843983").cert_der).uuid == "102048843983"


def test_an_expired_untrusted_certificate_is_untrusted(portal_kit: PortalKit) -> None:
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=800)
    stray = nhs_subca(nhs_root("Stray Root"))
    card = issue_card_certificate(stray, "102048843983", not_before=start)
    assert_problem(_link_request_with(portal_kit, card), "certificate_untrusted", 422)


# -- 13. the schema says what the server does --------------------------------------------


def test_the_schema_is_as_strict_as_the_server(sqlite_portal_kit: PortalKit) -> None:
    kit = sqlite_portal_kit
    doc = call(kit, "GET", "/openapi.json").json()
    body = doc["components"]["schemas"]["LinkRequestIn"]["properties"]
    assert body["certificate"]["minLength"] >= 1 and body["signature"]["minLength"] >= 1
    confirm = doc["paths"]["/api/v1/link-requests/{link_request_id}/confirm"]["post"]
    key = next(p for p in confirm["parameters"] if p["name"] == "Idempotency-Key")
    assert key["required"] is True
    user = kit.new_user()
    ch = challenge(kit, user)
    empty = user.link_body(ch).to_json() | {"certificate": "", "signature": ""}
    assert_problem(post_link_request(kit, user, empty), "bad_request", 400)
    response = call(kit, "PUT", "/api/v1/challenges", token=user.token())
    assert_problem(response, "bad_request", 405)
    assert response.headers["Allow"] == "POST"
