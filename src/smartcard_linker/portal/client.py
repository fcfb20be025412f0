"""The app's Link API v1 client (implements flow.ports.PortalClient).

Every failure becomes a PortalError carrying a Problem: the portal's own problem
when it sent one, otherwise ``network``, ``tls``, ``timeout`` or ``unexpected``
naming the host, so the flow can tell the user what happened and whom to call.
"""

from __future__ import annotations

import json
import logging
import ssl
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import urllib3
from urllib3.exceptions import HTTPError, NewConnectionError, ProxyError, SSLError
from urllib3.exceptions import TimeoutError as TransportTimeout

from link_protocol.errors import (
    IDEMPOTENCY_KEY_HEADER,
    PROBLEM_CONTENT_TYPE,
    REQUEST_ID_HEADER,
)
from link_protocol.message import normalize_origin
from link_protocol.models import (
    ChallengeView,
    LinkRequestBody,
    LinkRequestView,
    LinkView,
    MeView,
    Problem,
)
from smartcard_linker.net import make_origin_pool
from smartcard_linker.portal.errors import PortalError

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
USER_AGENT = "SmartcardLinker/0.1"
DEFAULT_HEADERS = {"User-Agent": USER_AGENT, "Accept": "application/json"}


class HttpPortalClient:
    """Talks to the portal at ``portal_url`` over verified HTTPS (OS store + extra CA),
    on kept-alive connections (net.make_origin_pool)."""

    def __init__(
        self,
        portal_url: str,
        *,
        extra_ca_file: Path | str | None = None,
        timeout: tuple[float, float] = (5.0, 20.0),
    ) -> None:
        self._origin = normalize_origin(portal_url)
        self._host = urlsplit(self._origin).netloc
        self._pool = make_origin_pool(self._origin, extra_ca_file, timeout=timeout)

    @property
    def origin(self) -> str:
        return self._origin

    def close(self) -> None:
        self._pool.close()

    # -- transport -----------------------------------------------------------------

    def _problem(self, code: str, title: str, detail: str = "") -> PortalError:
        return PortalError(
            Problem(code=code, title=title, status=0, detail=detail), host=self._host
        )

    def _call(
        self,
        method: str,
        path: str,
        *,
        token: str | None = None,
        body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        expect: tuple[int, ...] = (200,),
    ) -> Any:
        all_headers = {**DEFAULT_HEADERS, **(headers or {})}
        if token is not None:
            all_headers["Authorization"] = f"Bearer {token}"
        started = time.monotonic()
        try:
            response = self._send(method, path, body, all_headers)
        except PortalError as exc:
            log.warning(
                "portal %s %s failed: %s after %.0f ms",
                method,
                path,
                exc.problem.code,
                (time.monotonic() - started) * 1000,
            )
            raise
        request_id = response.headers.get(REQUEST_ID_HEADER)
        log.info(
            "portal %s %s -> %d in %.0f ms (request id %s)",
            method,
            path,
            response.status,
            (time.monotonic() - started) * 1000,
            request_id or "none",
        )
        if response.status in expect:
            if response.status == 204:
                return None
            try:
                return json.loads(response.data)
            except ValueError:
                raise self._problem(
                    "unexpected", f"{self._host} sent an answer the app cannot read"
                ) from None
        error = self._error_from(response, request_id)
        log.info(
            "portal error code=%s status=%d request id %s",
            error.problem.code,
            response.status,
            request_id or "none",
        )
        raise error

    def _send(
        self, method: str, path: str, body: dict[str, Any] | None, headers: dict[str, str]
    ) -> urllib3.BaseHTTPResponse:
        """One request; transport failures become PortalError (tls, timeout, network)."""
        data = None
        if body is not None:
            data = json.dumps(body, separators=(",", ":")).encode()
            headers = {**headers, "Content-Type": "application/json"}
        tls_title = f"Could not verify the secure connection to {self._host}"
        try:
            return self._pool.urlopen(method, path, body=data, headers=headers, redirect=False)
        except SSLError as exc:
            raise self._problem("tls", tls_title, _reason(exc)) from None
        except NewConnectionError as exc:  # before timeouts: it is one of them to urllib3
            raise self._problem("network", f"Could not reach {self._host}", _reason(exc)) from None
        except ProxyError as exc:
            title = f"Could not reach {self._host} through the proxy"
            raise self._problem("network", title, _reason(exc)) from None
        except TransportTimeout:
            raise self._problem("timeout", f"{self._host} did not answer in time") from None
        except (HTTPError, OSError) as exc:
            if _is_tls_failure(exc):
                raise self._problem("tls", tls_title, _reason(exc)) from None
            raise self._problem("network", f"Could not reach {self._host}", _reason(exc)) from None

    def _error_from(
        self, response: urllib3.BaseHTTPResponse, request_id: str | None
    ) -> PortalError:
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        retry_after = _retry_after(response.headers.get("Retry-After"))
        if content_type == PROBLEM_CONTENT_TYPE:
            try:
                data = json.loads(response.data)
            except ValueError:
                data = None
            if isinstance(data, dict) and isinstance(data.get("code"), str):
                problem = Problem.from_json(data, request_id=request_id, retry_after=retry_after)
                return PortalError(problem, host=self._host)
        problem = Problem(
            code="unexpected",
            title=f"{self._host} answered with HTTP {response.status}",
            status=response.status,
            request_id=request_id,
            retry_after=retry_after,
        )
        return PortalError(problem, host=self._host)

    # -- Link API v1 ---------------------------------------------------------------

    def health(self) -> None:
        self._call("GET", "/readyz")

    def me(self, token: str) -> MeView:
        return MeView.from_json(self._call("GET", f"{API_PREFIX}/me", token=token))

    def create_challenge(self, token: str) -> ChallengeView:
        data = self._call("POST", f"{API_PREFIX}/challenges", token=token, expect=(201,))
        return ChallengeView.from_json(data)

    def create_link_request(self, token: str, body: LinkRequestBody) -> LinkRequestView:
        data = self._call(
            "POST", f"{API_PREFIX}/link-requests", token=token, body=body.to_json(), expect=(201,)
        )
        return LinkRequestView.from_json(data)

    def confirm(self, token: str, link_request_id: str, idempotency_key: str) -> LinkView:
        data = self._call(
            "POST",
            f"{API_PREFIX}/link-requests/{quote(link_request_id, safe='')}/confirm",
            token=token,
            headers={IDEMPOTENCY_KEY_HEADER: idempotency_key},
        )
        return LinkView.from_json(data)

    def cancel(self, token: str, link_request_id: str) -> None:
        self._call(
            "DELETE",
            f"{API_PREFIX}/link-requests/{quote(link_request_id, safe='')}",
            token=token,
            expect=(204,),
        )


def _retry_after(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _is_tls_failure(exc: BaseException) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLError):
            return True
        current = current.__cause__ or current.__context__
    text = str(exc)
    return "CERTIFICATE_VERIFY_FAILED" in text or "SSLError" in text


def _reason(exc: BaseException) -> str:
    """A short cause without URLs' query strings or headers (never a token)."""
    text = str(exc)
    try:
        json.dumps(text)
    except (TypeError, ValueError):
        text = type(exc).__name__
    return text[:300]
