"""The sandbox identity provider speaks the protocol strictly, and the portal accepts
its tokens (and rejects tampered ones)."""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
from typing import Any
from urllib.parse import urlencode

import jwt
import msal
import pytest
import requests

from link_portal.tokens import JwksCache, TokenInvalid, TokenValidator
from linker_sandbox.drivers.browser import parse_forms
from linker_sandbox.processes.idp import SANDBOX_API_AUDIENCE, SANDBOX_CLIENT_ID, SandboxIdP
from linker_sandbox.testdata.people import MFA_CODE, SANDBOX_PASSWORD, SANDBOX_TENANT_ID, person
from linker_sandbox.testdata.pki import SandboxPKI
from linker_sandbox.testdata.token_keys import SigningKeySet, access_token_claims
from smartcard_linker.net import make_session

from ..fixtures_idp import BrowserFactory

REDIRECT = "http://127.0.0.1:50999/"


def _pkce() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _authorize(
    session: requests.Session, idp: SandboxIdP, challenge: str, **extra: str
) -> requests.Response:
    params = {
        "client_id": SANDBOX_CLIENT_ID,
        "response_type": "code",
        "redirect_uri": REDIRECT,
        "response_mode": "form_post",
        "scope": f"openid profile offline_access {idp.api_scope}",
        "state": "st-1",
        "nonce": "n-1",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
    }
    params.update(extra)
    return session.get(f"{idp.authority}/oauth2/v2.0/authorize?{urlencode(params)}")


def _sign_in(session: requests.Session, page: requests.Response, key: str) -> dict[str, str]:
    """Fill the login (and MFA) forms; return the fields the provider form_posts back."""
    forms = parse_forms(page.text)
    for _ in range(3):
        if "form_post" in forms:
            return forms["form_post"].fields
        if "login" in forms:
            form = forms["login"]
            data = {
                **form.fields,
                "username": person(key).username,
                "password": SANDBOX_PASSWORD,
                "action": "sign_in",
            }
        else:
            form = forms["mfa"]
            data = {**form.fields, "code": MFA_CODE, "action": "verify"}
        forms = parse_forms(session.post(form.action, data=data).text)
    raise AssertionError("no form_post answer")


def _redeem(session: requests.Session, idp: SandboxIdP, code: str, verifier: str) -> Any:
    return session.post(
        f"{idp.authority}/oauth2/v2.0/token",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": REDIRECT,
            "client_id": SANDBOX_CLIENT_ID,
            "code_verifier": verifier,
            "scope": f"openid offline_access {idp.api_scope}",
        },
    )


@pytest.fixture
def session(idp_pki: SandboxPKI) -> requests.Session:
    return make_session(idp_pki.tls_ca_file)


def test_discovery_follows_the_entra_layout(
    sandbox_idp: SandboxIdP, session: requests.Session
) -> None:
    base = sandbox_idp.base_url
    for tenant in (SANDBOX_TENANT_ID, "nhs.net"):
        meta = session.get(f"{base}/{tenant}/v2.0/.well-known/openid-configuration").json()
        assert meta["issuer"] == f"{base}/{SANDBOX_TENANT_ID}/v2.0"
        assert meta["authorization_endpoint"].endswith(
            f"/{SANDBOX_TENANT_ID}/oauth2/v2.0/authorize"
        )
        assert meta["jwks_uri"] == f"{base}/{SANDBOX_TENANT_ID}/discovery/v2.0/keys"
    keys = session.get(sandbox_idp.jwks_url).json()["keys"]
    assert {k["kid"] for k in keys} >= {sandbox_idp.keys.kid}


def test_code_flow_pkce_single_use_codes_and_claims(
    sandbox_idp: SandboxIdP, session: requests.Session
) -> None:
    verifier, challenge = _pkce()
    answer = _sign_in(session, _authorize(session, sandbox_idp, challenge), "ready")
    assert answer["state"] == "st-1"
    info = json.loads(base64.urlsafe_b64decode(answer["client_info"] + "=="))
    assert info == {"uid": person("ready").oid, "utid": SANDBOX_TENANT_ID}

    wrong = _redeem(session, sandbox_idp, answer["code"], "not-the-verifier-" + "x" * 30)
    assert wrong.status_code == 400 and wrong.json()["error"] == "invalid_grant"
    again = _redeem(session, sandbox_idp, answer["code"], verifier)  # code already spent
    assert again.status_code == 400 and 54005 in again.json()["error_codes"]

    verifier, challenge = _pkce()
    answer = _sign_in(session, _authorize(session, sandbox_idp, challenge), "ready")  # SSO
    tokens = _redeem(session, sandbox_idp, answer["code"], verifier).json()
    header = jwt.get_unverified_header(tokens["id_token"])
    assert header["alg"] == "RS256" and header["kid"] == sandbox_idp.keys.kid
    key = jwt.PyJWKSet.from_dict(sandbox_idp.keys.jwks())[sandbox_idp.keys.kid]
    id_claims = jwt.decode(
        tokens["id_token"],
        key,
        algorithms=["RS256"],
        audience=SANDBOX_CLIENT_ID,
        issuer=sandbox_idp.issuer,
    )
    assert id_claims["nonce"] == "n-1" and id_claims["oid"] == person("ready").oid
    assert tokens["refresh_token"] and tokens["client_info"]


def test_pkce_is_required_and_only_s256(sandbox_idp: SandboxIdP, session: requests.Session) -> None:
    for extra in ({"code_challenge": ""}, {"code_challenge_method": "plain"}):
        forms = parse_forms(_authorize(session, sandbox_idp, "abc", **extra).text)
        assert forms["form_post"].fields["error"] == "invalid_request"
        assert forms["form_post"].action == REDIRECT


def test_redirects_only_to_loopback_and_only_by_form_post(
    sandbox_idp: SandboxIdP, session: requests.Session
) -> None:
    _, challenge = _pkce()
    for extra in (
        {"redirect_uri": "https://evil.example/cb"},
        {"redirect_uri": "http://10.0.0.1:80/"},
        {"response_mode": "query"},
    ):
        page = _authorize(session, sandbox_idp, challenge, **extra)
        assert page.status_code == 400 and "form_post" not in parse_forms(page.text)


def test_wrong_password_and_unknown_user_stay_on_the_page(
    sandbox_idp: SandboxIdP, session: requests.Session
) -> None:
    _, challenge = _pkce()
    form = parse_forms(_authorize(session, sandbox_idp, challenge, prompt="login").text)["login"]
    bad = session.post(
        form.action,
        data={
            **form.fields,
            "username": "ready.user@nhs.net",
            "password": "nope",
            "action": "sign_in",
        },
    )
    assert "AADSTS50126" in bad.text and "login" in parse_forms(bad.text)
    unknown = session.post(
        form.action, data={**form.fields, "username": "who@nhs.net", "password": SANDBOX_PASSWORD}
    )
    assert "AADSTS50034" in unknown.text


def test_prompt_none_and_logout(sandbox_idp: SandboxIdP, session: requests.Session) -> None:
    _, challenge = _pkce()
    silent = parse_forms(_authorize(session, sandbox_idp, challenge, prompt="none").text)
    assert silent["form_post"].fields["error"] == "login_required"
    _sign_in(session, _authorize(session, sandbox_idp, challenge), "ready")
    sso = parse_forms(_authorize(session, sandbox_idp, challenge).text)
    assert "code" in sso["form_post"].fields  # browser session signs straight in
    forced = parse_forms(_authorize(session, sandbox_idp, challenge, prompt="login").text)
    assert "login" in forced  # prompt=login ignores the session
    session.get(f"{sandbox_idp.authority}/oauth2/v2.0/logout")
    after = parse_forms(_authorize(session, sandbox_idp, challenge).text)
    assert "login" in after and "form_post" not in after


def test_device_code_flow_with_msal(
    sandbox_idp: SandboxIdP, idp_pki: SandboxPKI, session: requests.Session
) -> None:
    app = msal.PublicClientApplication(
        SANDBOX_CLIENT_ID,
        authority=sandbox_idp.authority,
        instance_discovery=False,
        http_client=make_session(idp_pki.tls_ca_file),
    )
    flow = app.initiate_device_flow([sandbox_idp.api_scope])
    assert flow["user_code"] in flow["message"]
    result: dict[str, Any] = {}
    worker = threading.Thread(target=lambda: result.update(app.acquire_token_by_device_flow(flow)))
    worker.start()
    page = session.post(flow["verification_uri"], data={"user_code": flow["user_code"]})
    form = parse_forms(page.text)["login"]
    done = session.post(
        form.action,
        data={
            **form.fields,
            "username": person("ready").username,
            "password": SANDBOX_PASSWORD,
            "action": "sign_in",
        },
    )
    assert "signed in" in done.text
    worker.join(15)
    assert result["id_token_claims"]["preferred_username"] == person("ready").username


def _validator(idp: SandboxIdP, ca: str) -> TokenValidator:
    return TokenValidator(
        JwksCache("", issuer=idp.issuer, ca_file=ca),
        issuer=idp.issuer,
        audience=[SANDBOX_API_AUDIENCE],
        tenant_id=SANDBOX_TENANT_ID,
    )


def test_portal_accepts_these_tokens_and_rejects_tampered_ones(
    sandbox_idp: SandboxIdP,
    idp_pki: SandboxPKI,
    make_signin: Any,
    scripted_browser: BrowserFactory,
) -> None:
    token = make_signin(scripted_browser("mfa")).interactive(threading.Event()).token
    validator = _validator(sandbox_idp, str(idp_pki.tls_ca_file))
    caller = validator.validate(token)
    assert caller.oid == person("mfa").oid and caller.email == person("mfa").username

    head, body, sig = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    claims["oid"] = person("ready").oid  # pretend to be someone else
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(TokenInvalid):
        validator.validate(f"{head}.{forged}.{sig}")
    with pytest.raises(TokenInvalid):
        validator.validate(f"{head}.{body}.{sig[:-4]}AAAA")
    # Signed by a key the provider never published, with the provider's kid.
    rogue = SigningKeySet(kid=sandbox_idp.keys.kid).mint(
        access_token_claims(
            person("ready"), issuer=sandbox_idp.issuer, audience=SANDBOX_API_AUDIENCE
        )
    )
    with pytest.raises(TokenInvalid):
        validator.validate(rogue)
    # A real token for another API is not accepted either.
    other = sandbox_idp.keys.mint(
        access_token_claims(
            person("ready"), issuer=sandbox_idp.issuer, audience="api://something-else"
        )
    )
    with pytest.raises(TokenInvalid):
        validator.validate(other)


def test_serve_command_reuses_its_pki_and_answers(tmp_path: Any) -> None:
    import subprocess
    import sys

    from linker_sandbox.processes.idp.cli import load_or_create_pki

    first = load_or_create_pki(tmp_path)
    assert load_or_create_pki(tmp_path).tls_ca.cert == first.tls_ca.cert
    with subprocess.Popen(
        [sys.executable, "-m", "linker_sandbox.processes.idp", "serve", "--dir", str(tmp_path)],
        stdout=subprocess.PIPE,
        text=True,
    ) as proc:
        try:
            assert proc.stdout is not None
            authority = proc.stdout.readline().split(": ", 1)[1].strip()
            meta = (
                make_session(first.tls_ca_file)
                .get(f"{authority}/v2.0/.well-known/openid-configuration")
                .json()
            )
            assert meta["issuer"] == f"{authority}/v2.0"
        finally:
            proc.terminate()
            proc.wait(10)
