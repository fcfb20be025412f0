"""The sandbox identity provider: an Entra-shaped OpenID Connect provider on loopback HTTPS.

Only what the desktop app's msal client uses, implemented strictly: authorization
code + PKCE (S256 required), ``response_mode=form_post`` to loopback redirect URIs,
single-use codes, rotating refresh tokens, ``client_info``, RS256 ID/access tokens
from :class:`~linker_sandbox.testdata.token_keys.SigningKeySet`, a browser SSO cookie
(ignored under ``prompt=login``), logout and an opt-in device-code flow.
State lives in memory for the life of the server. Every authorize request is
recorded (:class:`AuthorizeRecord`: the prompt, and whose SSO session the browser
brought along), so a kiosk test can prove the next person's browser had none.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import secrets
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from linker_sandbox.processes.idp import pages
from linker_sandbox.processes.sockets import free_loopback_socket
from linker_sandbox.testdata.people import (
    MFA_CODE,
    PEOPLE,
    SANDBOX_PASSWORD,
    SANDBOX_TENANT_ID,
    TestPerson,
)
from linker_sandbox.testdata.pki import SandboxPKI
from linker_sandbox.testdata.token_keys import SigningKeySet, access_token_claims

SANDBOX_CLIENT_ID = "0c1e2d3f-5a1d-4b0c-9e00-00000000c11e"
SANDBOX_API_AUDIENCE = "api://smartcard-linker-portal"
SANDBOX_API_SCOPE = f"{SANDBOX_API_AUDIENCE}/Link.ReadWrite"
TENANT_ALIASES = ("nhs.net", "organizations")
SESSION_COOKIE = "sbx_idp_session"
CODE_LIFETIME_S = 300
DEVICE_CODE_LIFETIME_S = 600
OIDC_SCOPES = frozenset({"openid", "profile", "offline_access", "email"})
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def pkce_s256(verifier: str) -> str:
    return _b64url(hashlib.sha256(verifier.encode("ascii")).digest())


def is_loopback_redirect(uri: str) -> bool:
    """Native-app redirect URIs: ``http://`` on 127.0.0.1, [::1] or localhost, any port."""
    try:
        parts = urlsplit(uri)
        return (
            parts.scheme == "http"
            and parts.hostname in ("127.0.0.1", "::1", "localhost")
            and not parts.username
            and not parts.fragment
        )
    except ValueError:
        return False


@dataclass
class _AuthRequest:
    client_id: str
    redirect_uri: str
    state: str
    nonce: str
    code_challenge: str
    scopes: tuple[str, ...]
    prompt: str
    login_hint: str
    ui_locales: str = ""  # the language the app asked the pages to use (cy-GB: Welsh)
    device_code: str = ""  # set when this sign-in approves a device code
    person: TestPerson | None = None  # after the password step, before MFA
    created: float = field(default_factory=time.monotonic)


@dataclass
class _Code:
    request: _AuthRequest
    person: TestPerson
    auth_time: int
    expires: float
    used: bool = False


@dataclass
class _Grant:
    person: TestPerson
    client_id: str
    scopes: tuple[str, ...]
    auth_time: int


@dataclass
class _Session:
    person: TestPerson
    auth_time: int


@dataclass(frozen=True)
class AuthorizeRecord:
    """One authorize request as the provider saw it (test evidence, no secrets)."""

    prompt: str
    login_hint: str
    cookie_sent: bool  # the browser sent a session cookie at all (live or ended)
    session_of: str | None  # username of the live SSO session that cookie named, if any


@dataclass
class _DeviceCode:
    client_id: str
    scopes: tuple[str, ...]
    user_code: str
    expires: float
    person: TestPerson | None = None
    denied: bool = False
    redeemed: bool = False


class OAuthError(Exception):
    """An RFC 6749 error with Entra's AADSTS code, for JSON or form_post answers."""

    def __init__(self, error: str, aadsts: int, text: str, status: int = 400) -> None:
        super().__init__(text)
        self.error = error
        self.aadsts = aadsts
        self.text = text
        self.status = status

    @property
    def description(self) -> str:
        return f"AADSTS{self.aadsts}: {self.text}"

    def json(self) -> JSONResponse:
        return JSONResponse(
            {
                "error": self.error,
                "error_description": self.description,
                "error_codes": [self.aadsts],
                "timestamp": time.strftime("%Y-%m-%d %H:%M:%SZ", time.gmtime()),
                "trace_id": str(uuid.uuid4()),
                "correlation_id": str(uuid.uuid4()),
            },
            status_code=self.status,
        )


class IdPState:
    """Everything the provider remembers; one lock, shared by the server and test hooks."""

    def __init__(self, people: Iterable[TestPerson]) -> None:
        self.lock = threading.Lock()
        self.people = {p.username.lower(): p for p in people}
        self.pending: dict[str, _AuthRequest] = {}
        self.codes: dict[str, _Code] = {}
        self.refresh_tokens: dict[str, _Grant] = {}
        self.sessions: dict[str, _Session] = {}
        self.device_codes: dict[str, _DeviceCode] = {}
        self.counters: dict[str, int] = {}
        self.authorizations: deque[AuthorizeRecord] = deque(maxlen=10_000)

    def count(self, name: str) -> None:
        self.counters[name] = self.counters.get(name, 0) + 1


class IdPApp:
    """The Starlette application and its handlers."""

    def __init__(
        self,
        *,
        keys: SigningKeySet,
        tenant_id: str = SANDBOX_TENANT_ID,
        api_audience: str = SANDBOX_API_AUDIENCE,
        client_ids: Iterable[str] | None = None,
        people: Iterable[TestPerson] = PEOPLE,
        access_token_lifetime_s: int = 3600,
    ) -> None:
        self.keys = keys
        self.tenant_id = tenant_id
        self.api_audience = api_audience
        self.client_ids = frozenset(client_ids) if client_ids is not None else None
        self.access_token_lifetime_s = access_token_lifetime_s
        self.state = IdPState(people)
        self.base_url = ""  # set once the socket is bound
        t = "/{tenant}"
        self.app = Starlette(
            routes=[
                Route(t + "/v2.0/.well-known/openid-configuration", self.discovery),
                Route(t + "/discovery/v2.0/keys", self.jwks),
                Route(t + "/oauth2/v2.0/authorize", self.authorize, methods=["GET"]),
                Route(t + "/login", self.login, methods=["POST"]),
                Route(t + "/mfa", self.mfa, methods=["POST"]),
                Route(t + "/oauth2/v2.0/token", self.token, methods=["POST"]),
                Route(t + "/oauth2/v2.0/logout", self.logout, methods=["GET", "POST"]),
                Route(t + "/oauth2/v2.0/devicecode", self.devicecode, methods=["POST"]),
                Route(t + "/oauth2/v2.0/deviceauth", self.deviceauth, methods=["GET", "POST"]),
                Route("/", self.home),
            ]
        )

    # ---- helpers -----------------------------------------------------------------

    @property
    def issuer(self) -> str:
        return f"{self.base_url}/{self.tenant_id}/v2.0"

    def _tenant_ok(self, request: Request) -> bool:
        tenant = str(request.path_params["tenant"]).lower()
        return tenant == self.tenant_id or tenant in TENANT_ALIASES

    def _url(self, path: str) -> str:
        return f"{self.base_url}/{self.tenant_id}{path}"

    @staticmethod
    async def _form(request: Request) -> dict[str, str]:
        body = (await request.body()).decode("utf-8", "replace")
        return {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}

    def _session(self, request: Request) -> tuple[str, _Session] | None:
        sid = request.cookies.get(SESSION_COOKIE, "")
        with self.state.lock:
            found = self.state.sessions.get(sid)
        return (sid, found) if found else None

    def _client_info(self, person: TestPerson) -> str:
        return _b64url(json.dumps({"uid": person.oid, "utid": self.tenant_id}).encode())

    def _split_scopes(self, scopes: Iterable[str]) -> tuple[str, str]:
        """(audience, scp) of the one resource asked for; raises OAuthError otherwise."""
        resource = [s for s in scopes if s not in OIDC_SCOPES]
        audiences = {s.rsplit("/", 1)[0] for s in resource if "/" in s}
        if len(audiences) != 1 or len(resource) != len([s for s in resource if "/" in s]):
            raise OAuthError(
                "invalid_scope", 70011, "The provided scope value is invalid or names no API."
            )
        audience = audiences.pop()
        if audience != self.api_audience:
            raise OAuthError(
                "invalid_resource",
                500011,
                f"The resource principal named {audience} was not found in the tenant.",
            )
        return audience, " ".join(s.rsplit("/", 1)[1] for s in resource)

    def _tokens(
        self,
        person: TestPerson,
        client_id: str,
        scopes: tuple[str, ...],
        *,
        auth_time: int,
        nonce: str = "",
    ) -> dict[str, Any]:
        audience, scp = self._split_scopes(scopes)
        claims = access_token_claims(
            person,
            issuer=self.issuer,
            audience=audience,
            scope=scp,
            client_id=client_id,
            tenant_id=self.tenant_id,
        )
        claims["uti"] = secrets.token_urlsafe(16)  # Entra's unique token id: no two alike
        access = self.keys.mint(claims, lifetime_s=self.access_token_lifetime_s)
        id_claims: dict[str, Any] = {
            "iss": self.issuer,
            "aud": client_id,
            "sub": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{client_id}|{person.oid}")),
            "oid": person.oid,
            "tid": self.tenant_id,
            "preferred_username": person.username,
            "name": person.display_name,
            "auth_time": auth_time,
            "ver": "2.0",
        }
        if nonce:
            id_claims["nonce"] = nonce
        answer: dict[str, Any] = {
            "token_type": "Bearer",
            "scope": " ".join(s for s in scopes if s not in OIDC_SCOPES),
            "expires_in": self.access_token_lifetime_s,
            "ext_expires_in": self.access_token_lifetime_s,
            "access_token": access,
            "id_token": self.keys.mint(id_claims, lifetime_s=3600),
            "client_info": self._client_info(person),
        }
        if "offline_access" in scopes:
            refresh = secrets.token_urlsafe(48)
            with self.state.lock:
                self.state.refresh_tokens[refresh] = _Grant(person, client_id, scopes, auth_time)
            answer["refresh_token"] = refresh
        return answer

    def _post_back(self, req: _AuthRequest, fields: dict[str, str], message: str = "") -> Response:
        if req.state:
            fields = {**fields, "state": req.state}
        return HTMLResponse(
            pages.form_post_page(req.redirect_uri, fields, message=message, lang=req.ui_locales)
        )

    def _post_error(self, req: _AuthRequest, err: OAuthError, message: str = "") -> Response:
        self.state.count(f"error:{err.error}")
        return self._post_back(
            req, {"error": err.error, "error_description": err.description}, message
        )

    def _issue_code(self, req: _AuthRequest, person: TestPerson, auth_time: int) -> Response:
        code = secrets.token_urlsafe(32)
        with self.state.lock:
            self.state.codes[code] = _Code(
                req, person, auth_time, time.monotonic() + CODE_LIFETIME_S
            )
        return self._post_back(
            req,
            {
                "code": code,
                "client_info": self._client_info(person),
                "session_state": str(uuid.uuid4()),
            },
        )

    def _finish(
        self,
        request: Request,
        req: _AuthRequest,
        person: TestPerson,
        response_session: str | None = None,
    ) -> Response:
        """Password (and MFA) done: start an SSO session, then answer the app."""
        auth_time = int(time.time())
        sid = response_session or secrets.token_urlsafe(32)
        with self.state.lock:
            self.state.sessions[sid] = _Session(person, auth_time)
        if req.device_code:
            with self.state.lock:
                device = self.state.device_codes.get(req.device_code)
                if device:
                    device.person = person
            response: Response = HTMLResponse(
                pages.message_page(
                    "You're signed in",
                    [
                        "You have signed in to Smartcard Linker on your other device.",
                        "You can close this window.",
                    ],
                )
            )
        else:
            response = self._issue_code(req, person, auth_time)
        response.set_cookie(
            SESSION_COOKIE,
            sid,
            path=f"/{self.tenant_id}",
            secure=True,
            httponly=True,
            samesite="lax",
        )
        self.state.count("signed_in")
        return response

    def _login_form(
        self,
        req: _AuthRequest,
        ctx: str,
        *,
        error: str = "",
        continue_as: str = "",
        username: str = "",
    ) -> Response:
        return HTMLResponse(
            pages.login_page(
                self._url("/login"),
                ctx,
                username=username or req.login_hint,
                error=error,
                continue_as=continue_as,
                lang=req.ui_locales,
            )
        )

    # ---- endpoints ---------------------------------------------------------------

    async def home(self, request: Request) -> Response:
        return HTMLResponse(
            pages.message_page(
                "Sandbox identity provider",
                [f"Authority: {self.base_url}/{self.tenant_id}", f"Issuer: {self.issuer}"],
            )
        )

    async def discovery(self, request: Request) -> Response:
        if not self._tenant_ok(request):
            return OAuthError("invalid_tenant", 90002, "Tenant not found.").json()
        return JSONResponse(
            {
                "issuer": self.issuer,
                "authorization_endpoint": self._url("/oauth2/v2.0/authorize"),
                "token_endpoint": self._url("/oauth2/v2.0/token"),
                "device_authorization_endpoint": self._url("/oauth2/v2.0/devicecode"),
                "end_session_endpoint": self._url("/oauth2/v2.0/logout"),
                "jwks_uri": self._url("/discovery/v2.0/keys"),
                "response_types_supported": ["code"],
                "response_modes_supported": ["form_post"],
                "grant_types_supported": ["authorization_code", "refresh_token", DEVICE_GRANT],
                "code_challenge_methods_supported": ["S256"],
                "subject_types_supported": ["pairwise"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "scopes_supported": ["openid", "profile", "email", "offline_access"],
                "token_endpoint_auth_methods_supported": ["none"],
                "tenant_region_scope": "EU",
            }
        )

    async def jwks(self, request: Request) -> Response:
        return JSONResponse(self.keys.jwks())

    async def authorize(self, request: Request) -> Response:
        q = request.query_params
        if not self._tenant_ok(request):
            return HTMLResponse(
                pages.message_page("Sign-in error", ["AADSTS90002: Tenant not found."], error=True),
                400,
            )
        client_id = q.get("client_id", "")
        redirect_uri = q.get("redirect_uri", "")
        if not client_id or (self.client_ids is not None and client_id not in self.client_ids):
            return HTMLResponse(
                pages.message_page(
                    "Sign-in error",
                    [
                        f"AADSTS700016: Application with identifier '{client_id}' was not found "
                        "in the directory."
                    ],
                    error=True,
                ),
                400,
            )
        if not is_loopback_redirect(redirect_uri):
            return HTMLResponse(
                pages.message_page(
                    "Sign-in error",
                    [
                        "AADSTS50011: The redirect URI specified in the request does not match the "
                        "redirect URIs configured for the application (loopback http only)."
                    ],
                    error=True,
                ),
                400,
            )
        req = _AuthRequest(
            client_id=client_id,
            redirect_uri=redirect_uri,
            state=q.get("state", ""),
            nonce=q.get("nonce", ""),
            code_challenge=q.get("code_challenge", ""),
            scopes=tuple(q.get("scope", "").split()),
            prompt=q.get("prompt", ""),
            login_hint=q.get("login_hint", ""),
            ui_locales=q.get("ui_locales", ""),
        )
        if q.get("response_mode") != "form_post":
            return HTMLResponse(
                pages.message_page(
                    "Sign-in error",
                    ["AADSTS900144: This sandbox answers only with response_mode=form_post."],
                    error=True,
                ),
                400,
            )
        if q.get("response_type") != "code":
            return self._post_error(
                req,
                OAuthError(
                    "unsupported_response_type", 700054, "Only response_type=code is enabled."
                ),
            )
        if not req.code_challenge or q.get("code_challenge_method") != "S256":
            return self._post_error(
                req,
                OAuthError(
                    "invalid_request",
                    9002325,
                    "Proof Key for Code Exchange (S256) is required for public clients.",
                ),
            )
        try:
            self._split_scopes(req.scopes)
        except OAuthError as err:
            return self._post_error(req, err)
        self.state.count("authorize")
        ctx = secrets.token_urlsafe(24)
        with self.state.lock:
            self.state.pending[ctx] = req
        found = self._session(request)
        with self.state.lock:
            self.state.authorizations.append(
                AuthorizeRecord(
                    prompt=req.prompt,
                    login_hint=req.login_hint,
                    cookie_sent=SESSION_COOKIE in request.cookies,
                    session_of=found[1].person.username if found else None,
                )
            )
        if req.prompt == "none":
            if not found:
                return self._post_error(
                    req,
                    OAuthError(
                        "login_required",
                        50058,
                        "A silent sign-in request was sent but no user is signed in.",
                    ),
                )
            return self._issue_code(req, found[1].person, found[1].auth_time)
        hint_ok = not req.login_hint or (
            found is not None and found[1].person.username.lower() == req.login_hint.lower()
        )
        if found and req.prompt == "" and hint_ok:
            return self._issue_code(req, found[1].person, found[1].auth_time)  # SSO
        continue_as = found[1].person.username if found and req.prompt == "select_account" else ""
        return self._login_form(req, ctx, continue_as=continue_as)

    def _take_pending(self, ctx: str) -> _AuthRequest | None:
        with self.state.lock:
            return self.state.pending.get(ctx)

    def _drop_pending(self, ctx: str) -> None:
        with self.state.lock:
            self.state.pending.pop(ctx, None)

    def _cancelled(self, ctx: str, req: _AuthRequest) -> Response:
        self._drop_pending(ctx)
        if req.device_code:
            with self.state.lock:
                device = self.state.device_codes.get(req.device_code)
                if device:
                    device.denied = True
            return HTMLResponse(
                pages.message_page(
                    "Sign-in cancelled", ["You can close this window."], lang=req.ui_locales
                )
            )
        return self._post_error(
            req, OAuthError("access_denied", 65004, "User declined to sign in.")
        )

    async def login(self, request: Request) -> Response:
        form = await self._form(request)
        ctx = form.get("ctx", "")
        req = self._take_pending(ctx)
        if req is None:
            return HTMLResponse(
                pages.message_page(
                    "Sign-in expired",
                    ["This sign-in page has expired. Go back to the app and start again."],
                    error=True,
                ),
                400,
            )
        action = form.get("action", "sign_in")
        if action == "cancel":
            return self._cancelled(ctx, req)
        if action == "continue_session":
            found = self._session(request)
            if found:
                self._drop_pending(ctx)
                return self._finish(request, req, found[1].person, found[0])
            return self._login_form(req, ctx, error="Your session has ended. Sign in again.")
        username = form.get("username", "").strip()
        person = self.state.people.get(username.lower())
        if person is None:
            self.state.count("login_unknown")
            return self._login_form(
                req,
                ctx,
                username=username,
                error=("We couldn't find an account with that username. (AADSTS50034)"),
            )
        if not secrets.compare_digest(form.get("password", ""), SANDBOX_PASSWORD):
            self.state.count("login_bad_password")
            return self._login_form(
                req,
                ctx,
                username=username,
                error=("Your account or password is incorrect. (AADSTS50126)"),
            )
        if not person.account_enabled:
            self._drop_pending(ctx)
            return self._post_error(
                req,
                OAuthError("access_denied", 50057, "The user account is disabled."),
                "Your NHSmail account is disabled (AADSTS50057). Contact your Local Administrator.",
            )
        if person.needs_mfa:
            req.person = person
            return HTMLResponse(
                pages.mfa_page(
                    self._url("/mfa"), ctx, username=person.username, lang=req.ui_locales
                )
            )
        self._drop_pending(ctx)
        return self._finish(request, req, person)

    async def mfa(self, request: Request) -> Response:
        form = await self._form(request)
        ctx = form.get("ctx", "")
        req = self._take_pending(ctx)
        if req is None or req.person is None:
            return HTMLResponse(
                pages.message_page(
                    "Sign-in expired",
                    ["This sign-in page has expired. Go back to the app and start again."],
                    error=True,
                ),
                400,
            )
        if form.get("action") == "cancel":
            return self._cancelled(ctx, req)
        if not secrets.compare_digest(form.get("code", "").strip(), MFA_CODE):
            self.state.count("mfa_bad_code")
            return HTMLResponse(
                pages.mfa_page(
                    self._url("/mfa"),
                    ctx,
                    username=req.person.username,
                    error="That code is not right. Check it and try again.",
                    lang=req.ui_locales,
                )
            )
        self._drop_pending(ctx)
        return self._finish(request, req, req.person)

    async def token(self, request: Request) -> Response:
        try:
            if not self._tenant_ok(request):
                raise OAuthError("invalid_tenant", 90002, "Tenant not found.")
            form = await self._form(request)
            grant = form.get("grant_type", "")
            client_id = form.get("client_id", "")
            if not client_id or (self.client_ids is not None and client_id not in self.client_ids):
                raise OAuthError("unauthorized_client", 700016, "Application not found.")
            if grant == "authorization_code":
                answer = self._redeem_code(form, client_id)
            elif grant == "refresh_token":
                answer = self._redeem_refresh(form, client_id)
            elif grant == DEVICE_GRANT:
                answer = self._redeem_device(form, client_id)
            else:
                raise OAuthError("unsupported_grant_type", 70003, "Unsupported grant type.")
        except OAuthError as err:
            self.state.count(f"token_error:{err.error}")
            return err.json()
        self.state.count(f"token:{grant}")
        return JSONResponse(answer, headers={"Cache-Control": "no-store"})

    def _redeem_code(self, form: dict[str, str], client_id: str) -> dict[str, Any]:
        with self.state.lock:
            code = self.state.codes.get(form.get("code", ""))
            if code is not None:
                was_used, code.used = code.used, True
        if code is None or was_used or code.expires < time.monotonic():
            raise OAuthError(
                "invalid_grant",
                54005,
                "OAuth2 Authorization code was already redeemed or is unknown.",
            )
        req = code.request
        if req.client_id != client_id:
            raise OAuthError("invalid_grant", 70000, "The code was issued to another client.")
        if form.get("redirect_uri", "") != req.redirect_uri:
            raise OAuthError(
                "invalid_grant",
                50148,
                "The redirect_uri does not match the one in the authorize request.",
            )
        verifier = form.get("code_verifier", "")
        if not verifier or not secrets.compare_digest(pkce_s256(verifier), req.code_challenge):
            raise OAuthError(
                "invalid_grant",
                501481,
                "The Code_Verifier does not match the "
                "code_challenge supplied in the authorization request.",
            )
        return self._tokens(
            code.person, client_id, req.scopes, auth_time=code.auth_time, nonce=req.nonce
        )

    def _redeem_refresh(self, form: dict[str, str], client_id: str) -> dict[str, Any]:
        with self.state.lock:
            grant = self.state.refresh_tokens.pop(form.get("refresh_token", ""), None)
        if grant is None:
            raise OAuthError(
                "invalid_grant",
                70008,
                "The refresh token has expired, was revoked or was already used.",
            )
        if grant.client_id != client_id:
            raise OAuthError(
                "invalid_grant", 70000, "The refresh token was issued to another client."
            )
        if not grant.person.account_enabled:
            raise OAuthError("invalid_grant", 50057, "The user account is disabled.")
        asked = tuple(form.get("scope", "").split()) or grant.scopes
        scopes = tuple(dict.fromkeys([*asked, "offline_access"]))
        return self._tokens(grant.person, client_id, scopes, auth_time=grant.auth_time)

    def _redeem_device(self, form: dict[str, str], client_id: str) -> dict[str, Any]:
        with self.state.lock:
            device = self.state.device_codes.get(form.get("device_code", ""))
        if device is None or device.client_id != client_id or device.redeemed:
            raise OAuthError("invalid_grant", 70000, "Unknown device code.")
        if device.denied:
            raise OAuthError("authorization_declined", 70000, "The user declined.")
        if device.expires < time.monotonic():
            raise OAuthError("expired_token", 70019, "The device code has expired.")
        if device.person is None:
            raise OAuthError("authorization_pending", 70016, "Waiting for the user to sign in.")
        device.redeemed = True
        return self._tokens(device.person, client_id, device.scopes, auth_time=int(time.time()))

    async def logout(self, request: Request) -> Response:
        found = self._session(request)
        if found:
            with self.state.lock:
                self.state.sessions.pop(found[0], None)
        params = dict(request.query_params)
        if request.method == "POST":
            params.update(await self._form(request))
        target = params.get("post_logout_redirect_uri", "")
        response: Response
        if target and is_loopback_redirect(target):
            response = RedirectResponse(target, status_code=302)
        else:
            response = HTMLResponse(
                pages.message_page(
                    "You have signed out", ["You have signed out of NHSmail in this browser."]
                )
            )
        response.delete_cookie(
            SESSION_COOKIE, path=f"/{self.tenant_id}", secure=True, httponly=True, samesite="lax"
        )
        self.state.count("logout")
        return response

    async def devicecode(self, request: Request) -> Response:
        form = await self._form(request)
        client_id = form.get("client_id", "")
        scopes = tuple(form.get("scope", "").split())
        try:
            if not client_id or (self.client_ids is not None and client_id not in self.client_ids):
                raise OAuthError("unauthorized_client", 700016, "Application not found.")
            self._split_scopes(scopes)
        except OAuthError as err:
            return err.json()
        device_code = secrets.token_urlsafe(32)
        user_code = "".join(secrets.choice("BCDFGHJKLMNPQRSTVWXZ") for _ in range(8))
        with self.state.lock:
            self.state.device_codes[device_code] = _DeviceCode(
                client_id, scopes, user_code, time.monotonic() + DEVICE_CODE_LIFETIME_S
            )
        uri = self._url("/oauth2/v2.0/deviceauth")
        return JSONResponse(
            {
                "device_code": device_code,
                "user_code": user_code,
                "verification_uri": uri,
                "expires_in": DEVICE_CODE_LIFETIME_S,
                "interval": 1,
                "message": f"To sign in, open {uri} and enter the code {user_code}.",
            }
        )

    async def deviceauth(self, request: Request) -> Response:
        action = self._url("/oauth2/v2.0/deviceauth")
        if request.method == "GET":
            return HTMLResponse(pages.device_code_page(action))
        user_code = (await self._form(request)).get("user_code", "").strip().upper()
        with self.state.lock:
            match = [
                k
                for k, d in self.state.device_codes.items()
                if d.user_code == user_code
                and d.person is None
                and not d.denied
                and d.expires > time.monotonic()
            ]
        if not match:
            return HTMLResponse(
                pages.device_code_page(action, error="That code is not right or has expired.")
            )
        device = self.state.device_codes[match[0]]
        req = _AuthRequest(
            device.client_id, "", "", "", "", device.scopes, "login", "", device_code=match[0]
        )
        ctx = secrets.token_urlsafe(24)
        with self.state.lock:
            self.state.pending[ctx] = req
        return self._login_form(req, ctx)


class _QuietShutdown(logging.Filter):
    """Idle keep-alive clients (msal's session) make uvicorn complain on every stop."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "graceful shutdown exceeded" not in record.getMessage()


logging.getLogger("uvicorn.error").addFilter(_QuietShutdown())


class SandboxIdP:
    """Start/stop the provider on a loopback port: ``SandboxIdP(pki).start()`` → authority."""

    def __init__(
        self,
        pki: SandboxPKI,
        port: int = 0,
        *,
        host: str = "127.0.0.1",
        keys: SigningKeySet | None = None,
        tenant_id: str = SANDBOX_TENANT_ID,
        api_audience: str = SANDBOX_API_AUDIENCE,
        client_ids: Iterable[str] | None = None,
        people: Iterable[TestPerson] = PEOPLE,
        access_token_lifetime_s: int = 3600,
    ) -> None:
        if host not in ("127.0.0.1", "::1"):
            raise ValueError("the sandbox identity provider listens on loopback only")
        self.pki = pki
        self.host = host
        self.port = port
        self.idp = IdPApp(
            keys=keys or SigningKeySet(),
            tenant_id=tenant_id,
            api_audience=api_audience,
            client_ids=client_ids,
            people=people,
            access_token_lifetime_s=access_token_lifetime_s,
        )
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def keys(self) -> SigningKeySet:
        return self.idp.keys

    @property
    def state(self) -> IdPState:
        return self.idp.state

    @property
    def base_url(self) -> str:
        return self.idp.base_url

    @property
    def authority(self) -> str:
        """What msal is configured with: ``https://127.0.0.1:PORT/<tenant id>``."""
        return f"{self.base_url}/{self.idp.tenant_id}"

    @property
    def issuer(self) -> str:
        return self.idp.issuer

    @property
    def jwks_url(self) -> str:
        return f"{self.authority}/discovery/v2.0/keys"

    @property
    def api_scope(self) -> str:
        return f"{self.idp.api_audience}/Link.ReadWrite"

    @property
    def ca_file(self) -> str:
        return str(self.pki.tls_ca_file)

    def start(self, timeout: float = 10.0) -> str:
        """Serve in a background thread; returns the authority URL once accepting."""
        sock = free_loopback_socket(self.host, self.port)
        self.port = sock.getsockname()[1]
        host = f"[{self.host}]" if ":" in self.host else self.host
        self.idp.base_url = f"https://{host}:{self.port}"
        config = uvicorn.Config(
            self.idp.app,
            ssl_certfile=str(self.pki.tls_cert_file),
            ssl_keyfile=str(self.pki.tls_key_file),
            log_config=None,  # leave the host's logging alone
            log_level="warning",
            access_log=False,
            lifespan="off",
            loop="asyncio",
            http="h11",
            timeout_graceful_shutdown=1,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="sandbox-idp", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the sandbox identity provider did not start")
            time.sleep(0.01)
        return self.authority

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(10)
        self._server = self._thread = None

    def __enter__(self) -> SandboxIdP:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ---- test hooks ---------------------------------------------------------------

    def revoke_refresh_tokens(self, username: str | None = None) -> int:
        """Revoke refresh tokens (one user's, or all): the next silent sign-in must fail."""
        with self.state.lock:
            gone = [
                k
                for k, g in self.state.refresh_tokens.items()
                if username is None or g.person.username.lower() == username.lower()
            ]
            for k in gone:
                del self.state.refresh_tokens[k]
        return len(gone)

    def authorizations(self) -> list[AuthorizeRecord]:
        """Every authorize request so far, oldest first."""
        with self.state.lock:
            return list(self.state.authorizations)

    def live_sessions(self) -> list[str]:
        """The usernames of the browser SSO sessions the provider still holds."""
        with self.state.lock:
            return [s.person.username for s in self.state.sessions.values()]

    def end_browser_sessions(self) -> None:
        with self.state.lock:
            self.state.sessions.clear()
