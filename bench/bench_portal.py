"""Portal throughput and latency: complete link flows on loopback TLS.

Each flow is challenge → link request → confirm for a fresh account and card, with
real token validation (RS256 against the issuer's JWKS), chain verification and a
real card signature (ECDSA P-256 or RSA). The portal runs as ``link-portal serve``
with N uvicorn workers; the load generator is a standard client (aiohttp's asyncio
client, keep-alive TLS connections, on uvloop) in this process, bounded by flow count
and wall time.

Figures: flows/s at saturation, p50/p95/p99 per call at a fixed 100 flows/s, and
CPU per flow (server processes and load generator, from /proc). Then latency as the
app sees it: the app's own client (``HttpPortalClient``, in a process of its own as
the app is) and curl on one kept-alive connection each, against the portal as the
sandbox starts it (``start_portal``), next to the same portal on the socket it had before the
TCP_NODELAY fix (``--latency-sockets``), so before and after come from one run. Both
clients time ``/api/v1/me`` (a token check and two reads) and ``/readyz`` (the app's
readiness check: one read, no token), which tells the portal's way to a route apart
from the route's own work.
"""

from __future__ import annotations

import asyncio
import base64
import gc
import json
import os
import secrets
import signal
import socket
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
import uuid as uuidlib
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import aiohttp
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from sqlalchemy import inspect, text

from benchlib import Figure, arg_parser, report, settle

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # testkit/, shared with tests
from testkit.proc import children, connections_per_process, spawned_workers, stat_fields

from link_portal.admin import DirectoryEntry, import_directory, set_account
from link_portal.config import PortalConfig, RateLimit
from link_portal.db import make_engine
from link_protocol.message import build_link_message
from link_protocol.models import LinkRequestBody, b64url_decode
from linker_sandbox.processes.jwks_server import JwksServer
from linker_sandbox.processes.portal_runner import prepare_database, start_portal_process
from linker_sandbox.processes.postgres import PrivatePostgres
from linker_sandbox.testdata.people import SANDBOX_TENANT_ID
from linker_sandbox.testdata.pki import SandboxPKI
from linker_sandbox.testdata.token_keys import SigningKeySet, access_token_claims

AUDIENCE = "api://smartcard-linker-portal"
# Measured best on the 2-core machine: each process keeps its core busy (the database
# waits happen off the event loop), so more processes only add contention.
DEFAULT_WORKERS = {"sqlite": 2, "postgresql": 2}
CALLS = ("challenge", "link_request", "confirm")
# what a latency row's call does beyond its name (curl by path, the app client by call)
READYZ_NOTE = "; GET /readyz, the app's readiness check: one read, no token"
CALL_NOTES = {
    "/readyz": READYZ_NOTE,
    "health": READYZ_NOTE,
    "link_request": "; includes chain + card signature checks",
}
# What a reference must sustain on 2 workers and 2 cores (docs/link-api.md).
FLOOR = {"sqlite": 150.0, "postgresql": 100.0}
LATENCY_GOAL_MS = 2.0  # median kept-alive call, curl and the app's client
# How the portal reaches PostgreSQL on the same machine: its Unix socket (the usual
# local connection) or TCP on loopback (as it would another machine).
UNIX, TCP = "via Unix socket", "via TCP loopback"


@dataclass
class BenchUser:
    oid: str
    token: str
    key: Any
    cert_b64: str
    algorithm: str


def _sign(key: Any, message: bytes, algorithm: str) -> bytes:
    if algorithm == "RS256":
        return bytes(key.sign(message, padding.PKCS1v15(), hashes.SHA256()))
    r, s = decode_dss_signature(key.sign(message, ec.ECDSA(hashes.SHA256())))
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def make_users(
    count: int, pki: SandboxPKI, keys: SigningKeySet, issuer: str, url: str, rsa_share: float
) -> list[BenchUser]:
    """Fresh accounts + directory entries + cards (a share with RSA-2048 keys)."""
    import base64

    engine = make_engine(url, pool_size=1)
    users: list[BenchUser] = []
    entries = []
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    for i in range(count):
        oid = str(uuidlib.uuid4())
        uuid = f"{secrets.randbelow(10**12):012d}"
        use_rsa = i < count * rsa_share
        key: Any = rsa_key if use_rsa else ec.generate_private_key(ec.SECP256R1())
        card = pki.card(uuid, key=key)
        claims = access_token_claims(
            oid, f"b.{oid[:8]}@nhs.net", "Bench User", SANDBOX_TENANT_ID, issuer, AUDIENCE
        )
        users.append(
            BenchUser(
                oid,
                keys.mint(claims),
                key,
                base64.b64encode(card.cert_der).decode(),
                "RS256" if use_rsa else "ES256",
            )
        )
        entries.append(DirectoryEntry(uuid, "Bench User", "active"))
    import_directory(engine, entries)
    for user in users:
        set_account(engine, oid=user.oid, aup_accepted=True, display_name="Bench User")
    engine.dispose()
    return users


class Connection:
    """One keep-alive HTTPS connection of a standard client (aiohttp: of the standard
    asyncio clients, the one that leaves the most of the shared cores to the portal)."""

    def __init__(self, host: str, port: int, context: ssl.SSLContext) -> None:
        self.base = f"https://{host}:{port}"
        self.client = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=1, ssl=context),
            timeout=aiohttp.ClientTimeout(total=30.0),
        )

    async def request(
        self, method: str, path: str, token: str, body: bytes = b"", extra: str = ""
    ) -> tuple[int, bytes]:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        if extra:
            name, _, value = extra.strip().partition(":")
            headers[name] = value.strip()
        async with self.client.request(
            method, self.base + path, data=body, headers=headers
        ) as response:
            return response.status, await response.read()

    async def connect(self) -> None:
        async with self.client.get(self.base + "/healthz") as response:
            await response.read()

    async def close(self) -> None:
        await self.client.close()


async def run_flow(
    conn: Connection, user: BenchUser, origin: str, timings: dict[str, list[float]]
) -> bool:
    t0 = time.perf_counter()
    status, data = await conn.request("POST", "/api/v1/challenges", user.token)
    t1 = time.perf_counter()
    if status != 201:
        return False
    challenge = json.loads(data)
    message = build_link_message(origin, b64url_decode(challenge["nonce"]), user.oid)
    import base64

    body = json.dumps(
        {
            "challenge_id": challenge["challenge_id"],
            "certificate": user.cert_b64,
            "signature": base64.b64encode(_sign(user.key, message, user.algorithm)).decode(),
            "signature_algorithm": user.algorithm,
        }
    ).encode()
    t2 = time.perf_counter()
    status, data = await conn.request("POST", "/api/v1/link-requests", user.token, body)
    t3 = time.perf_counter()
    if status != 201:
        return False
    lrid = json.loads(data)["link_request_id"]
    status, data = await conn.request(
        "POST",
        f"/api/v1/link-requests/{lrid}/confirm",
        user.token,
        extra=f"Idempotency-Key: {lrid}\r\n",
    )
    t4 = time.perf_counter()
    if status != 200:
        return False
    timings["challenge"].append(t1 - t0)
    timings["link_request"].append(t3 - t2)
    timings["confirm"].append(t4 - t3)
    return True


def _proc_cpu_by_pid(pids: list[int]) -> dict[int, float]:
    """CPU seconds (user + system) of each live process in ``pids``."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for pid in pids:
        fields = stat_fields(pid)
        if fields is not None:
            found[pid] = (int(fields[11]) + int(fields[12])) / tick
    return found


def _proc_cpu_s(pids: list[int]) -> float:
    return sum(_proc_cpu_by_pid(pids).values())


def _cpu_since(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU used between two samples by the processes alive at the second. A process that
    ended in between (a loader's database connection) must not count against the rest."""
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


def _sample_later(delay_s: float, read: Any) -> Any:
    """``read()`` on a thread after ``delay_s`` (while the load runs); a future."""
    from concurrent.futures import ThreadPoolExecutor

    def later() -> Any:
        time.sleep(delay_s)
        return read()

    pool = ThreadPoolExecutor(1)
    future = pool.submit(later)
    pool.shutdown(wait=False)
    return future


def _cpu_jiffies() -> tuple[int, int, int]:
    """(idle, steal, total) jiffies of all CPUs from /proc/stat."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return 0, 0, 0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
    return idle, (fields[7] if len(fields) > 7 else 0), sum(fields[:8])


def _cpu_shares(before: tuple[int, int, int], after: tuple[int, int, int]) -> tuple[float, float]:
    """(idle, steal) shares of the CPU time between two samples."""
    total = after[2] - before[2]
    if total <= 0:
        return 0.0, 0.0
    return (after[0] - before[0]) / total, (after[1] - before[1]) / total


# --postgres-statements: PostgreSQL's own account of each statement (diagnosis only)
STATEMENT_STATS = {"shared_preload_libraries": "pg_stat_statements"}


def _statement_stats(postgres: PrivatePostgres, sql: str) -> list[Any]:
    import psycopg

    with psycopg.connect(postgres.dsn("bench"), autocommit=True) as conn:
        cursor = conn.execute(sql.encode())
        return list(cursor.fetchall()) if cursor.description else []


def _print_statement_stats(postgres: PrivatePostgres, label: str) -> None:
    """The statements of the measured runs, by total time: calls and mean time."""
    rows = _statement_stats(
        postgres,
        "SELECT calls, mean_exec_time, total_exec_time, "
        "left(regexp_replace(query, '\\s+', ' ', 'g'), 90) FROM pg_stat_statements "
        "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'bench') "
        "ORDER BY total_exec_time DESC LIMIT 12",
    )
    print(f"[{label}] statements in the measured runs (pg_stat_statements):", file=sys.stderr)
    for calls, mean_ms, _total, query in rows:
        print(f"  {calls:7d} calls  {mean_ms * 1000:7.0f} µs mean  {query}", file=sys.stderr)


def _postgres_pids(postgres: PrivatePostgres | None) -> list[int]:
    """The postmaster and its children (backends, WAL writer, checkpointer…)."""
    if postgres is None or postgres.directory is None:
        return []
    pid_file = postgres.directory / "data" / "postmaster.pid"
    try:
        postmaster = int(pid_file.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return []
    return _family(postmaster)


def _family(pid: int) -> list[int]:
    return [pid, *children(pid)]


async def saturate(
    base: str,
    origin: str,
    users: list[BenchUser],
    context: ssl.SSLContext,
    concurrency: int,
    time_limit_s: float,
) -> tuple[int, float, dict[str, list[float]], int]:
    host, port = base.removeprefix("https://").rsplit(":", 1)
    timings: dict[str, list[float]] = {c: [] for c in CALLS}
    queue = list(reversed(users))
    done = failed = 0
    deadline = time.perf_counter() + time_limit_s

    async def worker() -> None:
        nonlocal done, failed
        conn = Connection(host, int(port), context)
        try:
            while queue and time.perf_counter() < deadline:
                ok = await run_flow(conn, queue.pop(), origin, timings)
                done += ok
                failed += not ok
        finally:
            await conn.close()

    start = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return done, time.perf_counter() - start, timings, failed


async def paced(
    base: str,
    origin: str,
    users: list[BenchUser],
    context: ssl.SSLContext,
    rate: float,
) -> tuple[dict[str, list[float]], int]:
    """Open-loop: start one flow every 1/rate seconds (bounded by len(users))."""
    host, port = base.removeprefix("https://").rsplit(":", 1)
    timings: dict[str, list[float]] = {c: [] for c in CALLS}
    pool: list[Connection] = []
    failed = 0

    async def one(user: BenchUser) -> None:
        nonlocal failed
        conn = pool.pop() if pool else Connection(host, int(port), context)
        ok = await run_flow(conn, user, origin, timings)
        failed += not ok
        pool.append(conn)

    # warm a few connections so TLS handshakes are not in the measured calls
    warm = [Connection(host, int(port), context) for _ in range(8)]
    for conn in warm:
        await conn.connect()
    pool.extend(warm)
    tasks = []
    start = time.perf_counter()
    for i, user in enumerate(users):
        delay = start + i / rate - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(user)))
    await asyncio.gather(*tasks)
    for conn in pool:
        await conn.close()
    return timings, failed


def _run(main: Any) -> Any:
    """The load generator on uvloop where there is one (its TLS costs half of asyncio's),
    with Python's cyclic garbage collector paused: both leave more of the shared cores
    to the portal being measured, and the collector's pauses grew with everything the
    earlier runs left in this process."""
    gc.collect()
    gc.freeze()
    gc.disable()
    try:
        try:
            import uvloop
        except ImportError:
            return asyncio.run(main)
        return uvloop.run(main)
    finally:
        gc.enable()
        gc.unfreeze()


def _pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def bench_backend(
    backend: str,
    workdir: Path,
    pki: SandboxPKI,
    keys: SigningKeySet,
    issuer: JwksServer,
    workers: int,
    flows: int,
    paced_flows: int,
    concurrency: int,
    runs: int,
    warmup: int = 300,
    postgres_over: str | None = None,
    statements: bool = False,
    other_src: Path | None = None,
) -> list[Figure]:
    """``other_src``: serve with the portal of another source tree (an earlier commit,
    e.g. ``git archive``), to compare with this one in the same run."""
    label = backend if postgres_over is None else f"{backend} {postgres_over}"
    if other_src is not None:
        label += f", portal from {other_src.name}"
    postgres: PrivatePostgres | None = None
    if backend == "sqlite":
        url = f"sqlite:///{workdir / 'bench.db'}"
    else:
        postgres = PrivatePostgres(durable=True, settings=STATEMENT_STATS if statements else None)
        postgres.start()
        url = postgres.create_database("bench", unix_socket=postgres_over == UNIX)
    portal_env = {"PYTHONPATH": str(other_src / "src")} if other_src is not None else None
    if portal_env is None:
        prepare_database(url).dispose()
    else:
        _prepare_with(url, portal_env)
    if statements and postgres is not None:
        _statement_stats(postgres, "CREATE EXTENSION pg_stat_statements")
    config = _portal_config(url, pki, issuer)
    portal = start_portal_process(
        config,
        directory=workdir,
        tls_cert=pki.tls_cert_file,
        tls_key=pki.tls_key_file,
        ca_file=pki.tls_ca_file,
        workers=workers,
        env=portal_env,
    )
    context = ssl.create_default_context(cafile=str(pki.tls_ca_file))
    figures: list[Figure] = []
    try:
        assert portal.process is not None
        server_pids = _family(portal.process.pid)
        database_pids = _postgres_pids(postgres)
        load_before = os.getloadavg()[0]
        rates: list[float] = []
        server_cpu: list[float] = []
        database_cpu: list[float] = []
        client_cpu: list[float] = []
        # warm-up, not measured: connections opened, statements prepared, caches filled
        warm = make_users(warmup, pki, keys, issuer.issuer, url, rsa_share=0.2)
        _run(saturate(portal.base_url, portal.base_url, warm, context, concurrency, 30.0))
        if statements and postgres is not None:
            _statement_stats(postgres, "SELECT pg_stat_statements_reset()")
        idle_shares: list[float] = []  # of both cores while each run saturates the portal
        steal_shares: list[float] = []
        splits: list[str] = []  # the load generator's connections per worker, each run
        port = int(portal.base_url.rsplit(":", 1)[1])
        worker_pids = spawned_workers(server_pids)
        for _ in range(runs):
            users = make_users(flows, pki, keys, issuer.issuer, url, rsa_share=0.2)
            cpu0, client0 = _proc_cpu_s(server_pids), time.process_time()
            database_pids = _postgres_pids(postgres)  # backends come and go with pools
            db0 = _proc_cpu_by_pid(database_pids)
            split = _sample_later(0.5, partial(connections_per_process, worker_pids, port))
            jiffies0 = _cpu_jiffies()
            done, elapsed, _t, failed = _run(
                saturate(portal.base_url, portal.base_url, users, context, concurrency, 60.0)
            )
            idle, steal = _cpu_shares(jiffies0, _cpu_jiffies())
            idle_shares.append(idle)
            steal_shares.append(steal)
            splits.append("/".join(str(n) for n in split.result()) or "?")
            cpu1, client1 = _proc_cpu_s(server_pids), time.process_time()
            database_pids = _postgres_pids(postgres)
            db1 = _proc_cpu_by_pid(database_pids)
            if failed:
                print(f"[{label}] {failed} flows failed", file=sys.stderr)
            rates.append(done / elapsed)
            server_cpu.append((cpu1 - cpu0) / max(done, 1) * 1000)
            client_cpu.append((client1 - client0) / max(done, 1) * 1000)
            database_cpu.append(_cpu_since(db0, db1) / max(done, 1) * 1000)
        if statements and postgres is not None:
            _print_statement_stats(postgres, label)
        figures.append(
            Figure.from_samples(
                f"portal flows/s ({label}, {workers} workers)",
                "flows/s",
                FLOOR[backend],
                rates,
                lower_is_better=False,
                note=f"{concurrency} concurrent keep-alive TLS connections, load generator "
                f"on the same 2 cores, after {warmup} warm-up flows; load average "
                f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after; in each run: "
                f"cores idle {', '.join(f'{v:.0%}' for v in idle_shares)}, CPU time taken by "
                f"the hypervisor (steal) {', '.join(f'{v:.0%}' for v in steal_shares)}, "
                f"connections per worker {', '.join(splits)}",
            )
        )
        figures.append(
            Figure.from_samples(
                f"server CPU per flow ({label})",
                "ms",
                None,
                server_cpu,
                note="uvicorn workers; per flow: 3 requests, one transaction each, token "
                "checks, chain + card signature verification",
            )
        )
        if postgres is not None:
            figures.append(
                Figure.from_samples(
                    f"database CPU per flow ({label})",
                    "ms",
                    None,
                    database_cpu,
                    note="PostgreSQL's server processes (backends, WAL writer, checkpointer)",
                )
            )
        figures.append(
            Figure.from_samples(f"load-generator CPU per flow ({label})", "ms", None, client_cpu)
        )

        users = make_users(paced_flows, pki, keys, issuer.issuer, url, rsa_share=0.2)
        timings, failed = _run(paced(portal.base_url, portal.base_url, users, context, 100.0))
        if failed:
            print(f"[{label}] paced: {failed} flows failed", file=sys.stderr)
        for call in CALLS:
            values = timings[call]
            p50, p95, p99 = (_pct(values, q) for q in (0.5, 0.95, 0.99))
            figures.append(
                Figure(
                    f"{call} p99 at 100 flows/s ({label})",
                    "ms",
                    50,
                    True,
                    p99,
                    p50,
                    p99,
                    1,
                    note=f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms "
                    f"over {len(values)} calls",
                )
            )
    finally:
        portal.stop()
        if postgres is not None:
            postgres.stop()
    return figures


def _prepare_with(url: str, env: dict[str, str]) -> None:
    """The schema as the other tree's portal makes it, plus the accounts.tid column this
    benchmark's own seeding writes (unused by an older portal)."""
    subprocess.run(
        [sys.executable, "-m", "link_portal.cli", "db", "upgrade", "--database-url", url],
        env={**os.environ, **env},
        check=True,
        capture_output=True,
    )
    engine = make_engine(url, pool_size=1)
    with engine.begin() as conn:
        columns = [c["name"] for c in inspect(conn).get_columns("accounts")]
        if "tid" not in columns:
            conn.execute(text("ALTER TABLE accounts ADD COLUMN tid VARCHAR(64)"))
    engine.dispose()


def _socket_before_the_fix(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """The sandbox portal's listening socket as it was made before the fix: without
    IPPROTO_TCP, so asyncio never set TCP_NODELAY on its connections."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def _curl_ms(url: str, token: str | None, ca_file: Path, count: int) -> list[float]:
    """curl fetching ``url`` ``count`` + 1 times in one invocation (one kept-alive
    connection): each call's time_total after the first (which includes the handshake)."""
    auth = ["-H", f"Authorization: Bearer {token}"] if token else []
    out = subprocess.run(
        ["curl", "-s", "--cacert", str(ca_file), *auth]
        + ["-o", "/dev/null", "-w", "%{time_total}\\n", url] * (count + 1),
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return [float(v) * 1000 for v in out[1:]]


def _time_app_client(base_url: str, ca_file: str, users_file: str) -> dict[str, list[float]]:
    """In a process of its own, as the app runs beside the sandbox: each user's me,
    challenge, link request and confirm through ``HttpPortalClient``, in ms."""
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    from smartcard_linker.portal.client import HttpPortalClient

    users = [
        BenchUser(
            u["oid"],
            u["token"],
            load_pem_private_key(u["key"].encode(), None),
            u["cert_b64"],
            u["algorithm"],
        )
        for u in json.loads(Path(users_file).read_text(encoding="utf-8"))
    ]
    client = HttpPortalClient(base_url, extra_ca_file=ca_file)
    calls: dict[str, list[float]] = {c: [] for c in ("me", *CALLS)}
    client.health()  # the connection is open before anything is timed
    for user in users:
        t0 = time.perf_counter()
        client.me(user.token)
        calls["me"].append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        challenge = client.create_challenge(user.token)
        calls["challenge"].append((time.perf_counter() - t0) * 1000)
        message = build_link_message(challenge.origin, challenge.nonce, user.oid)
        body = LinkRequestBody(
            challenge_id=challenge.challenge_id,
            certificate=base64.b64decode(user.cert_b64),
            signature=_sign(user.key, message, user.algorithm),
            signature_algorithm=user.algorithm,
        )
        t0 = time.perf_counter()
        pending = client.create_link_request(user.token, body)
        calls["link_request"].append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        client.confirm(user.token, pending.link_request_id, pending.link_request_id)
        calls["confirm"].append((time.perf_counter() - t0) * 1000)
    calls["me, one user again and again"] = []  # what curl times: the same read each call
    for _ in users:
        t0 = time.perf_counter()
        client.me(users[0].token)
        calls["me, one user again and again"].append((time.perf_counter() - t0) * 1000)
    calls["health"] = []  # the app's readiness check: GET /readyz, one database read, no token
    for _ in users:
        t0 = time.perf_counter()
        client.health()
        calls["health"].append((time.perf_counter() - t0) * 1000)
    client.close()
    return calls


def _app_client_in_own_process(
    base_url: str, ca_file: Path, users: list[BenchUser], workdir: Path
) -> dict[str, list[float]]:
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    users_file = workdir / "users.json"
    users_file.write_text(
        json.dumps(
            [
                {
                    "oid": u.oid,
                    "token": u.token,
                    "key": u.key.private_bytes(
                        Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()
                    ).decode(),
                    "cert_b64": u.cert_b64,
                    "algorithm": u.algorithm,
                }
                for u in users
            ]
        ),
        encoding="utf-8",
    )
    out = subprocess.run(
        [sys.executable, __file__, "--app-client-loop", base_url, str(ca_file), str(users_file)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result: dict[str, list[float]] = json.loads(out.splitlines()[-1])
    return result


def bench_latency(
    workdir: Path, pki: SandboxPKI, keys: SigningKeySet, issuer: JwksServer, flows: int, which: str
) -> list[Figure]:
    """Kept-alive call latency for the app's own client and curl, against the portal as
    the sandbox starts it (in-process, ``start_portal``), now and, with ``which`` both,
    on the socket it had before the TCP_NODELAY fix, one after the other in this run.
    The app's client runs in a process of its own, as the app does beside the sandbox
    (``linker-sandbox run``)."""
    from linker_sandbox.processes import portal_runner

    setups = {"now": portal_runner.free_loopback_socket, "before": _socket_before_the_fix}
    if which != "both":
        setups = {which: setups[which]}
    figures: list[Figure] = []
    for label, make_socket in setups.items():
        url = f"sqlite:///{workdir / f'latency-{label}.db'}"
        prepare_database(url).dispose()
        config = _portal_config(url, pki, issuer)
        made = portal_runner.free_loopback_socket
        portal_runner.free_loopback_socket = make_socket
        try:
            portal = portal_runner.start_portal(
                config, tls_cert=pki.tls_cert_file, tls_key=pki.tls_key_file
            )
        finally:
            portal_runner.free_loopback_socket = made
        try:
            users = make_users(flows, pki, keys, issuer.issuer, url, rsa_share=0.2)
            calls = _app_client_in_own_process(portal.base_url, pki.tls_ca_file, users, workdir)
            curl = {
                "/api/v1/me": _curl_ms(
                    f"{portal.base_url}/api/v1/me", users[0].token, pki.tls_ca_file, flows
                ),
                "/readyz": _curl_ms(f"{portal.base_url}/readyz", None, pki.tls_ca_file, flows),
            }
        finally:
            portal.stop()
        where = "sandbox portal" + (" before the fix" if label == "before" else "")
        for path, values in curl.items():
            figures.append(
                Figure.from_samples(
                    f"curl kept-alive GET {path} median ({where})",
                    "ms",
                    LATENCY_GOAL_MS,
                    [statistics.median(values)],
                    note=f"{len(values)} calls in one curl invocation; p90 "
                    f"{_pct([v / 1000 for v in values], 0.9):.2f} ms" + CALL_NOTES.get(path, ""),
                )
            )
        for call, values in calls.items():
            figures.append(
                Figure.from_samples(
                    f"app client {call} median ({where})",
                    "ms",
                    LATENCY_GOAL_MS
                    if call.startswith("me") or call in ("challenge", "health")
                    else None,
                    [statistics.median(values)],
                    note=f"HttpPortalClient (urllib3) in its own process, one kept-alive "
                    f"connection, {len(values)} calls; p90 "
                    f"{_pct([v / 1000 for v in values], 0.9):.2f} ms" + CALL_NOTES.get(call, ""),
                )
            )
    return figures


def _portal_config(url: str, pki: SandboxPKI, issuer: JwksServer) -> PortalConfig:
    return PortalConfig(
        database_url=url,
        issuer=issuer.issuer,
        jwks_url=issuer.jwks_url,
        audience=(AUDIENCE,),
        tenant_id=SANDBOX_TENANT_ID,
        nhs_trust=str(pki.nhs_trust_file),
        jwks_ca_file=str(pki.tls_ca_file),
        challenge_rate=RateLimit(10_000, 1.0),
        link_request_rate=RateLimit(10_000, 1.0),
        log_level="warning",
    )


def main() -> None:
    if sys.argv[1:2] == ["--app-client-loop"]:  # the child of _app_client_in_own_process
        print(json.dumps(_time_app_client(*sys.argv[2:5])))
        return
    # a harness timeout's SIGTERM unwinds through the finally blocks (servers stopped)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    parser = arg_parser(__doc__.splitlines()[0] if __doc__ else "portal benchmark")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="uvicorn workers (default: the best measured on 2 cores, "
        + ", ".join(f"{b} {n}" for b, n in DEFAULT_WORKERS.items())
        + ")",
    )
    parser.add_argument("--concurrency", type=int, default=48)
    parser.add_argument(
        "--postgres-over",
        choices=("unix", "tcp", "both"),
        default="both",
        help="how the portal reaches PostgreSQL: its Unix socket, TCP on loopback, or both",
    )
    parser.add_argument(
        "--postgres-statements",
        action="store_true",
        help="diagnosis: print each statement's calls and mean time (pg_stat_statements, "
        "which costs some throughput itself)",
    )
    parser.add_argument(
        "--latency-sockets",
        choices=("now", "before", "both"),
        default="both",
        help="the sandbox portal's latency on its socket now, as before the TCP_NODELAY "
        "fix, or both (side by side in this run)",
    )
    parser.add_argument("--only-latency", action="store_true", help="skip the throughput runs")
    parser.add_argument(
        "--compare-src",
        type=Path,
        help="also measure the portal of this source tree (e.g. an earlier commit from "
        "git archive) on each backend, in this run",
    )
    args = parser.parse_args()
    flows = 600 if args.quick else 3000
    paced_flows = 200 if args.quick else 1000
    runs = 1 if args.quick else 3
    warmup = 100 if args.quick else 300
    backends = ("sqlite", "postgresql") if args.backend == "both" else (args.backend,)
    transports = {"unix": (UNIX,), "tcp": (TCP,), "both": (UNIX, TCP)}[args.postgres_over]
    setups = [
        (backend, over)
        for backend in backends
        for over in (transports if backend == "postgresql" else (None,))
    ]
    print(f"load average before the run: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="bench-portal-") as tmp:
        workdir = Path(tmp)
        pki = SandboxPKI.create(workdir / "pki")
        keys = SigningKeySet()
        issuer = JwksServer(keys, pki, SANDBOX_TENANT_ID)
        issuer.start()
        figures: list[Figure] = []
        try:
            latency_dir = workdir / "latency"
            latency_dir.mkdir()
            figures += bench_latency(
                latency_dir, pki, keys, issuer, 30 if args.quick else 100, args.latency_sockets
            )
            for n, (backend, over) in enumerate([] if args.only_latency else setups):
                settle(60.0 if args.quick else 120.0)
                sub = workdir / f"{backend}{n}"
                sub.mkdir()
                for other in (None, args.compare_src) if args.compare_src else (None,):
                    where = sub / ("other" if other else "this")
                    where.mkdir()
                    figures += bench_backend(
                        backend,
                        where,
                        pki,
                        keys,
                        issuer,
                        args.workers or DEFAULT_WORKERS[backend],
                        flows,
                        paced_flows,
                        args.concurrency,
                        runs,
                        warmup,
                        over,
                        args.postgres_statements,
                        other.resolve() if other else None,
                    )
        finally:
            issuer.stop()
    load = os.getloadavg()[0]
    if load > 1.0:
        print(
            f"warning: load average {load:.1f} before/while measuring: other work shares "
            "these cores, so the figures below understate the portal",
            file=sys.stderr,
        )
    report(figures, args.json)


if __name__ == "__main__":
    main()
