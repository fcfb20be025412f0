"""Pytest plugin: the reference portal on loopback TLS over SQLite and PostgreSQL.

Fixtures:
- ``portal_pki``: the sandbox PKI (NHS CAs for cards, TLS CA + server cert).
- ``token_keys`` / ``jwks_issuer``: a signing key set and a real HTTPS loopback server
  publishing its JWKS in Entra's layout (issuer https://127.0.0.1:P/<tenant>/v2.0).
- ``private_postgres``: a private PostgreSQL cluster for the session.
- ``portal_kit``: a running portal, parametrised over ``sqlite`` and ``postgresql``,
  with helpers to make users, cards, tokens and signatures (see PortalKit).
- ``make_portal_kit``: factory for a portal with config overrides (rate limits, CRLs).
"""

from __future__ import annotations

import base64
import os
import secrets
import uuid as uuidlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from link_portal.admin import DirectoryEntry, import_directory, set_account
from link_portal.config import PortalConfig, RateLimit
from link_portal.conformance.signing import default_algorithm, sign_link_message
from link_portal.db import make_engine
from link_protocol.message import build_link_message
from link_protocol.models import LinkRequestBody
from linker_sandbox.processes.jwks_server import JwksServer
from linker_sandbox.processes.portal_runner import (
    RunningPortal,
    prepare_database,
    start_portal,
    start_portal_process,
)
from linker_sandbox.processes.postgres import PostgresUnavailable, PrivatePostgres
from linker_sandbox.testdata.people import SANDBOX_TENANT_ID
from linker_sandbox.testdata.pki import Issued, SandboxPKI
from linker_sandbox.testdata.token_keys import SigningKeySet, access_token_claims
from smartcard_linker.net import make_session
from smartcard_linker.portal.client import HttpPortalClient

PORTAL_AUDIENCE = "api://smartcard-linker-portal"


@dataclass
class PortalUser:
    oid: str
    email: str
    name: str
    uuid: str
    card: Issued
    kit: PortalKit = field(repr=False)

    def token(self, **overrides: Any) -> str:
        return self.kit.token(self, **overrides)

    def link_body(
        self,
        challenge: Any,
        *,
        algorithm: str | None = None,
        card: Issued | None = None,
        message: bytes | None = None,
    ) -> LinkRequestBody:
        card = card or self.card
        algorithm = algorithm or default_algorithm(card.key)
        message = message or build_link_message(challenge.origin, challenge.nonce, self.oid)
        return LinkRequestBody(
            challenge_id=challenge.challenge_id,
            certificate=card.cert_der,
            signature=sign_link_message(card.key, message, algorithm),
            signature_algorithm=algorithm,
        )


@dataclass
class PortalKit:
    """A running portal plus everything needed to call it as real users would."""

    backend: str
    portal: RunningPortal
    pki: SandboxPKI
    keys: SigningKeySet
    issuer: JwksServer
    database_url: str
    extra: list[RunningPortal] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return self.portal.base_url

    @property
    def config(self) -> PortalConfig:
        return self.portal.config

    def replicas(self, count: int) -> list[str]:
        """More servers on the same database and public origin (as behind a load
        balancer): each has its own event loop and engine, so requests spread over
        them really race in the database. Stopped with the session."""
        urls = []
        for _ in range(count):
            replica = start_portal(
                self.config,
                tls_cert=self.pki.tls_cert_file,
                tls_key=self.pki.tls_key_file,
                set_origin=False,
            )
            self.extra.append(replica)
            urls.append(replica.base_url)
        return urls

    def serve_process(self, directory: Path, workers: int = 1) -> RunningPortal:
        """This kit's portal as ``link-portal serve`` in a child process (as the benchmark
        runs it), on the same database; the caller stops it."""
        return start_portal_process(
            self.config,
            directory=directory,
            tls_cert=self.pki.tls_cert_file,
            tls_key=self.pki.tls_key_file,
            ca_file=self.pki.tls_ca_file,
            workers=workers,
        )

    def engine(self) -> Any:
        return make_engine(self.database_url, pool_size=1)

    def client(self) -> HttpPortalClient:
        return HttpPortalClient(self.base_url, extra_ca_file=self.pki.tls_ca_file)

    def http(self) -> requests.Session:
        return make_session(self.pki.tls_ca_file)

    def token(
        self,
        user: PortalUser,
        *,
        alg: str = "RS256",
        lifetime_s: int = 3600,
        headers: dict[str, Any] | None = None,
        **claims: Any,
    ) -> str:
        base = access_token_claims(
            user.oid,
            user.email,
            user.name,
            tenant_id=SANDBOX_TENANT_ID,
            issuer=self.issuer.issuer,
            audience=PORTAL_AUDIENCE,
        )
        base.update(claims)
        return self.keys.mint(base, lifetime_s=lifetime_s, alg=alg, headers=headers)

    def new_user(
        self,
        *,
        key_type: str = "rsa2048",
        aup: bool = True,
        identity_status: str | None = "active",
        name: str = "Pat Example",
        identity_name: str | None = None,
        card: Issued | None = None,
    ) -> PortalUser:
        """A fresh account and Care Identity (unique per call) with a good card."""
        oid = str(uuidlib.uuid4())
        uuid = f"{secrets.randbelow(10**12):012d}"
        email = f"user.{oid[:8]}@nhs.net"
        engine = self.engine()
        try:
            if identity_status is not None:
                import_directory(
                    engine, [DirectoryEntry(uuid, identity_name or name, identity_status)]
                )
            set_account(engine, oid=oid, email=email, aup_accepted=aup, display_name=name)
        finally:
            engine.dispose()
        card = card or self.pki.card(uuid, key_type=key_type)
        return PortalUser(oid, email, name, uuid, card, self)


@dataclass
class _PortalParts:
    pki: SandboxPKI
    keys: SigningKeySet
    issuer: JwksServer
    postgres: PrivatePostgres | None
    tmp: Path
    started: list[RunningPortal] = field(default_factory=list)
    kits: list[PortalKit] = field(default_factory=list)


@pytest.fixture(scope="session")
def portal_pki(tmp_path_factory: pytest.TempPathFactory) -> SandboxPKI:
    return SandboxPKI.create(tmp_path_factory.mktemp("portal-pki"))


@pytest.fixture(scope="session")
def token_keys() -> SigningKeySet:
    return SigningKeySet()


@pytest.fixture(scope="session")
def jwks_issuer(token_keys: SigningKeySet, portal_pki: SandboxPKI) -> Iterator[JwksServer]:
    server = JwksServer(token_keys, portal_pki, SANDBOX_TENANT_ID)
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def private_postgres() -> Iterator[PrivatePostgres]:
    server = PrivatePostgres()
    try:
        server.start()
    except PostgresUnavailable as exc:
        pytest.skip(f"PostgreSQL not available: {exc}")  # a failure in CI (see conftest)
    yield server
    server.stop()


def _database_url(backend: str, request: pytest.FixtureRequest, tmp: Path, name: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp / (name + '.db')}"
    postgres: PrivatePostgres = request.getfixturevalue("private_postgres")
    return postgres.create_database(name)


PortalKitFactory = Callable[..., PortalKit]


@pytest.fixture(scope="session")
def _portal_parts(
    portal_pki: SandboxPKI,
    token_keys: SigningKeySet,
    jwks_issuer: JwksServer,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[_PortalParts]:
    parts = _PortalParts(
        portal_pki, token_keys, jwks_issuer, None, tmp_path_factory.mktemp("portal-db")
    )
    yield parts
    for portal in parts.started + [r for kit in parts.kits for r in kit.extra]:
        portal.stop()


def base_portal_config(
    pki: SandboxPKI, issuer: JwksServer, database_url: str, **overrides: Any
) -> PortalConfig:
    values: dict[str, Any] = {
        "database_url": database_url,
        "public_origin": "https://127.0.0.1:1",  # replaced with the served URL at start
        "issuer": issuer.issuer,
        "jwks_url": issuer.jwks_url,
        "audience": (PORTAL_AUDIENCE,),
        "tenant_id": SANDBOX_TENANT_ID,
        "nhs_trust": str(pki.nhs_trust_file),
        "jwks_ca_file": str(pki.tls_ca_file),
        "challenge_rate": RateLimit(1000, 1.0),
        "link_request_rate": RateLimit(1000, 1.0),
        "jwks_min_refresh_s": 5.0,
    }
    values.update(overrides)
    return PortalConfig(**values)


def _make_kit(
    parts: _PortalParts, request: pytest.FixtureRequest, backend: str, **overrides: Any
) -> PortalKit:
    name = f"portal_{backend}_{secrets.token_hex(4)}"
    url = _database_url(backend, request, parts.tmp, name)
    prepare_database(url).dispose()
    config = base_portal_config(parts.pki, parts.issuer, url, **overrides)
    portal = start_portal(config, tls_cert=parts.pki.tls_cert_file, tls_key=parts.pki.tls_key_file)
    parts.started.append(portal)
    kit = PortalKit(backend, portal, parts.pki, parts.keys, parts.issuer, url)
    parts.kits.append(kit)
    return kit


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session", params=BACKENDS)
def portal_kit(_portal_parts: _PortalParts, request: pytest.FixtureRequest) -> PortalKit:
    """The shared portal for this backend (tests make their own users, so they don't collide)."""
    return _make_kit(_portal_parts, request, request.param)


@pytest.fixture(scope="session")
def sqlite_portal_kit(_portal_parts: _PortalParts, request: pytest.FixtureRequest) -> PortalKit:
    """A portal on SQLite only, for tests that do not depend on the database."""
    return _make_kit(_portal_parts, request, "sqlite")


@pytest.fixture
def make_portal_kit(
    _portal_parts: _PortalParts, request: pytest.FixtureRequest, portal_kit: PortalKit
) -> Iterator[PortalKitFactory]:
    """``make_portal_kit(**config_overrides)``: another portal on the same backend,
    stopped when the test ends (a server left running keeps its threads for the session)."""
    made: list[PortalKit] = []

    def make(**overrides: Any) -> PortalKit:
        kit = _make_kit(_portal_parts, request, portal_kit.backend, **overrides)
        made.append(kit)
        return kit

    yield make
    for kit in made:
        for portal in (kit.portal, *kit.extra):
            portal.stop()
        _portal_parts.started.remove(kit.portal)
        _portal_parts.kits.remove(kit)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def in_ci() -> bool:
    return os.environ.get("CI") == "true"
