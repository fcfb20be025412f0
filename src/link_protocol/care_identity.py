"""How a Care Identity UUID is shown to people, the same on every side.

The app's pages, the portal's messages and logs, and the sandbox's tools all print a UUID
in groups of four, as NHS staff are used to reading it.
"""

from __future__ import annotations


def group_uuid(uuid: str) -> str:
    """``102048843983`` (or ``1020 4884 3983``) → ``1020 4884 3983``; spaces are ignored."""
    digits = "".join(ch for ch in uuid if not ch.isspace())
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))
