"""A thread-safe, build-on-first-use ``ServiceFactory`` for the composition root.

Each builder runs once, on the worker that first needs its adapter, so heavy
modules (msal, requests, pkcs11, pyscard) are imported only then and the first
window appears fast.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from smartcard_linker.flow.ports import CardAccess, CardMonitor, PortalClient, SignIn

T = TypeVar("T")

# One adapter is built at a time: each build imports large modules (msal, requests,
# pkcs11, pyscard, cryptography) and several imports at once hold the interpreter
# lock so much that the GUI thread stalls. Reentrant in case a builder needs another.
_BUILD_LOCK = threading.RLock()


class _Lazy(Generic[T]):
    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._value: T | None = None
        self._lock = threading.Lock()

    def get(self) -> T:
        with self._lock:
            if self._value is None:
                with _BUILD_LOCK:
                    self._value = self._build()
            return self._value

    @property
    def built(self) -> bool:
        return self._value is not None


class LazyServices:
    """Satisfies ``ServiceFactory``; a builder that raises is tried again on the next call."""

    def __init__(
        self,
        *,
        card_monitor: Callable[[], CardMonitor],
        card_access: Callable[[], CardAccess],
        sign_in: Callable[[], SignIn],
        portal: Callable[[], PortalClient],
    ) -> None:
        self._monitor = _Lazy(card_monitor)
        self._access = _Lazy(card_access)
        self._sign_in = _Lazy(sign_in)
        self._portal = _Lazy(portal)

    def card_monitor(self) -> CardMonitor:
        return self._monitor.get()

    def card_access(self) -> CardAccess:
        return self._access.get()

    def sign_in(self) -> SignIn:
        return self._sign_in.get()

    def portal(self) -> PortalClient:
        return self._portal.get()

    def built(self) -> dict[str, bool]:
        """Which adapters exist yet (for start-up timing checks)."""
        return {
            "card_monitor": self._monitor.built,
            "card_access": self._access.built,
            "sign_in": self._sign_in.built,
            "portal": self._portal.built,
        }
