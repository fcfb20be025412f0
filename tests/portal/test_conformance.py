"""``link-portal conformance`` against the reference portal on SQLite and PostgreSQL:
every case passes with all the special inputs given, the cases whose input is missing
are skipped (not passed), and a run that cannot hold fails with exit code 1."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

import pytest

from link_portal.admin import set_account
from link_portal.cli import main
from link_portal.config import RateLimit
from linker_sandbox.testdata.pki import Issued
from tests.fixtures_portal import PortalKit, PortalKitFactory
from tests.portal.helpers import crl_der


def _uuid() -> str:
    return f"{secrets.randbelow(10**12):012d}"


def _files(card: Issued, directory: Path, stem: str) -> list[str]:
    return [str(p) for p in card.write(directory, stem)]


def _outcomes(out: str) -> dict[str, str]:
    lines = [line for line in out.splitlines() if line[:4] in ("PASS", "FAIL", "SKIP")]
    return {line.split("  ", 1)[1].split(":", 1)[0]: line[:4] for line in lines}


def _base_args(kit: PortalKit, tmp_path: Path) -> list[str]:
    a, b = kit.new_user(), kit.new_user()
    token_file = tmp_path / "token-a"
    token_file.write_text(a.token(), encoding="utf-8")
    return [
        "conformance",
        "--url",
        kit.base_url,
        "--ca-file",
        str(kit.pki.tls_ca_file),
        "--token-a",
        f"@{token_file}",
        "--token-b",
        b.token(),
        "--card-a",
        *_files(a.card, tmp_path, "card-a"),
        "--card-b",
        *_files(b.card, tmp_path, "card-b"),
    ]


def test_every_case_passes_with_all_inputs(
    make_portal_kit: PortalKitFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pki = make_portal_kit().pki
    revoked = pki.card(_uuid())
    crl = tmp_path / "subca.crl"
    kit = make_portal_kit(challenge_rate=RateLimit(30, 60.0), crl_files=(str(crl),))
    crl.write_bytes(crl_der(kit.pki.nhs_subca, revoked.cert))
    inactive_identity = kit.new_user(identity_status="inactive")
    inactive_account = kit.new_user()
    engine = kit.engine()
    try:
        set_account(engine, oid=inactive_account.oid, active=False)
    finally:
        engine.dispose()
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=800)
    args = [
        *_base_args(kit, tmp_path),
        "--expired-card",
        *_files(pki.card(_uuid(), not_before=long_ago), tmp_path, "expired"),
        "--revoked-card",
        *_files(revoked, tmp_path, "revoked"),
        "--unknown-identity-card",
        *_files(pki.card(_uuid()), tmp_path, "unknown"),
        "--inactive-identity-card",
        *_files(inactive_identity.card, tmp_path, "inactive"),
        "--inactive-account-token",
        inactive_account.token(),
        "--aup-not-accepted-token",
        kit.new_user(aup=False).token(),
        "--rate-limit-token",
        kit.new_user().token(),
    ]
    code = main(args)
    out = capsys.readouterr().out
    outcomes = _outcomes(out)
    assert code == 0, out
    assert "FAIL" not in outcomes.values(), out
    skipped = {case for case, status in outcomes.items() if status == "SKIP"}
    # waiting out the TTLs is optional (--wait-for-expiry); 5xx cannot be caused
    assert skipped == {
        "challenge_expired",
        "link_request_expired",
        "service_unavailable, internal_error",
    }, out
    assert outcomes["happy path"] == outcomes["concurrent single use"] == "PASS"


def test_missing_inputs_are_skipped_and_a_broken_contract_fails(
    portal_kit: PortalKit, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(_base_args(portal_kit, tmp_path))
    out = capsys.readouterr().out
    outcomes = _outcomes(out)
    assert code == 0, out
    for case in ("certificate_expired", "identity_unknown", "aup_not_accepted", "rate_limited"):
        assert outcomes[case] == "SKIP", out
    # the same user twice: the kit must say so and fail, not pass
    user = portal_kit.new_user()
    args = _base_args(portal_kit, tmp_path)
    args[args.index("--token-b") + 1] = args[args.index("--token-a") + 1] = user.token()
    assert main(args) == 1
    out = capsys.readouterr().out
    assert "FAIL  users: the two tokens are for the same account" in out
