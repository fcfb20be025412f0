"""Every problem code, reached by a real request against the running portal."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import time
import uuid

import jwt
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from sqlalchemy import text

from link_portal.admin import set_account
from link_portal.config import RateLimit
from link_protocol.message import build_link_message
from linker_sandbox.testdata.pki import (
    issue_card_certificate,
    make_ca,
    new_key,
    nhs_root,
    nhs_subca,
)
from tests.fixtures_portal import PortalKit, PortalKitFactory
from tests.portal.helpers import assert_problem, call, challenge, post_link_request


def _sql(kit: PortalKit, statement: str, **params: object) -> None:
    engine = kit.engine()
    with engine.begin() as conn:
        conn.execute(text(statement), params)
    engine.dispose()


# -- tokens -------------------------------------------------------------------------


def test_missing_and_garbage_tokens(portal_kit: PortalKit) -> None:
    body = assert_problem(call(portal_kit, "GET", "/api/v1/me"), "token_invalid", 401)
    assert "bearer" in body["detail"]
    response = call(portal_kit, "GET", "/api/v1/me", token="not.a.jwt")
    assert_problem(response, "token_invalid", 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "change,detail",
    [
        ({"lifetime_s": -3600}, "expired"),
        ({"aud": "api://another-api"}, "audience"),
        ({"iss": "https://127.0.0.1:1/evil/v2.0"}, "issuer"),
        ({"tid": "00000000-0000-0000-0000-000000000000"}, "tenant"),
        ({"nbf": int(time.time()) + 3600}, "not yet valid"),
        ({"headers": {"kid": "no-such-key"}}, "unknown signing key"),
    ],
)
def test_bad_tokens(portal_kit: PortalKit, change: dict[str, object], detail: str) -> None:
    user = portal_kit.new_user()
    token = user.token(**change)  # type: ignore[arg-type]
    body = assert_problem(call(portal_kit, "GET", "/api/v1/me", token=token), "token_invalid", 401)
    assert detail in body["detail"]


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def test_alg_none_and_hmac_tokens_refused(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user()
    good = user.token()
    claims = jwt.decode(good, options={"verify_signature": False})
    kid = jwt.get_unverified_header(good)["kid"]
    header = {"alg": "none", "typ": "JWT", "kid": kid}
    none_token = (
        _b64url(json.dumps(header).encode()) + "." + _b64url(json.dumps(claims).encode()) + "."
    )
    body = assert_problem(
        call(portal_kit, "GET", "/api/v1/me", token=none_token), "token_invalid", 401
    )
    assert "not allowed" in body["detail"]
    # HS256 keyed with the issuer's public JWK (the classic algorithm-confusion attack)
    secret = json.dumps(portal_kit.keys.jwks()["keys"][0]).encode()
    signing_input = (
        _b64url(json.dumps({"alg": "HS256", "typ": "JWT", "kid": kid}).encode())
        + "."
        + _b64url(json.dumps(claims).encode())
    )
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    hs = signing_input + "." + _b64url(mac)
    assert_problem(call(portal_kit, "GET", "/api/v1/me", token=hs), "token_invalid", 401)
    # a good token whose payload was edited afterwards
    head, _payload, sig = good.split(".")
    edited = dict(claims, oid=str(uuid.uuid4()))
    tampered = f"{head}.{_b64url(json.dumps(edited).encode())}.{sig}"
    assert_problem(call(portal_kit, "GET", "/api/v1/me", token=tampered), "token_invalid", 401)


def test_ec_signed_token_accepted(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user()
    response = call(portal_kit, "GET", "/api/v1/me", token=user.token(alg="ES256"))
    assert response.status_code == 200, response.text


def test_unknown_kid_refresh_is_rate_limited(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user()
    before = portal_kit.issuer.key_fetches
    for _ in range(5):
        token = user.token(headers={"kid": f"made-up-{uuid.uuid4()}"})
        assert_problem(call(portal_kit, "GET", "/api/v1/me", token=token), "token_invalid", 401)
    assert portal_kit.issuer.key_fetches - before <= 1


# -- account state --------------------------------------------------------------------


def test_aup_not_accepted(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user(aup=False)
    me = call(portal_kit, "GET", "/api/v1/me", token=user.token()).json()
    assert me["aup_accepted"] is False and me["aup_url"]
    body = assert_problem(
        call(portal_kit, "POST", "/api/v1/challenges", token=user.token()),
        "aup_not_accepted",
        403,
    )
    assert body["aup_url"] == portal_kit.config.aup_url


def test_aup_withdrawn_between_challenge_and_link_request(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user()
    ch = challenge(portal_kit, user)
    engine = portal_kit.engine()
    set_account(engine, oid=user.oid, aup_accepted=False)
    engine.dispose()
    response = post_link_request(portal_kit, user, user.link_body(ch).to_json())
    assert_problem(response, "aup_not_accepted", 403)


def test_aup_set_by_email_before_first_visit(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user(aup=False)
    engine = portal_kit.engine()
    set_account(engine, email=user.email.upper(), aup_accepted=True)
    engine.dispose()
    me = call(portal_kit, "GET", "/api/v1/me", token=user.token()).json()
    assert me["aup_accepted"] is True


def test_account_inactive(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user()
    engine = portal_kit.engine()
    set_account(engine, oid=user.oid, active=False)
    engine.dispose()
    response = call(portal_kit, "POST", "/api/v1/challenges", token=user.token())
    assert_problem(response, "account_inactive", 403)


# -- challenges -----------------------------------------------------------------------


def test_challenge_expired_used_and_foreign(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user()
    ch = challenge(portal_kit, user)
    _sql(
        portal_kit,
        "UPDATE challenges SET expires_at = :past WHERE id = :id",
        past=dt.datetime(2000, 1, 1),
        id=ch.challenge_id,
    )
    body = user.link_body(ch).to_json()
    assert_problem(post_link_request(portal_kit, user, body), "challenge_expired", 410)

    ch = challenge(portal_kit, user)
    body = user.link_body(ch).to_json()
    assert post_link_request(portal_kit, user, body).status_code == 201
    assert_problem(post_link_request(portal_kit, user, body), "challenge_used", 410)

    other = portal_kit.new_user()
    theirs = challenge(portal_kit, other)
    stolen = user.link_body(theirs).to_json()
    assert_problem(post_link_request(portal_kit, user, stolen), "not_found", 404)
    stolen["challenge_id"] = "chl_doesnotexist"
    assert_problem(post_link_request(portal_kit, user, stolen), "not_found", 404)


def test_failed_attempt_uses_the_challenge_up(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user()
    ch = challenge(portal_kit, user)
    bad = user.link_body(ch, message=b"x" * 32).to_json()
    assert_problem(post_link_request(portal_kit, user, bad), "signature_invalid", 422)
    good = user.link_body(ch).to_json()
    assert_problem(post_link_request(portal_kit, user, good), "challenge_used", 410)


# -- certificates -----------------------------------------------------------------------


def _card_problem(kit: PortalKit, card: object, code: str, **kw: object) -> dict[str, object]:
    user = kit.new_user()
    ch = challenge(kit, user)
    body = user.link_body(ch, card=card, **kw).to_json()  # type: ignore[arg-type]
    return assert_problem(post_link_request(kit, user, body), code, 422)


def test_certificate_from_unknown_ca(portal_kit: PortalKit) -> None:
    other_sub = nhs_subca(nhs_root("Some Other Root"))
    card = issue_card_certificate(other_sub, "102048843983")
    _card_problem(portal_kit, card, "certificate_untrusted")


def test_self_signed_look_alike(portal_kit: PortalKit) -> None:
    # same names as the real SubCA, but a key of its own: the chain must not verify
    fake_sub = make_ca(portal_kit.pki.nhs_subca.cert.subject, key_type="ec-p256")
    card = issue_card_certificate(fake_sub, "102048843983")
    _card_problem(portal_kit, card, "certificate_untrusted")
    # and a card certificate that simply signs itself
    key = new_key("rsa2048")
    subject = portal_kit.pki.card("102048843983").cert.subject
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(portal_kit.pki.nhs_subca.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    from linker_sandbox.testdata.pki import Issued

    _card_problem(portal_kit, Issued(key, cert), "certificate_untrusted")


def test_expired_certificate(portal_kit: PortalKit) -> None:
    start = dt.datetime.now(dt.UTC) - dt.timedelta(days=800)
    card = portal_kit.pki.card("102048843983", not_before=start)
    _card_problem(portal_kit, card, "certificate_expired")


def test_wrong_key_usage(portal_kit: PortalKit) -> None:
    card = portal_kit.pki.card("102048843983", digital_signature=False, key_encipherment=True)
    body = _card_problem(portal_kit, card, "certificate_untrusted")
    assert "key usage" in str(body["detail"])


def test_subject_without_uuid(portal_kit: PortalKit) -> None:
    card = portal_kit.pki.card("not-a-uuid")
    _card_problem(portal_kit, card, "certificate_untrusted")


def test_revoked_certificate(make_portal_kit: PortalKitFactory, tmp_path: object) -> None:
    from pathlib import Path

    from cryptography.hazmat.primitives import serialization

    kit0 = make_portal_kit()
    pki = kit0.pki
    revoked_card = pki.card("102048843983")
    now = dt.datetime.now(dt.UTC)
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(pki.nhs_subca.cert.subject)
        .last_update(now - dt.timedelta(hours=1))
        .next_update(now + dt.timedelta(days=1))
        .add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(revoked_card.cert.serial_number)
            .revocation_date(now - dt.timedelta(minutes=5))
            .build()
        )
        .sign(pki.nhs_subca.key, hashes.SHA256())  # type: ignore[arg-type]
    )
    path = Path(str(tmp_path)) / "subca.crl"
    path.write_bytes(crl.public_bytes(serialization.Encoding.DER))
    kit = make_portal_kit(crl_files=(str(path),))
    _card_problem(kit, revoked_card, "certificate_revoked")
    user = kit.new_user()  # a card not on the list still links
    body = user.link_body(challenge(kit, user)).to_json()
    assert post_link_request(kit, user, body).status_code == 201


# -- signatures ---------------------------------------------------------------------------


@pytest.mark.parametrize("what", ["origin", "nonce", "oid"])
def test_signature_over_something_else(portal_kit: PortalKit, what: str) -> None:
    user = portal_kit.new_user()
    ch = challenge(portal_kit, user)
    origin, nonce, oid = ch.origin, ch.nonce, user.oid
    if what == "origin":
        origin = "https://portal.example.invalid"
    elif what == "nonce":
        nonce = challenge(portal_kit, user).nonce  # another (real) challenge's nonce
    else:
        oid = str(uuid.uuid4())
    body = user.link_body(ch, message=build_link_message(origin, nonce, oid)).to_json()
    assert_problem(post_link_request(portal_kit, user, body), "signature_invalid", 422)


@pytest.mark.parametrize(
    "key_type,sign_as,state_as",
    [
        ("rsa2048", "RS256", "ES256"),  # EC stated, RSA key
        ("ec-p256", "ES256", "RS256"),  # RSA stated, EC key
        ("ec-p256", "ES256", "ES384"),  # right family, wrong curve
        ("rsa2048", "RS256", "PS256"),  # PKCS#1 v1.5 signature called PSS
        ("rsa2048", "PS256", "RS256"),  # PSS signature called PKCS#1 v1.5
    ],
)
def test_algorithm_key_mismatch(
    portal_kit: PortalKit, key_type: str, sign_as: str, state_as: str
) -> None:
    user = portal_kit.new_user(key_type=key_type)
    ch = challenge(portal_kit, user)
    body = user.link_body(ch, algorithm=sign_as).to_json()
    body["signature_algorithm"] = state_as
    assert_problem(post_link_request(portal_kit, user, body), "signature_invalid", 422)


# -- identities and links -------------------------------------------------------------------


def test_identity_unknown_and_inactive(portal_kit: PortalKit) -> None:
    unknown = portal_kit.new_user(identity_status=None)
    body = unknown.link_body(challenge(portal_kit, unknown)).to_json()
    problem = assert_problem(post_link_request(portal_kit, unknown, body), "identity_unknown", 422)
    assert problem["uuid"].replace(" ", "") == unknown.uuid
    inactive = portal_kit.new_user(identity_status="inactive")
    body = inactive.link_body(challenge(portal_kit, inactive)).to_json()
    assert_problem(post_link_request(portal_kit, inactive, body), "identity_inactive", 422)


def test_already_linked_both_ways(portal_kit: PortalKit) -> None:
    owner = portal_kit.new_user()
    client = portal_kit.client()
    token = owner.token()
    view = client.create_link_request(token, owner.link_body(client.create_challenge(token)))
    client.confirm(token, view.link_request_id, "first")

    # the same card, someone else's account: says (masked) which account holds it
    intruder = portal_kit.new_user(identity_status=None, card=owner.card)
    body = intruder.link_body(challenge(portal_kit, intruder)).to_json()
    problem = assert_problem(post_link_request(portal_kit, intruder, body), "already_linked", 409)
    assert problem["linked_side"] == "identity"
    assert problem["linked_account"].endswith("@nhs.net")
    assert owner.email not in json.dumps(problem)

    # the linked account with another card: says which identity (last digits only)
    second = portal_kit.pki.card("999988887777")
    body = owner.link_body(challenge(portal_kit, owner), card=second).to_json()
    engine = portal_kit.engine()
    from link_portal.admin import DirectoryEntry, import_directory

    import_directory(engine, [DirectoryEntry("999988887777", "Pat Example", "active")])
    engine.dispose()
    problem = assert_problem(post_link_request(portal_kit, owner, body), "already_linked", 409)
    assert problem["linked_side"] == "account"
    assert problem["linked_identity"].endswith(owner.uuid[-4:])


def test_already_linked_at_confirm(portal_kit: PortalKit) -> None:
    """Two accounts hold pending requests for one card: only the first confirm links."""
    a = portal_kit.new_user()
    b = portal_kit.new_user(identity_status=None, card=a.card)
    client = portal_kit.client()
    ta, tb = a.token(), b.token()
    va = client.create_link_request(ta, a.link_body(client.create_challenge(ta)))
    vb = client.create_link_request(tb, b.link_body(client.create_challenge(tb)))
    client.confirm(ta, va.link_request_id, "a")
    response = call(
        portal_kit,
        "POST",
        f"/api/v1/link-requests/{vb.link_request_id}/confirm",
        token=tb,
        headers={"Idempotency-Key": "b"},
    )
    assert_problem(response, "already_linked", 409)


def test_link_request_expired_foreign_and_missing_key(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user()
    client = portal_kit.client()
    token = user.token()
    view = client.create_link_request(token, user.link_body(client.create_challenge(token)))
    path = f"/api/v1/link-requests/{view.link_request_id}/confirm"
    assert_problem(call(portal_kit, "POST", path, token=token), "bad_request", 400)

    other = portal_kit.new_user()
    for method, p in (("POST", path), ("DELETE", path.removesuffix("/confirm"))):
        response = call(
            portal_kit, method, p, token=other.token(), headers={"Idempotency-Key": "k"}
        )
        assert_problem(response, "not_found", 404)

    _sql(
        portal_kit,
        "UPDATE link_requests SET expires_at = :past WHERE id = :id",
        past=dt.datetime(2000, 1, 1),
        id=view.link_request_id,
    )
    response = call(portal_kit, "POST", path, token=token, headers={"Idempotency-Key": "k"})
    assert_problem(response, "link_request_expired", 410)


def test_rate_limits(make_portal_kit: PortalKitFactory) -> None:
    kit = make_portal_kit(challenge_rate=RateLimit(2, 60.0), link_request_rate=RateLimit(1, 60.0))
    user = kit.new_user()
    token = user.token()
    for _ in range(2):
        assert call(kit, "POST", "/api/v1/challenges", token=token).status_code == 201
    response = call(kit, "POST", "/api/v1/challenges", token=token)
    assert_problem(response, "rate_limited", 429)
    assert int(response.headers["Retry-After"]) >= 1
    # another account is not affected
    other = kit.new_user()
    ch = challenge(kit, other)
    assert post_link_request(kit, other, other.link_body(ch).to_json()).status_code == 201
    response = post_link_request(kit, other, other.link_body(ch).to_json())
    assert_problem(response, "rate_limited", 429)


def test_challenge_rate_limit_holds_across_servers(make_portal_kit: PortalKitFactory) -> None:
    """Two servers on one database (worker processes, or machines behind a balancer):
    an account gets the configured number of challenges in all, not that many each."""
    kit = make_portal_kit(challenge_rate=RateLimit(3, 60.0))
    (replica,) = kit.replicas(1)
    user = kit.new_user()
    token = user.token()
    for base_url in (kit.base_url, replica, kit.base_url):
        response = call(kit, "POST", "/api/v1/challenges", token=token, base_url=base_url)
        assert response.status_code == 201, response.text
    response = call(kit, "POST", "/api/v1/challenges", token=token, base_url=replica)
    body = assert_problem(response, "rate_limited", 429)
    assert 1 <= int(response.headers["Retry-After"]) <= 60, body


def test_challenge_used_through_another_server_is_refused(
    make_portal_kit: PortalKitFactory,
) -> None:
    """The server that issued a challenge knows its nonce without reading it back; a
    use of that challenge through another server still counts (it is used up in the
    database, atomically)."""
    kit = make_portal_kit()
    (replica,) = kit.replicas(1)
    user = kit.new_user()
    body = user.link_body(challenge(kit, user)).to_json()
    assert post_link_request(kit, user, body, base_url=replica).status_code == 201
    assert_problem(post_link_request(kit, user, body), "challenge_used", 410)


# -- malformed input ------------------------------------------------------------------------


def test_malformed_bodies(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user()
    token = user.token()
    path = "/api/v1/link-requests"
    headers = {"Content-Type": "application/json"}
    for raw in (b"{not json", b"[]", b"null", b'"text"', b"\xff\xfe", b""):
        response = call(portal_kit, "POST", path, token=token, data=raw, headers=headers)
        assert_problem(response, "bad_request", 400)
    good = user.link_body(challenge(portal_kit, user)).to_json()
    for field, value in (
        ("certificate", "@@not base64@@"),
        ("signature", "c2ln*bmF0dXJl"),  # not the base64 alphabet
        ("certificate", base64.b64encode(b"not DER at all").decode()),
        ("signature_algorithm", "HS256"),
        ("challenge_id", 12345),
        ("challenge_id", "x" * 500),
    ):
        body = dict(good, **{field: value})
        assert_problem(post_link_request(portal_kit, user, body), "bad_request", 400)
    assert_problem(post_link_request(portal_kit, user, dict(good, extra=1)), "bad_request", 400)
    del good["signature"]
    assert_problem(post_link_request(portal_kit, user, good), "bad_request", 400)


def test_oversized_bodies(portal_kit: PortalKit) -> None:
    user = portal_kit.new_user()
    token = user.token()
    big = b'{"challenge_id": "' + b"a" * 70_000 + b'"}'
    response = call(
        portal_kit,
        "POST",
        "/api/v1/link-requests",
        token=token,
        data=big,
        headers={"Content-Type": "application/json"},
    )
    assert_problem(response, "bad_request", 413)

    def chunks():  # no Content-Length: chunked transfer
        for _ in range(20):  # 160 KB
            yield b"x" * 8192

    response = call(
        portal_kit,
        "POST",
        "/api/v1/link-requests",
        token=token,
        data=chunks(),
        headers={"Content-Type": "application/json"},
    )
    assert_problem(response, "bad_request", 413)


def test_unknown_route_and_method(portal_kit: PortalKit) -> None:
    assert_problem(call(portal_kit, "GET", "/api/v2/nothing"), "not_found", 404)
    assert_problem(call(portal_kit, "PUT", "/api/v1/me"), "bad_request", 405)
