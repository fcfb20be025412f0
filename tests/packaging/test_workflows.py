"""The release workflow (.github/workflows/release.yml) cannot run on this project's machines,
so it is linted here: GitHub's workflow schema (check-jsonschema's built-in copy), zizmor's
security audits (offline: no finding above low), and the rules the release depends on.

The action SHAs were read from each action's own repository at the tag in the comment beside
it; this test checks their form, not their provenance (that needs the network).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.packaging.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
RELEASE = ROOT / ".github" / "workflows" / "release.yml"
SEVERITY_ALLOWED = {"Unknown", "Informational", "Low"}


def _tool(name: str) -> str:
    path = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed (pip install -e '.[test]')")
    return path


def _load(path: Path) -> dict[str, Any]:
    import yaml  # PyYAML: installed with the test tools (schemathesis)

    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_workflows_validate_against_the_github_workflow_schema() -> None:
    assert WORKFLOWS, "no workflow found"
    result = subprocess.run(
        [
            _tool("check-jsonschema"),
            "--builtin-schema",
            "vendor.github-workflows",
            *map(str, WORKFLOWS),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_above_low() -> None:
    result = subprocess.run(
        [_tool("zizmor"), "--offline", "--persona", "auditor", "--format", "json",
         *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )  # fmt: skip
    findings = json.loads(result.stdout or "[]")
    serious = [
        (f["ident"], f["determinations"]["severity"], f["locations"][0]["symbolic"]["annotation"])
        for f in findings
        if f["determinations"]["severity"] not in SEVERITY_ALLOWED
    ]
    assert serious == [], serious


def _steps(workflow: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(job, step) for job, body in workflow["jobs"].items() for step in body["steps"]]


def test_every_action_is_pinned_by_a_full_commit_sha() -> None:
    text = RELEASE.read_text(encoding="utf-8")
    uses = re.findall(r"uses:\s*(\S+)(.*)", text)
    assert uses
    for target, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", target), target
        assert re.search(r"# v\d+(\.\d+)*", comment), f"{target}: name the tag it was read from"


def test_signing_runs_only_with_secrets_and_the_release_steps_are_all_there() -> None:
    workflow = _load(RELEASE)
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert jobs["windows"]["runs-on"] == "windows-latest"
    assert {"macos", "linux"} <= set(jobs)
    for job, step in _steps(workflow):
        env = " ".join(str(v) for v in (step.get("env") or {}).values())
        if "secrets." in env and step.get("id") != "signing":
            assert step.get("if") == "steps.signing.outputs.available == 'true'", (job, step)
    windows = "\n".join(
        str(step.get("run", "")) + str(step.get("uses", "")) for step in jobs["windows"]["steps"]
    )
    for needed in (
        "tests/foundation/test_config_policy.py",  # the real winreg layer
        "scripts/build_app.sh",
        "build_msi_wix.sh",
        "PREVIOUS_VERSION",
        "wix msi validate",
        "MSI_UNDER_TEST",
        "sign.ps1",
        "msi_lifecycle.py",
        "actions/upload-artifact",
        "GITHUB_STEP_SUMMARY",  # the Windows onedir size
    ):
        assert needed in windows, needed
