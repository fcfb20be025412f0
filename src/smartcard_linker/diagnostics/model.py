"""The report: checks with a status, plus the facts each section found (JSON-ready dicts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

SCHEMA_ID = "smartcard-linker-diagnostics/1"


class Status(StrEnum):
    OK = "ok"
    WARNING = "warning"
    PROBLEM = "problem"


@dataclass(frozen=True)
class Check:
    """One finding: a stable ``id`` (e.g. ``network.portal.tls``), its status and words."""

    id: str
    status: Status
    summary: str
    detail: str = ""

    def to_json(self) -> dict[str, str]:
        return {
            "id": self.id,
            "status": self.status.value,
            "summary": self.summary,
            "detail": self.detail,
        }


@dataclass
class SectionResult:
    """What one provider found: top-level keys of the report and its checks."""

    data: dict[str, Any] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)

    def check(self, id: str, status: Status, summary: str, detail: str = "") -> None:
        self.checks.append(Check(id, status, summary, detail))


@dataclass
class Report:
    generated_at: str
    duration_ms: int
    data: dict[str, Any]
    checks: list[Check]
    incomplete: list[str]

    @property
    def healthy(self) -> bool:
        return not any(c.status is Status.PROBLEM for c in self.checks)

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_ID,
            "generated_at": self.generated_at,
            "duration_ms": self.duration_ms,
            "healthy": self.healthy,
            "checks": [c.to_json() for c in self.checks],
            **self.data,
            "incomplete": list(self.incomplete),
        }
