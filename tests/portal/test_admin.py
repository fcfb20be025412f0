"""Administrator commands and the sandbox seed, against both databases."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from link_portal.cli import main
from link_portal.schema import head_revision
from linker_sandbox.processes.portal_runner import other_account_for, seed_people
from linker_sandbox.testdata.people import PEOPLE, person
from tests.fixtures_portal import PortalKit, PortalUser
from tests.portal.helpers import assert_problem, call, challenge, post_link_request


def test_admin_commands(
    portal_kit: PortalKit, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = portal_kit.database_url
    assert main(["db", "upgrade", "--database-url", url]) == 0
    assert main(["db", "status", "--database-url", url]) == 0

    csv_file = tmp_path / "directory.csv"
    csv_file.write_text("uuid,name,status\n5555 6666 7777,Cam Admin,active\n", encoding="utf-8")
    assert main(["import-directory", "--database-url", url, str(csv_file)]) == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("12345,Too Short,active\n", encoding="utf-8")
    assert main(["import-directory", "--database-url", url, str(bad)]) == 1

    card = portal_kit.pki.card("555566667777")
    user = PortalUser(
        "9f0c0c0c-0000-4000-8000-" + tmp_path.name[-12:].rjust(12, "0"),
        "cam.admin@nhs.net",
        "Cam Admin",
        "555566667777",
        card,
        portal_kit,
    )
    assert (
        main(["set-account", "--database-url", url, "--email", user.email, "--aup-not-accepted"])
        == 0
    )
    assert_problem(
        call(portal_kit, "POST", "/api/v1/challenges", token=user.token()), "aup_not_accepted", 403
    )
    assert main(["set-account", "--database-url", url, "--oid", user.oid, "--aup-accepted"]) == 0

    client = portal_kit.client()
    token = user.token()
    view = client.create_link_request(token, user.link_body(client.create_challenge(token)))
    link = client.confirm(token, view.link_request_id, "admin-test")
    capsys.readouterr()

    assert main(["links", "list", "--database-url", url, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert any(row["reference"] == link.reference for row in listed)

    assert (
        main(
            ["links", "remove", "--database-url", url, link.reference, "--reason", "card replaced"]
        )
        == 0
    )
    assert client.me(token).current_link is None
    assert main(["links", "remove", "--database-url", url, link.reference]) == 1

    capsys.readouterr()
    assert main(["audit", "--database-url", url, "--oid", user.oid, "--json"]) == 0
    events = [(e["event"], e["outcome"]) for e in json.loads(capsys.readouterr().out)]
    assert events == [
        ("challenge", "aup_not_accepted"),  # refusals are audited too
        ("link_request", "ok"),
        ("confirm", "ok"),
        ("link_removed", "ok"),
    ]


def test_set_account_inactive_blocks_linking_until_active_again(
    portal_kit: PortalKit, capsys: pytest.CaptureFixture[str]
) -> None:
    url = portal_kit.database_url
    user = portal_kit.new_user()
    client = portal_kit.client()
    capsys.readouterr()

    assert main(["set-account", "--database-url", url, "--oid", user.oid, "--inactive"]) == 0
    assert capsys.readouterr().out.strip() == f"updated account {user.oid}: inactive"
    assert_problem(
        call(portal_kit, "POST", "/api/v1/challenges", token=user.token()), "account_inactive", 403
    )
    assert client.me(user.token()).account_active is False

    # By address in any case, with the AUP withdrawn at the same time: now the AUP blocks.
    argv = ["set-account", "--database-url", url, "--email", user.email.upper()]
    assert main([*argv, "--active", "--aup-not-accepted"]) == 0
    assert capsys.readouterr().out.strip() == (
        f"updated account {user.email.upper()}: active, AUP not accepted"
    )
    assert_problem(
        call(portal_kit, "POST", "/api/v1/challenges", token=user.token()), "aup_not_accepted", 403
    )
    assert main([*argv, "--aup-accepted", "--name", "Pat Renamed"]) == 0
    assert "AUP accepted, name 'Pat Renamed'" in capsys.readouterr().out

    token = user.token()
    view = client.create_link_request(token, user.link_body(client.create_challenge(token)))
    link = client.confirm(token, view.link_request_id, "set-account-test")
    assert client.me(token).current_link == link
    client.close()

    # An address not known yet is created (set before the user's first visit), and says so.
    newcomer = f"new.{user.oid[:8]}@nhs.net"
    assert main(["set-account", "--database-url", url, "--email", newcomer, "--inactive"]) == 0
    assert capsys.readouterr().out.strip() == f"created account {newcomer}: inactive"


def test_set_account_refuses_nothing_to_change(
    portal_kit: PortalKit, capsys: pytest.CaptureFixture[str]
) -> None:
    url = portal_kit.database_url
    user = portal_kit.new_user()
    capsys.readouterr()

    assert main(["set-account", "--database-url", url, "--oid", user.oid]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: nothing to change")
    assert "--inactive" in err
    assert main(["set-account", "--database-url", url, "--inactive"]) == 1
    assert capsys.readouterr().err.strip() == "error: give --oid, --email, or both"
    assert main(["set-account", "--database-url", url, "--oid", user.oid, "--name", " "]) == 1
    assert "--name" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        main(["set-account", "--database-url", url, "--oid", user.oid, "--active", "--inactive"])
    assert exit_info.value.code == 2
    assert "not allowed with argument --active" in capsys.readouterr().err

    # Nothing was changed by the refused commands: the account still links.
    assert call(portal_kit, "POST", "/api/v1/challenges", token=user.token()).status_code == 201


def test_console_script_runs(portal_kit: PortalKit) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "link_portal.cli",
            "db",
            "status",
            "--database-url",
            portal_kit.database_url,
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert f"current {head_revision()}" in result.stdout


def test_sandbox_seed(portal_kit: PortalKit) -> None:
    engine = portal_kit.engine()
    seed_people(engine)
    seed_people(engine)  # twice is harmless
    engine.dispose()

    def as_user(key: str) -> PortalUser:
        p = person(key)
        card = portal_kit.pki.card(p.care_identity_uuid, key_type="ec-p256")
        return PortalUser(p.oid, p.username, p.display_name, p.care_identity_uuid, card, portal_kit)

    noaup = as_user("noaup")
    assert_problem(
        call(portal_kit, "POST", "/api/v1/challenges", token=noaup.token()), "aup_not_accepted", 403
    )
    for key, code in (("unknown", "identity_unknown"), ("linked", "already_linked")):
        user = as_user(key)
        body = user.link_body(challenge(portal_kit, user)).to_json()
        status = 409 if code == "already_linked" else 422
        problem = assert_problem(post_link_request(portal_kit, user, body), code, status)
        if key == "linked":
            other_email = other_account_for(person("linked"))[1]
            assert problem["linked_account"].split("@")[1] == other_email.split("@")[1]
    mismatch = as_user("mismatch")
    client = portal_kit.client()
    token = mismatch.token()
    view = client.create_link_request(token, mismatch.link_body(client.create_challenge(token)))
    assert not view.names_match
    client.cancel(token, view.link_request_id)
    assert len(PEOPLE) >= 9


def test_migrations_match_the_models(portal_kit: PortalKit) -> None:
    """The shipped migrations build exactly the schema the code declares."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from link_portal.db import Base

    engine = portal_kit.engine()
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []
