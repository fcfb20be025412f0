"""The conformance cases, in the order they run (later cases use what earlier made).

Every case makes real requests and checks the answer the contract promises
(docs/link-api.md): status, problem ``code``, ``application/problem+json`` and the
``request_id`` member matching the ``X-Request-Id`` header. A case raises Failed with
what it expected and what it got; Skipped when an optional input is missing.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from link_portal.conformance.signing import Card
from link_protocol.message import build_link_message, normalize_origin
from link_protocol.models import b64url_decode

PROBLEM = "application/problem+json"


class Failed(Exception):
    """The service did not do what the contract says."""


class Skipped(Exception):
    """The case needs an input that was not given."""


@dataclass
class Inputs:
    url: str
    token_a: str
    token_b: str
    card_a: Card
    card_b: Card
    ca_file: str | None = None
    origin: str | None = None  # the origin challenges carry, when not the URL's
    # optional special data: a case without its input is skipped
    expired_card: Card | None = None
    revoked_card: Card | None = None
    unknown_identity_card: Card | None = None
    inactive_identity_card: Card | None = None
    inactive_account_token: str | None = None
    aup_not_accepted_token: str | None = None
    rate_limit_token: str | None = None  # a user whose challenge limit the run may use up
    wait_for_expiry: bool = False  # wait out a challenge (and a short link request) TTL
    concurrency: int = 8


@dataclass
class Outcome:
    case: str
    status: str  # PASS | FAIL | SKIP
    detail: str = ""


@dataclass
class Context:
    inputs: Inputs
    http: requests.Session
    oids: dict[str, str] = field(default_factory=dict)
    state: dict[str, Any] = field(default_factory=dict)

    def call(
        self, method: str, path: str, token: str | None = None, **kwargs: Any
    ) -> requests.Response:
        headers = dict(kwargs.pop("headers", {}) or {})
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        url = self.inputs.url.rstrip("/") + path
        # verify per request: requests lets REQUESTS_CA_BUNDLE override a session's own
        verify = self.inputs.ca_file or True
        return self.http.request(method, url, headers=headers, timeout=30, verify=verify, **kwargs)

    def token(self, who: str) -> str:
        return self.inputs.token_a if who == "a" else self.inputs.token_b

    def challenge(self, token: str) -> dict[str, Any]:
        response = self.call("POST", "/api/v1/challenges", token)
        expect_status(response, 201, "a challenge")
        data: dict[str, Any] = response.json()
        return data

    def body(
        self, challenge: dict[str, Any], card: Card, oid: str, *, origin: str | None = None
    ) -> dict[str, Any]:
        message = build_link_message(
            origin or challenge["origin"], b64url_decode(challenge["nonce"]), oid
        )
        return {
            "challenge_id": challenge["challenge_id"],
            "certificate": base64.b64encode(card.cert_der).decode(),
            "signature": base64.b64encode(card.sign(message)).decode(),
            "signature_algorithm": card.algorithm,
        }

    def link_request(self, who: str, card: Card, challenge: dict[str, Any] | None = None) -> Any:
        token = self.token(who)
        challenge = challenge or self.challenge(token)
        body = self.body(challenge, card, self.oids[who])
        return self.call("POST", "/api/v1/link-requests", token, json=body)


def _summary(response: requests.Response) -> str:
    try:
        code = response.json().get("code")
    except ValueError:
        code = None
    return f"{response.status_code}" + (f" {code}" if code else "")


def expect_status(response: requests.Response, status: int, what: str) -> None:
    if response.status_code != status:
        raise Failed(f"{what}: expected {status}, got {_summary(response)}")


def expect_problem(response: requests.Response, code: str, status: int) -> dict[str, Any]:
    """The answer is the problem the contract names, in the contract's shape."""
    got = _summary(response)
    if not response.headers.get("Content-Type", "").startswith(PROBLEM):
        raise Failed(
            f"expected {status} {code} as {PROBLEM}, got {got} as "
            f"{response.headers.get('Content-Type')!r}"
        )
    body: dict[str, Any] = response.json()
    if (response.status_code, body.get("code")) != (status, code):
        raise Failed(f"expected {status} {code}, got {got}")
    if body.get("status") != status:
        raise Failed(f"the problem's status member is {body.get('status')!r}, not {status}")
    if body.get("request_id") != response.headers.get("X-Request-Id"):
        raise Failed("the problem's request_id does not match the X-Request-Id header")
    return body


def _optional(value: Any, what: str) -> Any:
    if value is None:
        raise Skipped(f"needs {what}")
    return value


# -- the cases -----------------------------------------------------------------------


def health(ctx: Context) -> str:
    expect_status(ctx.call("GET", "/healthz"), 200, "GET /healthz")
    return "GET /healthz 200"


def users(ctx: Context) -> str:
    for who in ("a", "b"):
        response = ctx.call("GET", "/api/v1/me", ctx.token(who))
        expect_status(response, 200, f"GET /api/v1/me for user {who.upper()}")
        me = response.json()
        ctx.oids[who] = me["account"]["oid"]
        if me.get("current_link"):
            raise Failed(f"user {who.upper()} is already linked: give users not linked yet")
    if ctx.oids["a"] == ctx.oids["b"]:
        raise Failed("the two tokens are for the same account: give two users")
    return "two users, neither linked"


def token_invalid(ctx: Context) -> str:
    token = ctx.inputs.token_a
    head, payload, signature = token.split(".") if token.count(".") == 2 else (token, "", "")
    flipped = signature[:-1] + ("A" if signature[-1:] != "A" else "B")
    for label, bad in (
        ("no token", None),
        ("not a JWT", "not-a-jwt"),
        ("a tampered signature", f"{head}.{payload}.{flipped}"),
    ):
        try:
            expect_problem(ctx.call("GET", "/api/v1/me", bad), "token_invalid", 401)
        except Failed as exc:
            raise Failed(f"{label}: {exc}") from None
    return "missing, malformed and tampered tokens refused"


def challenge_shape(ctx: Context) -> str:
    challenge = ctx.challenge(ctx.inputs.token_a)
    if len(b64url_decode(challenge["nonce"])) != 32:
        raise Failed("the nonce is not 32 bytes")
    expected = ctx.inputs.origin or normalize_origin(ctx.inputs.url)
    if challenge["origin"] != expected:
        raise Failed(f"the challenge's origin is {challenge['origin']!r}, not {expected!r}")
    dt.datetime.fromisoformat(challenge["expires_at"].replace("Z", "+00:00"))
    return f"32-byte nonce, origin {expected}"


def bad_request(ctx: Context) -> str:
    token = ctx.inputs.token_a
    path = "/api/v1/link-requests"
    headers = {"Content-Type": "application/json"}
    good = ctx.body(ctx.challenge(token), ctx.inputs.card_a, ctx.oids["a"])
    for label, kwargs in (
        ("malformed JSON", {"data": b"{not json", "headers": headers}),
        ("an unknown member", {"json": good | {"extra": 1}}),
        ("an unsupported algorithm", {"json": good | {"signature_algorithm": "HS256"}}),
        ("an empty certificate", {"json": good | {"certificate": ""}}),
        ("garbage base64", {"json": good | {"signature": "@@@"}}),
    ):
        try:
            expect_problem(ctx.call("POST", path, token, **kwargs), "bad_request", 400)
        except Failed as exc:
            raise Failed(f"{label}: {exc}") from None
    big = json.dumps(good | {"certificate": "A" * 200_000}).encode()
    expect_problem(ctx.call("POST", path, token, data=big, headers=headers), "bad_request", 413)
    expect_problem(ctx.call("GET", "/api/v1/no-such-route", token), "not_found", 404)
    return "malformed, unknown, unsupported, empty and oversized input refused"


def unknown_challenge(ctx: Context) -> str:
    fake = {"challenge_id": "chl_conformance_unknown", "nonce": "A" * 43, "origin": "https://x"}
    body = ctx.body(fake, ctx.inputs.card_a, ctx.oids["a"])
    response = ctx.call("POST", "/api/v1/link-requests", ctx.inputs.token_a, json=body)
    expect_problem(response, "not_found", 404)
    return "a challenge that was never issued is not_found"


def signature_invalid_then_used(ctx: Context) -> str:
    token = ctx.inputs.token_a
    challenge = ctx.challenge(token)
    body = ctx.body(challenge, ctx.inputs.card_a, ctx.oids["a"], origin="https://phish.example")
    response = ctx.call("POST", "/api/v1/link-requests", token, json=body)
    expect_problem(response, "signature_invalid", 422)
    # a failed attempt uses the challenge up: the right signature now is too late
    expect_problem(ctx.link_request("a", ctx.inputs.card_a, challenge), "challenge_used", 410)
    return "a signature for another origin refused; the challenge is then used up"


def certificate_untrusted(ctx: Context) -> str:
    """A look-alike of card A: the same subject, signed by a key of its own."""
    real = x509.load_der_x509_certificate(ctx.inputs.card_a.cert_der)
    key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(real.subject)
        .issuer_name(real.issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, False, False, False, False), True
        )
        .sign(key, hashes.SHA256())
    )
    fake = Card(cert.public_bytes(serialization.Encoding.DER), key)
    expect_problem(ctx.link_request("a", fake), "certificate_untrusted", 422)
    return "a self-signed look-alike of card A refused"


def cross_user_challenge(ctx: Context) -> str:
    challenge = ctx.challenge(ctx.inputs.token_a)
    expect_problem(ctx.link_request("b", ctx.inputs.card_b, challenge), "not_found", 404)
    return "user B cannot use user A's challenge"


def concurrent_single_use(ctx: Context) -> str:
    challenge = ctx.challenge(ctx.inputs.token_b)
    count = max(2, ctx.inputs.concurrency)

    def attempt(_n: int) -> requests.Response:
        with requests.Session() as http:
            mine = Context(ctx.inputs, http, ctx.oids)
            response: requests.Response = mine.link_request("b", ctx.inputs.card_b, challenge)
            return response

    with ThreadPoolExecutor(count) as pool:
        responses = list(pool.map(attempt, range(count)))
    made = [r for r in responses if r.status_code == 201]
    if len(made) != 1:
        raise Failed(f"{count} simultaneous uses of one challenge made {len(made)} requests")
    for response in responses:
        if response.status_code != 201:
            expect_problem(response, "challenge_used", 410)
    ctx.state["b_request"] = made[0].json()["link_request_id"]
    return f"{count} simultaneous uses: one link request, {count - 1} challenge_used"


def cross_user_link_request(ctx: Context) -> str:
    lrid = ctx.state.get("b_request") or _optional(None, "concurrent_single_use to pass")
    token = ctx.inputs.token_a
    key = {"Idempotency-Key": f"conformance-{lrid}"}
    confirm = f"/api/v1/link-requests/{lrid}/confirm"
    expect_problem(ctx.call("POST", confirm, token, headers=key), "not_found", 404)
    cancel = f"/api/v1/link-requests/{lrid}"
    expect_problem(ctx.call("DELETE", cancel, token), "not_found", 404)
    return "user A cannot confirm or cancel user B's link request"


def cancel(ctx: Context) -> str:
    lrid = ctx.state.get("b_request") or _optional(None, "concurrent_single_use to pass")
    token = ctx.inputs.token_b
    confirm = f"/api/v1/link-requests/{lrid}/confirm"
    expect_problem(ctx.call("POST", confirm, token), "bad_request", 400)  # no Idempotency-Key
    for _ in range(2):  # cancelling is idempotent
        expect_status(ctx.call("DELETE", f"/api/v1/link-requests/{lrid}", token), 204, "cancel")
    key = {"Idempotency-Key": f"conformance-{lrid}"}
    expect_problem(ctx.call("POST", confirm, token, headers=key), "not_found", 404)
    return "confirm needs an Idempotency-Key; cancel twice; a cancelled request is not_found"


def happy_path(ctx: Context) -> str:
    response = ctx.link_request("a", ctx.inputs.card_a)
    expect_status(response, 201, "the link request")
    pending = response.json()
    lrid = pending["link_request_id"]
    key = {"Idempotency-Key": f"conformance-{lrid}"}
    confirm = f"/api/v1/link-requests/{lrid}/confirm"
    response = ctx.call("POST", confirm, ctx.inputs.token_a, headers=key)
    expect_status(response, 200, "confirm")
    link = response.json()
    me = ctx.call("GET", "/api/v1/me", ctx.inputs.token_a).json()
    if (me.get("current_link") or {}).get("reference") != link["reference"]:
        raise Failed("GET /api/v1/me does not show the new link")
    ctx.state["a_link"] = (lrid, link)
    return f"linked: {link['reference']}"


def idempotency(ctx: Context) -> str:
    lrid, link = ctx.state.get("a_link") or _optional(None, "happy_path to pass")
    key = {"Idempotency-Key": f"conformance-{lrid}"}
    confirm = f"/api/v1/link-requests/{lrid}/confirm"
    again = ctx.call("POST", confirm, ctx.inputs.token_a, headers=key)
    expect_status(again, 200, "the same confirm again")
    if (again.json()["link_id"], again.json()["reference"]) != (link["link_id"], link["reference"]):
        raise Failed("a retried confirm made a second link")
    body = expect_problem(
        ctx.call("DELETE", f"/api/v1/link-requests/{lrid}", ctx.inputs.token_a),
        "already_linked",
        409,
    )
    if body.get("linked_side") != "account":
        raise Failed("cancel after confirm: linked_side is not 'account'")
    return "a retried confirm returns the same link; cancel after confirm is already_linked"


def already_linked(ctx: Context) -> str:
    _optional(ctx.state.get("a_link"), "happy_path to pass")
    body = expect_problem(ctx.link_request("a", ctx.inputs.card_a), "already_linked", 409)
    if body.get("linked_side") != "account":
        raise Failed("user A again: linked_side is not 'account'")
    body = expect_problem(ctx.link_request("b", ctx.inputs.card_a), "already_linked", 409)
    if body.get("linked_side") != "identity" or "linked_account" not in body:
        raise Failed("card A for user B: not linked_side 'identity' with linked_account")
    return "the account side and the identity side"


def _card_case(ctx: Context, card: Card | None, what: str, code: str) -> str:
    card = _optional(card, what)
    body = expect_problem(ctx.link_request("b", card), code, 422)
    return f"{code}: {body.get('detail', '')}"[:120]


def certificate_expired(ctx: Context) -> str:
    return _card_case(ctx, ctx.inputs.expired_card, "--expired-card", "certificate_expired")


def certificate_revoked(ctx: Context) -> str:
    return _card_case(ctx, ctx.inputs.revoked_card, "--revoked-card", "certificate_revoked")


def identity_unknown(ctx: Context) -> str:
    card = ctx.inputs.unknown_identity_card
    return _card_case(ctx, card, "--unknown-identity-card", "identity_unknown")


def identity_inactive(ctx: Context) -> str:
    card = ctx.inputs.inactive_identity_card
    return _card_case(ctx, card, "--inactive-identity-card", "identity_inactive")


def aup_not_accepted(ctx: Context) -> str:
    token = _optional(ctx.inputs.aup_not_accepted_token, "--aup-not-accepted-token")
    body = expect_problem(ctx.call("POST", "/api/v1/challenges", token), "aup_not_accepted", 403)
    if not body.get("aup_url"):
        raise Failed("aup_not_accepted without aup_url")
    return "a challenge refused before any PIN"


def account_inactive(ctx: Context) -> str:
    token = _optional(ctx.inputs.inactive_account_token, "--inactive-account-token")
    expect_problem(ctx.call("POST", "/api/v1/challenges", token), "account_inactive", 403)
    return "a challenge refused before any PIN"


def rate_limited(ctx: Context) -> str:
    token = _optional(ctx.inputs.rate_limit_token, "--rate-limit-token")
    for n in range(1, 501):
        response = ctx.call("POST", "/api/v1/challenges", token)
        if response.status_code != 201:
            expect_problem(response, "rate_limited", 429)
            if not response.headers.get("Retry-After", "").isdigit():
                raise Failed("rate_limited without a Retry-After in seconds")
            return f"after {n - 1} challenges, Retry-After {response.headers['Retry-After']} s"
    raise Failed("500 challenges in a row and no rate_limited")


def _wait_until(moment: str) -> None:
    until = dt.datetime.fromisoformat(moment.replace("Z", "+00:00"))
    time.sleep(max(0.0, (until - dt.datetime.now(dt.UTC)).total_seconds()) + 2)


def challenge_expired(ctx: Context) -> str:
    _optional(ctx.inputs.wait_for_expiry or None, "--wait-for-expiry")
    challenge = ctx.challenge(ctx.inputs.token_b)
    _wait_until(challenge["expires_at"])
    response = ctx.link_request("b", ctx.inputs.card_b, challenge)
    expect_problem(response, "challenge_expired", 410)
    return "a challenge used after its expires_at"


def link_request_expired(ctx: Context) -> str:
    _optional(ctx.inputs.wait_for_expiry or None, "--wait-for-expiry")
    response = ctx.link_request("b", ctx.inputs.card_b)
    expect_status(response, 201, "a link request for user B")
    pending = response.json()
    until = dt.datetime.fromisoformat(pending["expires_at"].replace("Z", "+00:00"))
    if until - dt.datetime.now(dt.UTC) > dt.timedelta(minutes=15):
        ctx.call("DELETE", f"/api/v1/link-requests/{pending['link_request_id']}", ctx.token("b"))
        raise Skipped("the link request TTL is over 15 minutes")
    _wait_until(pending["expires_at"])
    lrid = pending["link_request_id"]
    key = {"Idempotency-Key": f"conformance-{lrid}"}
    response = ctx.call(
        "POST", f"/api/v1/link-requests/{lrid}/confirm", ctx.token("b"), headers=key
    )
    expect_problem(response, "link_request_expired", 410)
    return "a confirm after the link request's expires_at"


def not_client_reachable(_ctx: Context) -> str:
    raise Skipped("service_unavailable and internal_error cannot be caused by a client")


CASES: list[tuple[str, Callable[[Context], str]]] = [
    ("health", health),
    ("users", users),
    ("token_invalid", token_invalid),
    ("challenge", challenge_shape),
    ("bad_request", bad_request),
    ("not_found (challenge)", unknown_challenge),
    ("signature_invalid, then challenge_used", signature_invalid_then_used),
    ("certificate_untrusted", certificate_untrusted),
    ("cross-user challenge", cross_user_challenge),
    ("concurrent single use", concurrent_single_use),
    ("cross-user link request", cross_user_link_request),
    ("cancel", cancel),
    ("happy path", happy_path),
    ("idempotency", idempotency),
    ("already_linked", already_linked),
    ("certificate_expired", certificate_expired),
    ("certificate_revoked", certificate_revoked),
    ("identity_unknown", identity_unknown),
    ("identity_inactive", identity_inactive),
    ("aup_not_accepted", aup_not_accepted),
    ("account_inactive", account_inactive),
    ("rate_limited", rate_limited),
    ("challenge_expired", challenge_expired),
    ("link_request_expired", link_request_expired),
    ("service_unavailable, internal_error", not_client_reachable),
]
FIRST_NEEDED = 2  # without health and users nothing else can run


def run_cases(inputs: Inputs, report: Callable[[Outcome], None] = lambda _o: None) -> list[Outcome]:
    outcomes: list[Outcome] = []
    with requests.Session() as http:
        ctx = Context(inputs, http)
        for number, (name, case) in enumerate(CASES):
            try:
                outcome = Outcome(name, "PASS", case(ctx))
            except Skipped as exc:
                outcome = Outcome(name, "SKIP", str(exc))
            except Failed as exc:
                outcome = Outcome(name, "FAIL", str(exc))
            except (requests.RequestException, ValueError, KeyError, TypeError) as exc:
                outcome = Outcome(name, "FAIL", f"{type(exc).__name__}: {exc}"[:300])
            outcomes.append(outcome)
            report(outcome)
            if outcome.status == "FAIL" and number < FIRST_NEEDED:
                break
    return outcomes
