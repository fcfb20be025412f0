"""The challenges this server process issued, kept until their link request comes.

The app makes a link's three calls over one kept-alive connection, so a link request
usually reaches the worker that issued its challenge. That worker then knows the
nonce to verify the signature against without reading the database first (one
statement and one database round trip fewer per link).

Only that read is skipped. The challenge is still used up atomically in the link
request's write transaction (``UPDATE … WHERE used_at IS NULL``), which refuses a
challenge that another process used meanwhile; anything not found here (another
process's challenge, one evicted) is read from the database as before.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime

CAPACITY = 10_000  # about a megabyte; far more than the links in progress on one worker


@dataclass(frozen=True, slots=True)
class IssuedChallenge:
    oid: str
    nonce: bytes
    expires_at: datetime


class IssuedChallenges:
    """Bounded, oldest evicted first. Used from the event loop only."""

    def __init__(self, capacity: int = CAPACITY) -> None:
        self._capacity = capacity
        self._items: OrderedDict[str, IssuedChallenge] = OrderedDict()

    def add(self, challenge_id: str, issued: IssuedChallenge) -> None:
        self._items[challenge_id] = issued
        if len(self._items) > self._capacity:
            self._items.popitem(last=False)

    def take(self, challenge_id: str, oid: str, now: datetime) -> bytes | None:
        """The nonce if ``oid`` was issued this challenge and it has not expired. Taken
        out either way: a challenge is presented once; a retry reads the database."""
        issued = self._items.pop(challenge_id, None)
        if issued is None or issued.oid != oid or issued.expires_at <= now:
            return None
        return issued.nonce

    def __len__(self) -> int:
        return len(self._items)
