"""The app's HTTPS transports: a requests session for sign-in (msal takes one) and a
urllib3 connection pool for the portal (one origin, called on every step, where
requests' own work per call was more than the portal's answer: see
docs/performance.md).

Both verify TLS against the OS trust store (truststore) plus an optional extra CA
file; because verification lives in the SSLContext, ``REQUESTS_CA_BUNDLE`` cannot
override it. Both take proxies from the environment (on Windows, the system's
settings; ``no_proxy`` honoured), but loopback is never proxied (the sandbox and
msal's redirect listener live there). Neither reads a ``.netrc``: requests would
send its credentials in place of the bearer token.
"""

from __future__ import annotations

import ipaddress
import ssl
from collections.abc import Mapping, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
import truststore
import urllib3
from requests.adapters import HTTPAdapter
from requests.utils import get_auth_from_url, get_environ_proxies

DEFAULT_TIMEOUT = (5.0, 30.0)  # connect, read (seconds)


def is_loopback_host(host: str | None) -> bool:
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def proxy_for(url: str) -> str | None:
    """The proxy the app uses for ``url``: none for loopback, else the environment's
    for its scheme (or ``all_proxy``), unless ``no_proxy`` names the host."""
    parts = urlsplit(url)
    if is_loopback_host(parts.hostname):
        return None
    proxies = get_environ_proxies(url)
    return proxies.get(parts.scheme) or proxies.get("all") or None


def make_ssl_context(extra_ca_file: Path | str | None = None) -> ssl.SSLContext:
    context = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if extra_ca_file:
        context.load_verify_locations(cafile=str(extra_ca_file))
    return context


class _ContextAdapter(HTTPAdapter):
    """An adapter whose pools verify with our SSLContext, whatever ``verify=`` says."""

    def __init__(self, context: ssl.SSLContext) -> None:
        self._context = context
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["ssl_context"] = self._context
        super().init_poolmanager(*args, **kwargs)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        proxy_kwargs["ssl_context"] = self._context
        return super().proxy_manager_for(proxy, **proxy_kwargs)

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        # Never let requests swap in a CA bundle path: the SSLContext decides.
        super().cert_verify(conn, url, True, cert)  # type: ignore[no-untyped-call]


class LinkerSession(requests.Session):
    """A requests session with OS-store TLS, a default timeout and no proxy for loopback."""

    def __init__(
        self,
        extra_ca_file: Path | str | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
    ) -> None:
        super().__init__()
        # Not requests' own reading of the environment: its netrc credentials would
        # replace our Authorization header (a ``default`` entry matches every host),
        # sending the user's password to the portal. Proxies are read below.
        self.trust_env = False
        self.timeout = timeout
        self.mount("https://", _ContextAdapter(make_ssl_context(extra_ca_file)))

    def merge_environment_settings(
        self,
        url: str | bytes | None,
        proxies: MutableMapping[str, str] | None,
        stream: bool | None,
        verify: bool | str | None,
        cert: Any,
    ) -> Any:
        settings = super().merge_environment_settings(url, proxies, stream, verify, cert)
        text = url.decode() if isinstance(url, bytes) else (url or "")
        if is_loopback_host(urlsplit(text).hostname):
            settings["proxies"] = {}
        else:  # the environment's, honouring no_proxy; the caller's own win
            settings["proxies"] = {**get_environ_proxies(text), **settings["proxies"]}
        settings["verify"] = True
        return settings

    def request(
        self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any
    ) -> requests.Response:
        kwargs.setdefault("timeout", self.timeout)
        return super().request(method, url, *args, **kwargs)


def make_session(
    extra_ca_file: Path | str | None = None, headers: Mapping[str, str] | None = None
) -> LinkerSession:
    session = LinkerSession(extra_ca_file)
    if headers:
        session.headers.update(headers)
    return session


def make_origin_pool(
    origin: str,
    extra_ca_file: Path | str | None = None,
    *,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
) -> urllib3.HTTPConnectionPool:
    """Kept-alive HTTPS connections to one origin (through the environment's proxy, by
    CONNECT, when there is one). Never retried or redirected on its own: the caller
    decides what a failure means."""
    context = make_ssl_context(extra_ca_file)
    options: dict[str, Any] = {
        "ssl_context": context,
        "timeout": urllib3.Timeout(connect=timeout[0], read=timeout[1]),
        "retries": False,
        "maxsize": 2,
    }
    proxy = proxy_for(origin)
    if proxy is None:
        return urllib3.PoolManager(**options).connection_from_url(origin)
    username, password = get_auth_from_url(proxy)
    proxy_headers = (
        urllib3.make_headers(proxy_basic_auth=f"{username}:{password}") if username else None
    )
    manager = urllib3.ProxyManager(
        proxy, proxy_headers=proxy_headers, proxy_ssl_context=context, **options
    )
    return manager.connection_from_url(origin)
