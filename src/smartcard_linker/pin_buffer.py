"""A PIN held in memory the app can overwrite: one fixed ``bytearray``, wiped in place.

Python ``str`` and ``bytes`` are immutable, so a PIN that becomes one stays in memory until
the allocator reuses it. The PIN field types into a ``PinBuffer``; the flow and the card
layer hand the PIN on only as a ``bytearray`` and ``wipe`` it when done (see docs/security.md
for exactly what is and is not wiped).
"""

from __future__ import annotations


def wipe(buffer: bytearray | None) -> None:
    """Overwrite ``buffer`` with zeros in place (same length, so nothing is reallocated)."""
    if buffer is not None:
        for i in range(len(buffer)):
            buffer[i] = 0


class PinBuffer:
    """The characters typed so far, UTF-8 encoded into one ``bytearray`` sized for the
    longest PIN up front, so it never grows (a grown bytearray leaves its old copy behind)."""

    def __init__(self, max_chars: int) -> None:
        self._bytes = bytearray(4 * max(max_chars, 1))  # 4: the longest UTF-8 character
        self._sizes: list[int] = []  # bytes per character, for Backspace
        self._used = 0
        self.max_chars = max_chars

    def __len__(self) -> int:
        """Characters held (what the PIN rules count)."""
        return len(self._sizes)

    def append(self, char: str) -> bool:
        """Add one character; False when the PIN is already at its longest."""
        if len(self._sizes) >= self.max_chars or len(char) != 1:
            return False
        code = ord(char)
        if code < 0x80:  # ASCII: written straight in, no intermediate object
            self._bytes[self._used] = code
            size = 1
        else:  # the one-character bytes object holds one character, never the PIN
            encoded = char.encode("utf-8")
            size = len(encoded)
            self._bytes[self._used : self._used + size] = encoded
        self._used += size
        self._sizes.append(size)
        return True

    def backspace(self) -> None:
        """Remove (and overwrite) the last character."""
        if self._sizes:
            size = self._sizes.pop()
            for i in range(self._used - size, self._used):
                self._bytes[i] = 0
            self._used -= size

    def take(self) -> bytearray:
        """The PIN as a new ``bytearray`` of its exact length, for the flow (which wipes it
        after login); this buffer is wiped."""
        pin = bytearray(self._used)
        with memoryview(self._bytes) as view:
            pin[:] = view[: self._used]
        self.clear()
        return pin

    def clear(self) -> None:
        wipe(self._bytes)
        self._sizes.clear()
        self._used = 0
