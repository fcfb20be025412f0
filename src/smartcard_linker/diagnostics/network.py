"""Portal and sign-in authority reachability, one step at a time: DNS, TCP, TLS, HTTP.

Each host is checked on its own daemon thread and each step gets a short
timeout capped by the report's deadline. DNS runs on a thread of its own that
is never joined (``getaddrinfo`` cannot be cancelled). The HTTP step uses the
app's own session (OS trust store, extra CA file, proxy rules), so it sees what
the journey will see; the portal's ``Date`` header gives the clock skew.
"""

from __future__ import annotations

import email.utils
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from smartcard_linker.diagnostics.context import DiagnosticsContext
from smartcard_linker.diagnostics.model import SectionResult, Status
from smartcard_linker.diagnostics.privacy import mask_url_credentials

DNS_S = 2.0
TCP_S = 2.0
TLS_S = 2.0
HTTP_S = 2.5
SKEW_WARNING_S = 60
SKEW_PROBLEM_S = 300  # the token checks' leeway is minutes; beyond this sign-in fails
PORTAL_HEALTH_PATH = "/readyz"
AUTHORITY_METADATA_PATH = "/v2.0/.well-known/openid-configuration"
REQUEST_ID_HEADER = "X-Request-Id"


@dataclass
class Target:
    name: str  # "portal" | "authority"
    label: str  # user words: "the portal", "the sign-in service"
    url: str
    steps: list[dict[str, Any]] = field(default_factory=list)
    proxy: str | None = None
    clock_skew_s: float | None = None
    finished: bool = False

    def step(self, step: str, status: Status, started: float, detail: str, **facts: Any) -> None:
        self.steps.append(
            {
                "step": step,
                "status": status.value,
                "duration_ms": round((time.monotonic() - started) * 1000),
                "detail": detail,
                **facts,
            }
        )

    def to_json(self) -> dict[str, Any]:
        parts = urlsplit(self.url)
        return {
            "name": self.name,
            "url": self.url,
            "host": parts.hostname or "",
            "port": parts.port or 443,
            "proxy": self.proxy,
            "steps": list(self.steps),
            "clock_skew_s": self.clock_skew_s,
            "finished": self.finished,
        }


def _resolve(host: str, port: int, timeout: float) -> list[str] | None:
    """Addresses for ``host``, or None when the lookup did not finish in time (left running)."""
    box: dict[str, Any] = {}
    finished = threading.Event()

    def lookup() -> None:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            box["addresses"] = list(dict.fromkeys(str(info[4][0]) for info in infos))
        except OSError as exc:
            box["error"] = exc
        finished.set()

    threading.Thread(target=lookup, name=f"diag-dns-{host}", daemon=True).start()
    if not finished.wait(timeout):
        return None
    if "error" in box:
        raise box["error"]
    return list(box["addresses"])


def _trust_source(leaf_der: bytes | None, extra_ca_file: str | None) -> str:
    if not leaf_der or not extra_ca_file:
        return "OS trust store"
    from cryptography import x509

    from smartcard_linker.diagnostics.chain import _load_pem_file

    leaf = x509.load_der_x509_certificate(leaf_der)
    for ca in _load_pem_file(extra_ca_file):
        if ca.subject == leaf.issuer:
            try:
                leaf.verify_directly_issued_by(ca)
            except Exception:  # noqa: S112 - another CA of the same name may match
                continue
            return f"extra CA file ({extra_ca_file})"
    return "OS trust store"


def check_target(target: Target, context: DiagnosticsContext) -> None:
    """DNS, TCP, TLS, HTTP in order; the first step that fails ends the host's checks."""
    parts = urlsplit(target.url)
    host = parts.hostname or ""
    from smartcard_linker.net import proxy_for  # the app's own rule: never for loopback

    target.proxy = proxy_for(target.url)
    connect_host, connect_port = host, parts.port or 443
    if target.proxy:  # the proxy is the host this computer connects to
        proxy_parts = urlsplit(target.proxy)
        connect_host, connect_port = proxy_parts.hostname or "", proxy_parts.port or 8080
    addresses = _dns(target, context, connect_host, connect_port)
    if not addresses:
        return
    sock = _tcp(target, context, connect_host, addresses[0], connect_port)
    if sock is None:
        return
    # TLS directly only; through a proxy it is inside the tunnel the HTTP step opens.
    if target.proxy:
        sock.close()
    elif not _tls(target, context, sock, host):
        return
    _http(target, context)


def _dns(target: Target, context: DiagnosticsContext, host: str, port: int) -> list[str] | None:
    started = time.monotonic()
    timeout = context.remaining(DNS_S)
    try:
        addresses = _resolve(host, port, timeout)
    except OSError as exc:
        target.step("dns", Status.PROBLEM, started, f"{host} cannot be found: {exc}")
        return None
    if addresses is None:
        target.step("dns", Status.PROBLEM, started, f"looking up {host} took over {timeout:.1f} s")
        return None
    detail = f"{host} is {', '.join(addresses[:4])}"
    target.step("dns", Status.OK, started, detail, addresses=addresses)
    return addresses


def _tcp(
    target: Target, context: DiagnosticsContext, host: str, address: str, port: int
) -> socket.socket | None:
    started = time.monotonic()
    timeout = context.remaining(TCP_S)
    try:
        sock = socket.create_connection((address, port), timeout=timeout)
    except ConnectionRefusedError:
        detail = f"{host} refused the connection on port {port} (nothing is listening)"
    except TimeoutError:
        detail = (
            f"no answer from {address} port {port} within {timeout:.1f} s "
            "(a firewall may be dropping it)"
        )
    except OSError as exc:
        detail = f"cannot connect to {host}: {exc.strerror or exc}"
    else:
        target.step("tcp", Status.OK, started, f"connected to {address} port {port}")
        return sock
    target.step("tcp", Status.PROBLEM, started, detail)
    return None


def _tls(target: Target, context: DiagnosticsContext, sock: socket.socket, host: str) -> bool:
    from cryptography import x509

    from smartcard_linker.net import make_ssl_context

    started = time.monotonic()
    timeout = context.remaining(TLS_S)
    extra = context.settings.extra_ca_file
    try:
        sock.settimeout(timeout)
        with make_ssl_context(extra).wrap_socket(sock, server_hostname=host) as tls:
            leaf = tls.getpeercert(binary_form=True)
            version = tls.version()
    except ssl.SSLCertVerificationError as exc:
        target.step(
            "tls",
            Status.PROBLEM,
            started,
            f"the certificate of {host} is not trusted: {exc.verify_message or exc.reason}",
        )
        return False
    except TimeoutError:
        target.step(
            "tls",
            Status.PROBLEM,
            started,
            f"{host} accepted the connection but did not answer the secure handshake "
            f"within {timeout:.1f} s",
        )
        return False
    except (ssl.SSLError, OSError) as exc:
        target.step("tls", Status.PROBLEM, started, f"secure connection to {host} failed: {exc}")
        return False
    finally:
        sock.close()
    issuer = x509.load_der_x509_certificate(leaf).issuer.rfc4514_string() if leaf else ""
    trust = _trust_source(leaf, extra)
    target.step(
        "tls",
        Status.OK,
        started,
        f"{version}, certificate issued by {issuer}, verified by the {trust}",
        protocol=version,
        issuer=issuer,
        trust_store=trust,
    )
    return True


def _http(target: Target, context: DiagnosticsContext) -> None:
    import requests

    from smartcard_linker.net import make_session

    started = time.monotonic()
    connect = context.remaining(TCP_S)
    read = context.remaining(HTTP_S)
    session = make_session(context.settings.extra_ca_file)
    try:
        response = session.get(target.url, timeout=(connect, read), allow_redirects=False)
    except requests.exceptions.Timeout:
        target.step("http", Status.PROBLEM, started, f"no HTTP answer within {read:.1f} s")
        return
    except requests.exceptions.RequestException as exc:
        target.step("http", Status.PROBLEM, started, f"the request failed: {type(exc).__name__}")
        return
    finally:
        session.close()
    received = datetime.now(UTC)
    request_id = response.headers.get(REQUEST_ID_HEADER)
    date = response.headers.get("Date")
    if date:
        try:
            target.clock_skew_s = round(
                (received - email.utils.parsedate_to_datetime(date)).total_seconds(), 1
            )
        except (TypeError, ValueError):
            target.clock_skew_s = None
    status = Status.OK if response.status_code == 200 else Status.PROBLEM
    target.step(
        "http",
        status,
        started,
        f"GET {urlsplit(target.url).path} answered HTTP {response.status_code}",
        http_status=response.status_code,
        request_id=request_id,
    )


def collect(context: DiagnosticsContext) -> SectionResult:
    settings = context.settings
    targets: list[Target] = []
    result = SectionResult()
    for name, label, base, path in (
        ("portal", "the portal", settings.portal_url, PORTAL_HEALTH_PATH),
        ("authority", "the sign-in service", settings.authority, AUTHORITY_METADATA_PATH),
    ):
        if not base:
            result.check(f"network.{name}", Status.PROBLEM, f"No address is set for {label}")
            continue
        targets.append(Target(name, label, base.rstrip("/") + path))
    threads = []
    for target in targets:

        def run(t: Target = target) -> None:
            check_target(t, context)
            t.finished = True

        thread = threading.Thread(target=run, name=f"diag-net-{target.name}", daemon=True)
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join(max(0.0, context.deadline - time.monotonic()))
    result.data["network"] = {
        "proxy": {k: mask_url_credentials(v) for k, v in _environment_proxies().items()},
        "targets": [t.to_json() for t in targets],
    }
    for target in targets:
        _checks(target, result)
    return result


def _environment_proxies() -> dict[str, str]:
    import urllib.request

    return {k: str(v) for k, v in urllib.request.getproxies().items()}


def _checks(target: Target, result: SectionResult) -> None:
    steps = list(target.steps)
    failed = next((s for s in steps if s["status"] == Status.PROBLEM.value), None)
    host = urlsplit(target.url).hostname
    if failed is not None:
        result.check(
            f"network.{target.name}.{failed['step']}",
            Status.PROBLEM,
            f"Cannot reach {target.label} ({host}): {failed['step'].upper()} step failed",
            failed["detail"],
        )
    elif not target.finished:
        last = steps[-1]["step"] if steps else "start"
        result.check(
            f"network.{target.name}.deadline",
            Status.PROBLEM,
            f"Checking {target.label} ({host}) did not finish in time",
            f"stopped after the {last} step",
        )
    else:
        result.check(
            f"network.{target.name}",
            Status.OK,
            f"{target.label.capitalize()} ({host}) is reachable",
        )
    if target.clock_skew_s is not None:
        skew = abs(target.clock_skew_s)
        status = Status.OK
        if skew > SKEW_PROBLEM_S:
            status = Status.PROBLEM
        elif skew > SKEW_WARNING_S:
            status = Status.WARNING
        result.check(
            f"network.{target.name}.clock",
            status,
            f"This computer's clock is {target.clock_skew_s:+.0f} s from {target.label}'s",
        )
