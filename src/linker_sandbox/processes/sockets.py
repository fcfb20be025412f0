"""Listening sockets for the sandbox's servers (portal, identity provider, PostgreSQL).

One place for the trap every server here shares: a socket made without
``IPPROTO_TCP`` gets no TCP_NODELAY from asyncio (see free_loopback_socket).
"""

from __future__ import annotations

import socket


def free_loopback_socket(host: str = "127.0.0.1", port: int = 0) -> socket.socket:
    """A bound TCP socket. IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on
    sockets that say so, and without it every kept-alive answer waits ~40 ms (Nagle's
    algorithm holding the body until the client's delayed ACK of the headers)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def free_loopback_port(host: str = "127.0.0.1") -> int:
    with free_loopback_socket(host) as sock:
        port: int = sock.getsockname()[1]
        return port
