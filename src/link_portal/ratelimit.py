"""Per-account token buckets (in-process): bursts up to ``count``, refilled evenly.

Used for link requests. Each server process keeps its own buckets, so with N workers
an account may get up to N times the configured rate; the limit is there to blunt
abuse, not to meter (challenges, which every useful link request needs, are limited
in the database across processes: see service.create_challenge).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable


class RateLimiter:
    def __init__(
        self, count: int, per_s: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._capacity = float(count)
        self._rate = count / per_s
        self._clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}  # key -> (tokens, at)
        self._lock = threading.Lock()

    def acquire(self, key: str) -> int:
        """Take one token; 0 if allowed, else the seconds to wait (Retry-After)."""
        now = self._clock()
        with self._lock:
            tokens, at = self._buckets.get(key, (self._capacity, now))
            tokens = min(self._capacity, tokens + (now - at) * self._rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                if len(self._buckets) > 100_000:
                    self._prune(now)
                return 0
            self._buckets[key] = (tokens, now)
            return max(1, math.ceil((1.0 - tokens) / self._rate))

    def _prune(self, now: float) -> None:
        full_after = self._capacity / self._rate
        self._buckets = {k: v for k, v in self._buckets.items() if now - v[1] < full_after}
