"""``--diagnose`` and "Copy diagnostics": one report of the facts NHS smartcard problems turn on.

Providers (``runner.PROVIDERS``) each fill some top-level keys of the report and
add checks; they run in parallel on daemon threads under one overall deadline,
so a silent host or a stuck lookup costs at most the deadline. The JSON schema
is ``schema.json`` (documented in docs/diagnostics.md). No PIN is asked, and no
token, name or full Care Identity number is ever in a report.
"""

from __future__ import annotations

from smartcard_linker.diagnostics.model import Check, Report, Status
from smartcard_linker.diagnostics.runner import DEFAULT_DEADLINE_S, PROVIDERS, Provider, collect

__all__ = ["DEFAULT_DEADLINE_S", "PROVIDERS", "Check", "Provider", "Report", "Status", "collect"]
