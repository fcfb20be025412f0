"""The reference portal, configured with the sandbox provider as its issuer, serves
/api/v1/me to a person signed in through the app's sign-in module, and refuses a
tampered token."""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from link_portal.config import PortalConfig
from linker_sandbox.processes.idp import SANDBOX_API_AUDIENCE, SandboxIdP
from linker_sandbox.processes.portal_runner import (
    RunningPortal,
    prepare_database,
    seed_people,
    start_portal,
)
from linker_sandbox.testdata.people import SANDBOX_TENANT_ID, person
from linker_sandbox.testdata.pki import SandboxPKI
from smartcard_linker.portal.client import HttpPortalClient
from smartcard_linker.portal.errors import PortalError
from smartcard_linker.signin.msal_signin import MsalSignIn

from ..fixtures_idp import BrowserFactory


@pytest.fixture
def portal(sandbox_idp: SandboxIdP, idp_pki: SandboxPKI, tmp_path: Path) -> Iterator[RunningPortal]:
    url = f"sqlite:///{tmp_path / 'portal.db'}"
    seed_people(prepare_database(url))
    config = PortalConfig(
        database_url=url,
        issuer=sandbox_idp.issuer,
        audience=(SANDBOX_API_AUDIENCE,),
        tenant_id=SANDBOX_TENANT_ID,
        nhs_trust=str(idp_pki.nhs_trust_file),
        jwks_ca_file=str(idp_pki.tls_ca_file),
    )
    running = start_portal(config, tls_cert=idp_pki.tls_cert_file, tls_key=idp_pki.tls_key_file)
    yield running
    running.stop()


def test_portal_serves_me_for_a_signed_in_person_and_refuses_tampering(
    portal: RunningPortal,
    idp_pki: SandboxPKI,
    make_signin: Callable[..., MsalSignIn],
    scripted_browser: BrowserFactory,
) -> None:
    token = make_signin(scripted_browser("noaup")).interactive(threading.Event()).token
    client = HttpPortalClient(portal.base_url, extra_ca_file=idp_pki.tls_ca_file)
    me = client.me(token)
    noaup = person("noaup")
    assert me.account.email == noaup.username and not me.aup_accepted

    head, body, sig = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    claims["oid"] = person("ready").oid
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(PortalError) as caught:
        client.me(f"{head}.{forged}.{sig}")
    assert caught.value.problem.status == 401
