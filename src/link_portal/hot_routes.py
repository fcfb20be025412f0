"""The three calls of a link flow served as plain ASGI, in front of FastAPI.

FastAPI's per-request machinery (middleware stack, dependency solving, response
classes) cost more CPU than the calls' own work. These handlers do the same checks
in the same order — bearer token first, then the body (validated by the same
pydantic model, so the same bad_request cases), then the service — and answer with
the same bytes. FastAPI still declares these routes (the OpenAPI document) and
serves every other route; errors go through the app's one problem mapping.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from pydantic import ValidationError

from link_portal.openapi_models import LinkRequestIn
from link_portal.service import ApiError, PortalService
from link_portal.tokens import Caller, TokenInvalid, TokenValidator
from link_protocol.errors import ErrorCode

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
# maps any exception from a handler to a response (an ASGI app), given the request id
ProblemFor = Callable[[BaseException, str | None], ASGIApp]

CHALLENGES_PATH = "/api/v1/challenges"
LINK_REQUESTS_PATH = "/api/v1/link-requests"
CONFIRM_RE = re.compile(r"^/api/v1/link-requests/([^/]+)/confirm$")
MAX_IDEMPOTENCY_KEY = 200
JSON_HEADERS = [(b"content-type", b"application/json")]


def _json_bytes(data: Any) -> bytes:
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def validation_detail(errors: list[Any]) -> str:
    """FastAPI-style "field: message" for the first few validation errors."""
    where = []
    for error in errors[:5]:
        loc = ".".join(str(p) for p in error.get("loc", ()) if p != "body")
        where.append(f"{loc or 'body'}: {error.get('msg', 'invalid')}")
    return "; ".join(where)


class HotRoutes:
    """Serves POST challenges, link-requests and confirm; passes everything else on."""

    def __init__(
        self,
        app: ASGIApp,
        service: PortalService,
        validator: TokenValidator,
        problem_for: ProblemFor,
    ) -> None:
        self.app = app
        self.service = service
        self.validator = validator
        self.problem_for = problem_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        confirm_id: str | None = None
        if path not in (CHALLENGES_PATH, LINK_REQUESTS_PATH):
            match = CONFIRM_RE.match(path)
            if match is None:
                await self.app(scope, receive, send)
                return
            confirm_id = match.group(1)
        request_id = scope.get("state", {}).get("request_id")
        try:
            status, payload = await self._handle(scope, receive, path, confirm_id, request_id)
        except Exception as exc:  # every failure leaves as a problem document
            await self.problem_for(exc, request_id)(scope, receive, send)
            return
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [*JSON_HEADERS, (b"content-length", str(len(payload)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": payload})

    async def _handle(
        self,
        scope: Scope,
        receive: Receive,
        path: str,
        confirm_id: str | None,
        request_id: str | None,
    ) -> tuple[int, bytes]:
        headers = dict(scope["headers"])  # last one wins for duplicates, like Starlette
        caller = self._authenticate(headers.get(b"authorization"))
        body = await _read_body(receive)
        if path == CHALLENGES_PATH:
            return 201, _json_bytes((await self.service.create_challenge(caller)).to_json())
        if confirm_id is None:
            parsed = _parse_link_request(headers.get(b"content-type"), body)
            view = await self.service.create_link_request(caller, parsed, request_id)
            return 201, _json_bytes(view.to_json())
        key = headers.get(b"idempotency-key")
        idempotency_key = key.decode("latin-1") if key is not None else None
        if idempotency_key is not None and len(idempotency_key) > MAX_IDEMPOTENCY_KEY:
            raise ApiError(
                ErrorCode.BAD_REQUEST,
                f"Idempotency-Key: at most {MAX_IDEMPOTENCY_KEY} characters",
            )
        link = await self.service.confirm(caller, confirm_id, idempotency_key, request_id)
        return 200, _json_bytes(link.to_json())

    def _authenticate(self, header: bytes | None) -> Caller:
        """As HTTPBearer(auto_error=False) then the app's authenticate dependency."""
        scheme, _, token = (header or b"").decode("latin-1").partition(" ")
        if not header or scheme.lower() != "bearer" or not token:
            raise ApiError(ErrorCode.TOKEN_INVALID, "a bearer access token is required")
        try:
            return self.validator.validate(token)
        except TokenInvalid as exc:
            raise ApiError(ErrorCode.TOKEN_INVALID, str(exc)) from exc


async def _read_body(receive: Receive) -> bytes:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _parse_link_request(content_type: bytes | None, body: bytes) -> dict[str, Any]:
    """The body as FastAPI would accept it: JSON (no other media type) of LinkRequestIn."""
    if content_type is not None:
        media = content_type.split(b";", 1)[0].strip().lower()
        if media != b"application/json" and not media.endswith(b"+json"):
            raise ApiError(ErrorCode.BAD_REQUEST, "body: the body must be JSON")
    if not body:
        raise ApiError(ErrorCode.BAD_REQUEST, "body: Field required")
    try:
        model = LinkRequestIn.model_validate_json(body)
    except ValidationError as exc:
        raise ApiError(ErrorCode.BAD_REQUEST, validation_detail(exc.errors())) from exc
    return model.model_dump(mode="json")
