"""The portal's challenge, fetched while the person types their PIN.

The card cannot sign until the portal has issued a challenge. Asking for it when the person
continues to the PIN, instead of after the PIN, takes one portal call out of the wait between
the PIN and the review page. It is used at most once, only for the account it was fetched
for, and only well within its lifetime; otherwise the link request fetches a fresh one, as it
always did, and that call reports any failure (a failed fetch ahead is never shown).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future
from datetime import datetime

from link_protocol.models import ChallengeView

KEEP_AT_MOST_S = 60.0  # and at most half the lifetime the portal gave it
WAIT_AT_MOST_S = 30.0  # the portal client's own timeouts end a fetch sooner


class ChallengeAhead:
    """One challenge fetched ahead for ``oid``; ``run`` on a worker, ``take`` once."""

    def __init__(
        self,
        oid: str,
        fetch: Callable[[], ChallengeView],
        clock: Callable[[], datetime],
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.oid = oid
        self._fetch = fetch
        self._clock = clock
        self._monotonic = monotonic
        self._future: Future[ChallengeView] = Future()
        self._usable_until = 0.0
        self._taken = False

    def run(self) -> None:
        """Fetch it (on a worker). Not started before ``take``: ``take`` fetches afresh."""
        if not self._future.set_running_or_notify_cancel():
            return
        try:
            challenge = self._fetch()
        except Exception as exc:  # the link request's own fetch will report it
            self._future.set_exception(exc)
            return
        lifetime_s = (challenge.expires_at - self._clock()).total_seconds()
        self._usable_until = self._monotonic() + min(KEEP_AT_MOST_S, lifetime_s / 2)
        self._future.set_result(challenge)

    def still_useful(self) -> bool:
        """Not taken and, when fetched, fetched well and still fresh (so no second fetch)."""
        if self._taken or self._future.cancelled():
            return False
        if not self._future.done():
            return True
        return self._future.exception() is None and self._monotonic() < self._usable_until

    def take(self, oid: str) -> ChallengeView | None:
        """The challenge, once, for ``oid`` (waits for a fetch under way); None: fetch anew."""
        if self._taken or oid != self.oid:
            return None
        self._taken = True
        if self._future.cancel():  # never started: no point waiting for it
            return None
        try:
            challenge = self._future.result(timeout=WAIT_AT_MOST_S)
        except Exception:  # failed or slow: the fresh fetch decides
            return None
        return challenge if self._monotonic() < self._usable_until else None
