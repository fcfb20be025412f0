"""``serve --workers N``: worker processes with a listening socket each (Linux).

uvicorn's own multi-worker mode shares one listening socket between the workers. A
burst of new connections (a reverse proxy or a load generator opening its keep-alive
pool) can land mostly on whichever worker wakes first, and that worker then carries
most of the load for the life of those connections while the others idle. Here each
worker binds the port itself with ``SO_REUSEPORT`` and the kernel spreads new
connections across the workers. The supervisor restarts a worker that dies and stops
them all on SIGTERM/SIGINT. Elsewhere (no ``SO_REUSEPORT`` that balances), the CLI
uses uvicorn's own mode.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import signal
import socket
import sys
import time
from typing import Any

log = logging.getLogger(__name__)

APP_FACTORY = "link_portal.app:app_from_env"
RESTART_PAUSE_S = 1.0
STOP_GRACE_S = 20.0


def balanced_workers_available() -> bool:
    """Linux balances SO_REUSEPORT listeners; other systems do not (or lack it)."""
    return sys.platform.startswith("linux") and hasattr(socket, "SO_REUSEPORT")


def _listener(host: str, port: int, *, listen: bool) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets that say so
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    if listen:
        sock.listen(2048)
    return sock


def _die_with_supervisor() -> None:
    """Ask the kernel for SIGTERM when the supervisor dies (even by SIGKILL)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def _run_worker(host: str, port: int, options: dict[str, Any]) -> None:
    import uvicorn

    _die_with_supervisor()
    sock = _listener(host, port, listen=True)
    config = uvicorn.Config(APP_FACTORY, factory=True, **options)
    uvicorn.Server(config).run(sockets=[sock])


def serve_workers(count: int, host: str, port: int, options: dict[str, Any]) -> int:
    """Run ``count`` workers until SIGTERM/SIGINT; 0 on a clean stop."""
    context = multiprocessing.get_context("spawn")
    # held, not listening: keeps the port ours between worker restarts (and picks one
    # for port 0) without taking connections itself
    reservation = _listener(host, port, listen=False)
    port = reservation.getsockname()[1]
    stopping = False

    def stop(_signum: int, _frame: Any) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGINT)}

    def start() -> Any:
        process = context.Process(
            target=_run_worker, args=(host, port, options), name="link-portal-worker"
        )
        process.start()
        return process

    workers = [start() for _ in range(count)]
    try:
        while not stopping:
            time.sleep(0.2)
            for index, process in enumerate(workers):
                if not process.is_alive() and not stopping:
                    log.warning(
                        "worker %s exited with %s; restarting", process.pid, process.exitcode
                    )
                    time.sleep(RESTART_PAUSE_S)
                    workers[index] = start()
    finally:
        for process in workers:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn finishes requests in flight
        deadline = time.monotonic() + STOP_GRACE_S
        for process in workers:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join()
        reservation.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0
