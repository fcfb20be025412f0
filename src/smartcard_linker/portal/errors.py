"""Failures talking to the portal, with the portal's problem ``code`` when it gave one."""

from __future__ import annotations

from link_protocol.models import Problem


class PortalError(Exception):
    """``code`` is a Link API ErrorCode value, or one of ``network``, ``tls``,
    ``timeout``, ``unexpected`` (a non-problem answer, e.g. a 5xx page)."""

    def __init__(self, problem: Problem, *, host: str) -> None:
        super().__init__(f"{problem.code}: {problem.title}")
        self.problem = problem
        self.host = host

    @property
    def code(self) -> str:
        return self.problem.code

    @property
    def request_id(self) -> str | None:
        return self.problem.request_id
