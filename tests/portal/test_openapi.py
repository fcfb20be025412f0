"""The published OpenAPI document matches the server, and the server keeps to it under
generated input (schemathesis): no 5xx, every answer as documented."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import checks

from link_portal.openapi_doc import openapi_text
from tests.fixtures_portal import PortalKit

DOC = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_checked_in_openapi_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == openapi_text(), (
        "docs/openapi.json is out of date: run `link-portal openapi --out docs/openapi.json`"
    )


def test_served_openapi_equals_checked_in(portal_kit: PortalKit) -> None:
    with portal_kit.http() as http:
        served = http.get(portal_kit.base_url + "/openapi.json").json()
    assert served == json.loads(DOC.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_schemathesis_finds_no_server_errors(
    sqlite_portal_kit: PortalKit, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Database-independent, so one backend (SQLite) keeps the suite short."""
    portal_kit = sqlite_portal_kit
    # some checks re-send a request on a session of their own: trust the sandbox CA there too
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(portal_kit.pki.tls_ca_file))
    schema = schemathesis.openapi.from_dict(json.loads(DOC.read_text(encoding="utf-8")))
    user = portal_kit.new_user()
    token = user.token()
    session = requests.Session()
    session.verify = str(portal_kit.pki.tls_ca_file)
    failures: list[str] = []
    calls = [0]
    excluded = [checks.positive_data_acceptance]

    def runner(label: str, strategy: Any) -> Any:
        @settings(
            max_examples=25,
            deadline=None,
            database=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(case=strategy)
        def run(case: Any) -> None:
            for headers in ({"Authorization": f"Bearer {token}"}, {}):
                calls[0] += 1
                try:
                    case.call_and_validate(
                        base_url=portal_kit.base_url,
                        session=session,
                        headers=headers,
                        excluded_checks=excluded,
                    )
                except Exception as exc:
                    failures.append(f"{label}: {exc}"[:800])

        return run

    for result in schema.get_all_operations():
        operation = result.ok()
        runner(operation.label, operation.as_strategy())()
    session.close()
    assert not failures, "\n\n".join(failures[:5])
    assert calls[0] >= 50  # the run really exercised the API
