"""``--diagnose --json`` against the real sandbox: healthy, refusing ports, a silent listener.

The report is validated against its schema every time; the card, module, token
and certificate facts are compared with what the sandbox put there. Timings are
the benchmark's job (bench/bench_diagnostics.py), not asserted here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from linker_sandbox.testdata.people import PEOPLE, person
from linker_sandbox.world import SandboxWorld, _toml_value
from smartcard_linker.card.atr import format_atr
from smartcard_linker.exit_codes import EXIT_OK, EXIT_PROBLEMS_FOUND
from tests.diagnostics.helpers import check, closed_port, diagnose, silent_listener

pytestmark = pytest.mark.slow


def _config(world: SandboxWorld, tmp_path: Path, **overrides: object) -> Path:
    assert world.pki is not None
    # IT's CA bundle: the TLS CA and the NHS CAs, so the card's chain can be checked too.
    bundle = tmp_path / "ca-bundle.pem"
    bundle.write_bytes(world.pki.tls_ca_file.read_bytes() + world.pki.nhs_trust_file.read_bytes())
    values = world.app_settings() | {"extra_ca_file": str(bundle)} | overrides
    path = tmp_path / "config.toml"
    path.write_text("".join(f"{k} = {_toml_value(v)}\n" for k, v in values.items()))
    return path


def test_healthy_sandbox_reports_the_sandbox_facts(
    journey_world: SandboxWorld, tmp_path: Path
) -> None:
    assert journey_world.rig is not None
    who = person("ready")
    spec = journey_world.rig.insert(who.key, 0)
    try:
        code, report, stderr = diagnose(_config(journey_world, tmp_path), tmp_path)
    finally:
        journey_world.rig.remove(0)
    assert code == EXIT_OK, [c for c in report["checks"] if c["status"] == "problem"]
    assert report["healthy"] is True and not report["incomplete"]
    assert report["service"]["state"] == "running"
    names = [r.name for r in journey_world.rig.readers]
    assert [r["name"] for r in report["readers"]] == names
    reader = report["readers"][0]
    assert reader["state"] == "card present"
    assert reader["card"]["nhs_smartcard"] is True
    assert reader["card"]["atr"] == format_atr(_virtual_atr())
    assert report["readers"][1]["card"] is None
    [loaded] = [m for m in report["modules"] if m["loaded"]]
    assert loaded["description"] == "OpenSC smartcard framework" and loaded["version"]
    [token] = report["tokens"]
    assert token["reader"] == names[0] and token["error"] is None
    assert token["pin"]["locked"] is False and token["pin"]["min_length"] >= 1
    cert = token["certificate"]
    assert cert["care_identity"] == "********" + who.care_identity_uuid[-4:]
    assert cert["not_after"] == spec.certificate.not_valid_after_utc.isoformat()
    assert cert["issuer"] == spec.certificate.issuer.rfc4514_string()
    assert cert["chain"]["status"] == "verified"
    assert cert["chain"]["trust_source"] == "extra CA file"
    assert check(report, "card.chain")["status"] == "ok"
    for target in report["network"]["targets"]:
        assert [s["step"] for s in target["steps"]] == ["dns", "tcp", "tls", "http"]
        assert all(s["status"] == "ok" for s in target["steps"]), target
        assert "extra CA file" in target["steps"][2]["trust_store"]
        assert abs(target["clock_skew_s"]) < 5
    portal = report["network"]["targets"][0]
    assert portal["steps"][3]["http_status"] == 200 and portal["steps"][3]["request_id"]
    # no names, emails or whole Care Identity numbers anywhere in the report
    text = str(report)
    for p in PEOPLE:
        for secret in (p.display_name, p.username, p.care_identity_uuid):
            assert secret not in text, secret
    assert "Traceback" not in stderr


def _virtual_atr() -> bytes:
    from linker_sandbox.cards.piv_card import DEFAULT_ATR

    return DEFAULT_ATR  # the sandbox's PIV card: an IDEMIA PIV ATR (a maker hint only)


def test_refusing_ports_are_named_per_host(journey_world: SandboxWorld, tmp_path: Path) -> None:
    assert journey_world.idp is not None
    tenant = journey_world.idp.authority.rsplit("/", 1)[1]
    config = _config(
        journey_world,
        tmp_path,
        portal_url=f"https://127.0.0.1:{closed_port()}",
        authority=f"https://127.0.0.1:{closed_port()}/{tenant}",
    )
    code, report, _ = diagnose(config, tmp_path)
    assert code == EXIT_PROBLEMS_FOUND and report["healthy"] is False
    for name in ("portal", "authority"):
        found = check(report, f"network.{name}.tcp")
        assert found["status"] == "problem"
        assert "refused the connection" in found["detail"]
    assert check(report, "card.service")["status"] == "ok"  # the rest still reported


def test_a_listener_that_never_answers_is_named(
    journey_world: SandboxWorld, tmp_path: Path
) -> None:
    with silent_listener() as port:
        config = _config(
            journey_world,
            tmp_path,
            portal_url=f"https://127.0.0.1:{port}",
            authority=f"https://127.0.0.1:{port}/tenant",
        )
        code, report, _ = diagnose(config, tmp_path)
    assert code == EXIT_PROBLEMS_FOUND
    for name in ("portal", "authority"):
        found = check(report, f"network.{name}.tls")
        assert "did not answer the secure handshake" in found["detail"], found
        target = next(t for t in report["network"]["targets"] if t["name"] == name)
        assert [s["step"] for s in target["steps"]] == ["dns", "tcp", "tls"]


def test_a_locked_card_and_a_refusing_proxy_are_named(
    journey_world: SandboxWorld, tmp_path: Path
) -> None:
    """The locked person's card: PIN flags say locked, 0 tries left. A portal behind a proxy:
    the proxy is the host checked (DNS and TCP), and it is named in the report."""
    assert journey_world.rig is not None
    journey_world.rig.insert("locked", 1)
    proxy = f"http://127.0.0.1:{closed_port()}"
    config = _config(journey_world, tmp_path, portal_url="https://portal.invalid")
    try:
        code, report, _ = diagnose(config, tmp_path, env={"HTTPS_PROXY": proxy})
    finally:
        journey_world.rig.remove(1)
    assert code == EXIT_PROBLEMS_FOUND
    [token] = report["tokens"]
    assert token["reader"] == journey_world.rig.readers[1].name
    assert token["pin"]["locked"] is True and token["pin"]["tries_left"] == 0
    assert check(report, "card.pin")["status"] == "problem"
    portal = next(t for t in report["network"]["targets"] if t["name"] == "portal")
    assert portal["proxy"] == proxy
    assert [s["step"] for s in portal["steps"]] == ["dns", "tcp"]
    assert "127.0.0.1 refused the connection" in check(report, "network.portal.tcp")["detail"]
    assert report["network"]["proxy"]["https"] == proxy
    authority = next(t for t in report["network"]["targets"] if t["name"] == "authority")
    assert authority["proxy"] is None and authority["finished"]  # loopback is never proxied
