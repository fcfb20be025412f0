"""The whole sandbox on one machine: identity provider, portal, pcscd, virtual cards.

``SandboxWorld(directory).start()`` brings up every part on loopback from one
test PKI, seeds the portal with the sandbox people, writes the app's settings
file, and ``stop()`` takes it all down again (cards, pcscd, portal, provider).
The sandbox command, the app's ``--self-test`` and the end-to-end tests all use it,
so they exercise exactly the same world.
"""

from __future__ import annotations

import logging
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from link_portal.config import PortalConfig
from linker_sandbox.cards.virtual_card import VirtualCardRig, nhs_issuer_rule
from linker_sandbox.drivers.browser import write_kiosk_browser
from linker_sandbox.processes.idp import SANDBOX_API_AUDIENCE, SANDBOX_CLIENT_ID, SandboxIdP
from linker_sandbox.processes.pcscd import PrivatePcscd, set_client_socket
from linker_sandbox.processes.portal_runner import (
    RunningPortal,
    prepare_database,
    seed_people,
    start_portal,
)
from linker_sandbox.testdata.people import PEOPLE, SANDBOX_TENANT_ID, TestPerson
from linker_sandbox.testdata.pki import NHS_CARD_POLICY_OID, SandboxPKI

log = logging.getLogger(__name__)

APP_CONFIG_NAME = "app-config.toml"


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


@dataclass
class SandboxWorld:
    """Every sandbox part, started together. Use as a context manager or start()/stop()."""

    directory: Path
    reader_count: int = 2
    pcscd: PrivatePcscd | None = None  # an already-running pcscd to use (tests)
    people: tuple[TestPerson, ...] = PEOPLE
    app_overrides: dict[str, object] = field(default_factory=dict)
    pki: SandboxPKI | None = field(default=None, init=False)
    idp: SandboxIdP | None = field(default=None, init=False)
    portal: RunningPortal | None = field(default=None, init=False)
    rig: VirtualCardRig | None = field(default=None, init=False)

    # -- life cycle -------------------------------------------------------------------
    def start(self) -> SandboxWorld:
        self.directory.mkdir(parents=True, exist_ok=True)
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        for stale in ("pki", "portal.db", "portal.db-wal", "portal.db-shm"):
            path = self.directory / stale
            if path.is_dir():
                shutil.rmtree(path)
            elif path.exists():
                path.unlink()
        self.pki = pki = SandboxPKI.create(self.directory / "pki")
        self.idp = SandboxIdP(pki, client_ids=[SANDBOX_CLIENT_ID], people=self.people)
        self.idp.start()
        log.info("sandbox identity provider at %s", self.idp.authority)

        engine = prepare_database(self.database_url)
        seed_people(engine, self.people)
        engine.dispose()
        config = PortalConfig(
            database_url=self.database_url,
            issuer=self.idp.issuer,
            jwks_url=self.idp.jwks_url,
            audience=(SANDBOX_API_AUDIENCE,),
            tenant_id=SANDBOX_TENANT_ID,
            nhs_trust=str(pki.nhs_trust_file),
            jwks_ca_file=str(pki.tls_ca_file),
            aup_url=f"{self.idp.base_url}/aup",
            client_ids=(SANDBOX_CLIENT_ID,),
            certificate_policy_oid=NHS_CARD_POLICY_OID.dotted_string,  # the sandbox PKI's own
        )
        self.portal = start_portal(config, tls_cert=pki.tls_cert_file, tls_key=pki.tls_key_file)
        log.info("sandbox portal at %s", self.portal.base_url)

        self.rig = VirtualCardRig(
            self.directory / "rig",
            pki.nhs_subca,
            pcscd=self.pcscd,
            reader_count=self.reader_count,
            pki_dir=pki.directory,
        )
        set_client_socket(self.rig.pcscd)
        self.write_app_config()

    def stop(self) -> None:
        """Stop every part that started, newest first; safe to call twice."""
        for name, part in (("cards", self.rig), ("portal", self.portal), ("provider", self.idp)):
            if part is None:
                continue
            try:
                part.close() if isinstance(part, VirtualCardRig) else part.stop()
            except Exception:
                log.exception("stopping the sandbox %s failed", name)
        self.rig = None
        self.portal = None
        self.idp = None

    def stop_portal(self) -> None:
        """Take the portal down (an outage); ``restart_portal`` brings it back."""
        assert self.portal is not None
        self.portal.stop()

    def restart_portal(self) -> RunningPortal:
        """Serve the portal again on the same port and database (same URL for the app)."""
        assert self.portal is not None and self.pki is not None
        old = self.portal
        old.stop()  # no-op when already stopped
        port = int(old.base_url.rsplit(":", 1)[1])
        self.portal = start_portal(
            old.config,
            tls_cert=self.pki.tls_cert_file,
            tls_key=self.pki.tls_key_file,
            port=port,
        )
        return self.portal

    def __enter__(self) -> SandboxWorld:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    # -- what the app needs -------------------------------------------------------------
    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.directory / 'portal.db'}"

    @property
    def app_config_file(self) -> Path:
        return self.directory / APP_CONFIG_NAME

    def app_settings(self) -> dict[str, object]:
        """The app's settings for this world: only URLs, the CA and the client id differ
        from production. Sign-in is not remembered: the provider's keys are new each run."""
        assert self.idp and self.portal and self.pki
        values: dict[str, object] = {
            "portal_url": self.portal.base_url,
            "authority": self.idp.authority,
            "client_id": SANDBOX_CLIENT_ID,
            "api_scope": self.idp.api_scope,
            "extra_ca_file": str(self.pki.tls_ca_file),
            "extra_nhs_card_issuers": [nhs_issuer_rule(self.pki.nhs_subca)],
            "remember_sign_in": False,
            "link_home_url": f"{self.portal.base_url}/",
            "nhsmail_portal_url": f"{self.idp.base_url}/",
            "signin_timeout_s": 120,
        }
        values.update(self.app_overrides)
        return values

    def write_app_config(self) -> Path:
        lines = ["# Smartcard Linker settings for the local sandbox (written by linker-sandbox)"]
        lines += [f"{k} = {_toml_value(v)}" for k, v in self.app_settings().items()]
        self.app_config_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return self.app_config_file

    def kiosk_browser(self, user_file: Path, log_file: Path | None = None) -> Path:
        """A ``kiosk_browser`` program for this world (see ``write_kiosk_browser``)."""
        assert self.pki is not None
        return write_kiosk_browser(
            self.directory / "kiosk-browser", self.pki.tls_ca_file, user_file, log_file
        )

    def app_environment(self) -> dict[str, str]:
        """Environment for an app process: its PC/SC clients talk to the sandbox pcscd."""
        assert self.rig
        env = dict(os.environ)
        env["PCSCLITE_CSOCK_NAME"] = str(self.rig.pcscd.socket_path)
        env["NO_PROXY"] = ",".join(filter(None, [env.get("NO_PROXY"), "127.0.0.1,localhost,::1"]))
        return env

    def describe(self) -> str:
        assert self.idp and self.portal and self.rig
        readers = ", ".join(r.name for r in self.rig.readers)
        return "\n".join(
            [
                f"identity provider  {self.idp.authority}",
                f"portal             {self.portal.base_url}  ({self.database_url})",
                f"pcscd              {self.rig.pcscd.socket_path}  readers: {readers}",
                f"app settings       {self.app_config_file}",
            ]
        )
