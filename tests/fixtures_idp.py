"""Pytest plugin: a session-wide sandbox identity provider and scripted browsers.

Fixtures: ``idp_pki`` (the sandbox TLS CA), ``sandbox_idp`` (running provider),
``scripted_browser`` (factory: person, action, shared cookie jar), ``file_keyring``
(a real keyring backend in a temp file, for tests only) and ``make_signin``
(factory for the app's MsalSignIn wired to the sandbox).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from keyrings.alt.file import PlaintextKeyring

from linker_sandbox.drivers.browser import Action, ScriptedBrowser
from linker_sandbox.processes.idp import SANDBOX_CLIENT_ID, SandboxIdP
from linker_sandbox.testdata.pki import SandboxPKI
from smartcard_linker.signin.msal_signin import MsalSignIn


@pytest.fixture(scope="session")
def idp_pki(tmp_path_factory: pytest.TempPathFactory) -> SandboxPKI:
    return SandboxPKI.create(tmp_path_factory.mktemp("idp-pki"))


@pytest.fixture(scope="session")
def sandbox_idp(idp_pki: SandboxPKI) -> Iterator[SandboxIdP]:
    idp = SandboxIdP(idp_pki, client_ids=[SANDBOX_CLIENT_ID])
    idp.start()
    yield idp
    idp.stop()


BrowserFactory = Callable[..., ScriptedBrowser]


@pytest.fixture
def scripted_browser(idp_pki: SandboxPKI) -> Iterator[BrowserFactory]:
    """``scripted_browser(user="ready", action="sign-in")`` → a browser with its own cookies."""
    made: list[ScriptedBrowser] = []

    def make(user: str = "ready", action: Action = "sign-in") -> ScriptedBrowser:
        browser = ScriptedBrowser(idp_pki.tls_ca_file, user=user, action=action)
        made.append(browser)
        return browser

    yield make
    for browser in made:
        browser.join(5)


def _test_keyring(path: Path) -> PlaintextKeyring:
    """A real keyring backend (keyrings.alt file) in ``path``: tests only, never the app."""
    backend = PlaintextKeyring()
    backend.file_path = str(path)
    return backend


@pytest.fixture
def file_keyring(tmp_path: Path) -> PlaintextKeyring:
    return _test_keyring(tmp_path / "test-keyring.cfg")


@pytest.fixture
def make_signin(
    sandbox_idp: SandboxIdP, idp_pki: SandboxPKI, tmp_path: Path
) -> Callable[..., MsalSignIn]:
    """``make_signin(browser, **overrides)`` → MsalSignIn pointed at the sandbox provider."""

    def make(open_browser: Callable[[str], bool], **overrides: Any) -> MsalSignIn:
        kwargs: dict[str, Any] = {
            "client_id": SANDBOX_CLIENT_ID,
            "api_scope": sandbox_idp.api_scope,
            "authority": sandbox_idp.authority,
            "extra_ca_file": idp_pki.tls_ca_file,
            "cache_path": tmp_path / "cache" / "token-cache.bin",
            "open_browser": open_browser,
            "timeout_s": 20.0,
        }
        kwargs.update(overrides)
        return MsalSignIn(**kwargs)

    return make
