"""Every exit code the app returns, in one place (README and docs/deployment.md list them).

Windows Shell Launcher reads a kiosk shell's exit code; its default actions are
0 restart the shell, 1 restart the device, 2 shut down, 3 do nothing, and any
other code takes the configured default (restart the shell unless changed). So
no failure of ours is ever 1 or 2: a settings problem is 3 (do nothing: restarting
would only show it again) and the rest are above 3.
"""

from __future__ import annotations

EXIT_OK = 0
"""Normal exit; ``--diagnose``: healthy; ``--print-config``: the settings are usable."""
EXIT_CONFIG = 3
"""Settings problem (shown on screen first; ``--print-config`` lists it)."""
EXIT_CRASH = 4
"""Unexpected error (logged; the crash dialog was shown when the window was up)."""
EXIT_PROBLEMS_FOUND = 5
"""``--diagnose`` finished and found at least one problem."""
EXIT_USAGE = 64
"""The command line was wrong (unknown option, missing value): nothing ran (sysexits EX_USAGE)."""

SHELL_LAUNCHER_RESERVED = frozenset({1, 2})  # restart device, shut down: never ours
ALL = {
    "EXIT_OK": EXIT_OK,
    "EXIT_CONFIG": EXIT_CONFIG,
    "EXIT_CRASH": EXIT_CRASH,
    "EXIT_PROBLEMS_FOUND": EXIT_PROBLEMS_FOUND,
    "EXIT_USAGE": EXIT_USAGE,
}
