"""The Link API v1 as an ASGI app (FastAPI): routes, problem responses, request ids.

Each route is a plain function that FastAPI runs on its thread pool: it validates the
bearer token (a dependency), gets a body already validated by the pydantic model, and
makes one service call, which is one database transaction. Every error leaves as
``application/problem+json`` with a stable ``code`` and the request id (FastAPI's
own validation errors, unknown routes and oversized bodies included), so bad input
never produces a 500; every refused API call is audited.
"""

from __future__ import annotations

import json
import logging
import os
import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, MutableMapping
from contextlib import asynccontextmanager
from typing import Annotated, Any

from anyio import CapacityLimiter, to_thread
from fastapi import Depends, FastAPI, Header, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

from link_portal.certs import CertificateChecker
from link_portal.config import PortalConfig, load_config
from link_portal.db import make_engine
from link_portal.openapi_models import (
    ChallengeOut,
    HealthOut,
    LinkOut,
    LinkRequestIn,
    LinkRequestOut,
    MeOut,
    ProblemOut,
)
from link_portal.service import ApiError, DatabaseUnavailable, PortalService
from link_portal.tokens import Caller, JwksCache, KeysUnavailable, TokenInvalid, TokenValidator
from link_protocol import API_VERSION
from link_protocol.errors import PROBLEM_CONTENT_TYPE, REQUEST_ID_HEADER, ErrorCode
from link_protocol.models import Problem

log = logging.getLogger("link_portal")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

REQUEST_ID_RE = re.compile(r"^[A-Za-z0-9._:-]{1,80}$")
# Every answer: never cached (it carries personal data), never content-sniffed.
SECURITY_HEADERS = [(b"cache-control", b"no-store"), (b"x-content-type-options", b"nosniff")]
HSTS = (b"strict-transport-security", b"max-age=31536000")

TITLES: dict[ErrorCode, str] = {
    ErrorCode.TOKEN_INVALID: "Sign-in is not valid",
    ErrorCode.AUP_NOT_ACCEPTED: "Acceptable Use Policy not accepted",
    ErrorCode.ACCOUNT_INACTIVE: "Account not active",
    ErrorCode.CHALLENGE_EXPIRED: "Challenge expired",
    ErrorCode.CHALLENGE_USED: "Challenge already used",
    ErrorCode.CERTIFICATE_UNTRUSTED: "Card certificate not trusted",
    ErrorCode.CERTIFICATE_EXPIRED: "Card certificate expired",
    ErrorCode.CERTIFICATE_REVOKED: "Card certificate revoked",
    ErrorCode.SIGNATURE_INVALID: "Card signature not valid",
    ErrorCode.IDENTITY_UNKNOWN: "Care Identity not known",
    ErrorCode.IDENTITY_INACTIVE: "Care Identity not active",
    ErrorCode.ALREADY_LINKED: "Already linked",
    ErrorCode.NOT_FOUND: "Not found",
    ErrorCode.RATE_LIMITED: "Too many requests",
    ErrorCode.BAD_REQUEST: "Bad request",
    ErrorCode.LINK_REQUEST_EXPIRED: "Link request expired",
    ErrorCode.SERVICE_UNAVAILABLE: "Service unavailable",
    ErrorCode.INTERNAL_ERROR: "Internal error",
}


def json_response(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return Response(body, status_code=status, media_type="application/json")


def problem_response(
    code: ErrorCode,
    detail: str,
    request_id: str | None,
    *,
    status: int | None = None,
    extra: dict[str, Any] | None = None,
    retry_after: int | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    problem = Problem(
        code=code.value,
        title=TITLES.get(code, code.value),
        status=status or code.http_status,
        detail=detail,
        request_id=request_id,
        extra=extra or {},
    )
    headers = dict(headers or {})
    if retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    if code is ErrorCode.TOKEN_INVALID:
        headers["WWW-Authenticate"] = 'Bearer error="invalid_token"'
    body = json.dumps(problem.to_json(), separators=(",", ":"), ensure_ascii=False)
    return Response(
        body.encode("utf-8"),
        status_code=problem.status,
        media_type=PROBLEM_CONTENT_TYPE,
        headers=headers,
    )


DRAIN_LIMIT = 1024 * 1024  # read (and drop) up to this much so the client sees our 413


async def _drain(receive: Receive, budget: int) -> None:
    while budget > 0:
        message = await receive()
        if message["type"] != "http.request":
            return
        budget -= len(message.get("body", b""))
        if not message.get("more_body", False):
            return


class RequestGuard:
    """Pure-ASGI outer layer for every route: the request id in and out, the response
    headers, the body size limit (whatever the transfer coding), one Authorization
    header at most (two could be read differently by a proxy and by us), and the 500
    problem for an error no handler answered (here, so it carries the headers too)."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = scope.get("headers", ())
        incoming = next((v.decode("latin-1") for n, v in headers if n == b"x-request-id"), "")
        request_id = incoming if REQUEST_ID_RE.match(incoming) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = request_id
        added = [(REQUEST_ID_HEADER.lower().encode(), request_id.encode()), *SECURITY_HEADERS]
        if scope.get("scheme") == "https":
            added.append(HSTS)

        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *added]
            await send(message)

        if sum(1 for name, _ in headers if name == b"authorization") > 1:
            refusal = problem_response(
                ErrorCode.BAD_REQUEST, "more than one Authorization header", request_id
            )
            await refusal(scope, receive, send_with_headers)
            return
        try:
            await self.app(scope, self._limited(receive), send_with_headers)
        except Exception as exc:
            if started:  # the answer is already on its way: the server drops the connection
                raise
            await problem_for(exc, request_id)(scope, receive, send_with_headers)

    def _limited(self, receive: Receive) -> Receive:
        """``receive``, refusing a body that grows past the limit with a 413 (what is
        left of it is read, up to DRAIN_LIMIT, so that the client hears the answer)."""
        size = 0

        async def limited() -> Message:
            nonlocal size
            message = await receive()
            size += len(message.get("body", b""))
            if size > self.max_body_bytes:
                if message.get("more_body", False):
                    await _drain(receive, DRAIN_LIMIT - size)
                raise StarletteHTTPException(
                    413,
                    f"request body larger than {self.max_body_bytes} bytes",
                    headers={"Connection": "close"},
                )
            return message

        return limited


PROBLEM_CONTENT = {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": "#/components/schemas/ProblemOut"}}}


def _problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    described = {
        400: "bad_request: malformed input",
        401: "token_invalid",
        403: "aup_not_accepted or account_inactive",
        404: "not_found (also another user's challenge or link request)",
        409: "already_linked (says to which account or identity, masked)",
        410: "challenge_expired, challenge_used or link_request_expired",
        413: "bad_request: body larger than the limit (64 KB by default)",
        422: "certificate_*, signature_invalid, identity_unknown, identity_inactive",
        429: "rate_limited (Retry-After header)",
        503: "service_unavailable: the issuer's keys or the database cannot be reached",
    }
    return {s: {"description": described[s], "content": PROBLEM_CONTENT} for s in statuses}


def _request_id(request: Request) -> str | None:
    value = getattr(request.state, "request_id", None)
    return value if isinstance(value, str) else None


BEARER = HTTPBearer(auto_error=False, description="NHSmail access token for the portal API")


async def authenticate(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)],
) -> Caller:
    """The validated caller; token_invalid (401) otherwise. With the issuer's keys at
    hand the check is CPU work and runs here; when they must be fetched (a blocking
    call) it runs on the thread pool, so a slow issuer never holds up the event loop.
    (A sync dependency would take a thread hop of its own on every request.)"""
    if credentials is None:
        raise ApiError(ErrorCode.TOKEN_INVALID, "a bearer access token is required")
    validator: TokenValidator = request.app.state.validator
    token = credentials.credentials
    try:
        if validator.can_check_now(token):
            caller = validator.validate(token)
        else:  # on a thread of its own: a slow issuer holds up no database call
            limiter = request.app.state.key_fetches
            caller = await to_thread.run_sync(validator.validate, token, limiter=limiter)
    except TokenInvalid as exc:
        raise ApiError(ErrorCode.TOKEN_INVALID, str(exc)) from exc
    request.state.caller_oid = caller.oid
    return caller


AuthCaller = Annotated[Caller, Depends(authenticate)]


# outages that are nobody's fault in the request: what the user reads, when to retry
UNAVAILABLE: dict[type[Exception], tuple[str, int]] = {
    DatabaseUnavailable: ("the portal's database is not answering; nothing was changed", 5),
    KeysUnavailable: ("the portal cannot check sign-ins right now", 30),
}


def problem_for(exc: BaseException, request_id: str | None) -> Response:
    """The problem response for an exception a handler raised (the one mapping)."""
    if isinstance(exc, ApiError):
        return problem_response(
            exc.code, exc.detail, request_id, extra=exc.extra, retry_after=exc.retry_after
        )
    for kind, (detail, retry_after) in UNAVAILABLE.items():
        if isinstance(exc, kind):
            log.warning("%s: %s", kind.__name__, exc)
            return problem_response(
                ErrorCode.SERVICE_UNAVAILABLE, detail, request_id, retry_after=retry_after
            )
    log.error("unexpected error (request %s)", request_id, exc_info=exc)
    return problem_response(
        ErrorCode.INTERNAL_ERROR, "the portal hit an unexpected error", request_id
    )


def validation_detail(errors: list[Any]) -> str:
    """FastAPI-style "field: message" for the first few validation errors."""
    where = []
    for error in errors[:5]:
        loc = ".".join(str(p) for p in error.get("loc", ()) if p != "body")
        where.append(f"{loc or 'body'}: {error.get('msg', 'invalid')}")
    return "; ".join(where)


def create_app(config: PortalConfig) -> FastAPI:
    """Build the app with its database engine, certificate checker and token validator."""
    engine = make_engine(config.database_url, pool_size=config.calls_at_once)
    checker = CertificateChecker.from_config(config)
    keys = JwksCache(
        config.jwks_url,
        issuer=config.issuer,
        ca_file=config.jwks_ca_file or None,
        min_refresh_s=config.jwks_min_refresh_s,
    )
    validator = TokenValidator(
        keys,
        issuer=config.issuer,
        audience=config.audience,
        tenant_id=config.tenant_id,
        leeway_s=config.token_leeway_s,
        required_scope=config.required_scope,
        client_ids=config.client_ids,
    )
    service = PortalService(config, engine, checker)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # The routes run on the thread pool: as many at once as the worker has database
        # connections. More threads would only queue for a connection (or SQLite's one
        # writer) while contending for the GIL: anyio's default of 40 cost a third of
        # the throughput (docs/link-api.md, Performance).
        to_thread.current_default_thread_limiter().total_tokens = config.calls_at_once
        yield
        engine.dispose()

    app = FastAPI(
        title="Smartcard Linker portal — Link API",
        version=API_VERSION,
        description=(
            "Links an NHS Care Identity (smartcard) to an NHSmail account. Errors are "
            "RFC 9457 problem details with a stable `code`. See docs/link-api.md."
        ),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.service = service
    app.state.engine = engine
    app.state.keys = keys
    app.state.validator = validator
    app.state.key_fetches = CapacityLimiter(2)

    async def audited(request: Request, error: ApiError) -> Response:
        """The problem answer, after recording the refusal if the service did not."""
        route = request.scope.get("route")
        if not error.audited and route is not None and route.path.startswith("/api/"):
            try:
                await run_in_threadpool(
                    service.audit_refusal,
                    route.name,
                    error,
                    request_id=_request_id(request),
                    oid=getattr(request.state, "caller_oid", None),
                )
            except Exception as exc:  # an outage must not hide the real answer
                log.warning("could not audit a refused call: %s", type(exc).__name__)
        return problem_for(error, _request_id(request))

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return await audited(request, exc)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        detail = validation_detail(list(exc.errors()))
        return await audited(request, ApiError(ErrorCode.BAD_REQUEST, detail))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = ErrorCode.NOT_FOUND if exc.status_code == 404 else ErrorCode.BAD_REQUEST
        return problem_response(
            code,
            str(exc.detail),
            _request_id(request),
            status=exc.status_code,
            headers=exc.headers,  # a 405 says which methods are allowed (Allow)
        )

    @app.get(
        "/api/v1/me",
        name="me",
        response_model=MeOut,
        responses=_problems(400, 401, 403, 503),
        summary="The caller's account, AUP state and current link",
    )
    def me(request: Request, caller: AuthCaller) -> Response:
        return json_response(service.me(caller, _request_id(request)).to_json())

    @app.post(
        "/api/v1/challenges",
        name="challenge",
        response_model=ChallengeOut,
        status_code=201,
        responses=_problems(400, 401, 403, 413, 429, 503),
        summary="A fresh one-time challenge bound to the caller",
    )
    def create_challenge(request: Request, caller: AuthCaller) -> Response:
        view = service.create_challenge(caller, _request_id(request))
        return json_response(view.to_json(), 201)

    @app.post(
        "/api/v1/link-requests",
        name="link_request",
        response_model=LinkRequestOut,
        status_code=201,
        responses=_problems(400, 401, 403, 404, 409, 410, 413, 422, 429, 503),
        summary="Verify the card's signature over the challenge; a pending link request",
    )
    def create_link_request(request: Request, caller: AuthCaller, body: LinkRequestIn) -> Response:
        view = service.create_link_request(
            caller, body.model_dump(mode="json"), _request_id(request)
        )
        return json_response(view.to_json(), 201)

    @app.post(
        "/api/v1/link-requests/{link_request_id}/confirm",
        name="confirm",
        response_model=LinkOut,
        responses=_problems(400, 401, 403, 404, 409, 410, 413, 422, 503),
        summary="Record the link (idempotent with the Idempotency-Key header)",
    )
    def confirm(
        request: Request,
        caller: AuthCaller,
        link_request_id: str,
        idempotency_key: Annotated[
            str, Header(alias="Idempotency-Key", min_length=1, max_length=200)
        ],
    ) -> Response:
        view = service.confirm(caller, link_request_id, idempotency_key, _request_id(request))
        return json_response(view.to_json())

    @app.delete(
        "/api/v1/link-requests/{link_request_id}",
        name="cancel",
        status_code=204,
        responses=_problems(400, 401, 404, 409, 413, 503),
        summary="The user cancelled at review",
    )
    def cancel(request: Request, caller: AuthCaller, link_request_id: str) -> Response:
        service.cancel(caller, link_request_id, _request_id(request))
        return Response(status_code=204)

    @app.get("/healthz", response_model=HealthOut, summary="Liveness")
    async def healthz() -> Response:
        return json_response({"status": "ok"})

    @app.get(
        "/readyz",
        response_model=HealthOut,
        responses=_problems(503),
        summary="Readiness: the database answers",
    )
    def readyz(request: Request) -> Response:
        if service.ready():
            return json_response({"status": "ready"})
        return problem_response(
            ErrorCode.SERVICE_UNAVAILABLE, "the database is not reachable", _request_id(request)
        )

    _add_problem_schema(app)
    app.add_middleware(RequestGuard, max_body_bytes=config.max_body_bytes)
    return app


def _add_problem_schema(app: FastAPI) -> None:
    """Publish ProblemOut and drop FastAPI's default 422 validation schema (we answer 400)."""
    from fastapi.openapi.utils import get_openapi

    def custom_openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
        )
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components["ProblemOut"] = ProblemOut.model_json_schema(
            ref_template="#/components/schemas/{model}"
        )
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                responses = operation.get("responses", {})
                default_422 = responses.get("422", {})
                ref = (
                    default_422.get("content", {})
                    .get("application/json", {})
                    .get("schema", {})
                    .get("$ref", "")
                )
                if ref.endswith("/HTTPValidationError"):
                    responses["400"] = {
                        "description": "bad_request: malformed input",
                        "content": PROBLEM_CONTENT,
                    }
                    del responses["422"]
        app.openapi_schema = schema
        return schema

    app.openapi = custom_openapi  # type: ignore[method-assign]


def app_from_env() -> FastAPI:
    """uvicorn factory for worker processes: the config path comes from the environment."""
    logging.basicConfig(level=os.environ.get("LINK_PORTAL_LOG_LEVEL", "INFO").upper())
    return create_app(load_config())
