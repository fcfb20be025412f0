"""The token cache: remembered across processes only when protected, never in plaintext,
and gone after sign-out."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from keyring.backends import fail
from keyrings.alt.file import PlaintextKeyring

from linker_sandbox.processes.idp import SANDBOX_CLIENT_ID, SandboxIdP
from linker_sandbox.testdata.people import person
from linker_sandbox.testdata.pki import SandboxPKI
from smartcard_linker.net import make_session
from smartcard_linker.signin.cache import (
    KEYRING_KEY_NAME,
    KEYRING_SERVICE,
    choose_store,
    usable_backend,
)
from smartcard_linker.signin.errors import SignInRequired
from smartcard_linker.signin.msal_signin import MsalSignIn

from ..fixtures_idp import BrowserFactory

MakeSignIn = Callable[..., MsalSignIn]

_CHILD = """
import json, sys, time
started = time.perf_counter()
from keyrings.alt.file import PlaintextKeyring
from smartcard_linker.signin.msal_signin import MsalSignIn
from pathlib import Path
cfg = json.loads(sys.argv[1])
cfg["cache_path"] = Path(cfg["cache_path"])
backend = PlaintextKeyring()
backend.file_path = cfg.pop("keyring_file")
loaded = time.perf_counter()
signin = MsalSignIn(keyring_backend=backend, open_browser=lambda url: False, **cfg)
token = signin.silent()
print(json.dumps({"username": token.account.username if token else None,
                  "remembers": signin.remembers_sign_in,
                  "silent_ms": (time.perf_counter() - loaded) * 1000}))
"""


def _silent_in_new_process(
    signin: MsalSignIn, cache_file: Path, keyring_file: Path, ca: Path
) -> dict[str, object]:
    """A fresh process (the app started again) that only tries a silent sign-in."""
    cfg = {
        "client_id": signin.client_id,
        "api_scope": signin.api_scope,
        "authority": signin.authority,
        "extra_ca_file": str(ca),
        "cache_path": str(cache_file),
        "keyring_file": str(keyring_file),
    }
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, json.dumps(cfg)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _secrets_of(idp: SandboxIdP, access_token: str) -> list[str]:
    with idp.state.lock:
        refresh = list(idp.state.refresh_tokens)
    return [access_token, *refresh, access_token.split(".")[1]]


def _files_containing(root: Path, needles: list[str]) -> list[Path]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if any(n.encode() in data for n in needles):
                found.append(path)
    return found


def test_sign_in_remembered_in_new_process_and_forgotten_after_sign_out(
    make_signin: MakeSignIn,
    scripted_browser: BrowserFactory,
    sandbox_idp: SandboxIdP,
    idp_pki: SandboxPKI,
    file_keyring: PlaintextKeyring,
    tmp_path: Path,
) -> None:
    signin = make_signin(scripted_browser("ready"), keyring_backend=file_keyring)
    assert signin.remembers_sign_in
    token = signin.interactive(threading.Event())
    cache_file = tmp_path / "cache" / "token-cache.bin"
    assert cache_file.exists()
    needles = [*_secrets_of(sandbox_idp, token.token), person("ready").username]
    assert _files_containing(tmp_path, needles) == []  # nothing readable on disk
    assert file_keyring.get_password(KEYRING_SERVICE, KEYRING_KEY_NAME)

    child = _silent_in_new_process(
        signin, cache_file, Path(file_keyring.file_path), idp_pki.tls_ca_file
    )
    assert child["username"] == person("ready").username and child["remembers"] is True

    signin.sign_out()
    assert not cache_file.exists()
    assert file_keyring.get_password(KEYRING_SERVICE, KEYRING_KEY_NAME) is None
    assert _files_containing(tmp_path, needles) == []
    with pytest.raises(SignInRequired):
        signin.access_token()
    child = _silent_in_new_process(
        signin, cache_file, Path(file_keyring.file_path), idp_pki.tls_ca_file
    )
    assert child["username"] is None


def test_unreadable_cache_starts_signed_out(
    make_signin: MakeSignIn,
    scripted_browser: BrowserFactory,
    file_keyring: PlaintextKeyring,
    tmp_path: Path,
) -> None:
    signin = make_signin(scripted_browser("ready"), keyring_backend=file_keyring)
    signin.interactive(threading.Event())
    cache_file = tmp_path / "cache" / "token-cache.bin"
    cache_file.write_bytes(b"not what we wrote")
    again = make_signin(scripted_browser("ready"), keyring_backend=file_keyring)
    assert again.silent() is None
    assert not cache_file.exists()


def test_no_keyring_on_the_machine_means_memory_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """What CI and a desktop without a Secret Service get: keyring's fail backend."""
    import keyring

    monkeypatch.setattr(keyring, "get_keyring", fail.Keyring)
    store = choose_store(remember=True, cache_path=tmp_path / "c.bin")
    assert not store.persistent
    store.save("token material")
    assert list(tmp_path.iterdir()) == []


def test_which_keyrings_protect_the_cache() -> None:
    plain = PlaintextKeyring()
    assert usable_backend(plain, explicit=False) is None  # never chosen automatically
    assert usable_backend(plain, explicit=True) is plain  # tests configure it on purpose
    assert usable_backend(fail.Keyring(), explicit=True) is None


@pytest.fixture
def short_lived_idp(idp_pki: SandboxPKI) -> Iterator[SandboxIdP]:
    """Access tokens that msal considers due for refresh at once (under 5 minutes)."""
    idp = SandboxIdP(idp_pki, client_ids=[SANDBOX_CLIENT_ID], access_token_lifetime_s=120)
    idp.start()
    yield idp
    idp.stop()


def test_silent_refreshes_with_rotating_refresh_tokens(
    make_signin: MakeSignIn,
    scripted_browser: BrowserFactory,
    short_lived_idp: SandboxIdP,
    idp_pki: SandboxPKI,
) -> None:
    idp = short_lived_idp
    signin = make_signin(
        scripted_browser("ready"), authority=idp.authority, api_scope=idp.api_scope
    )
    first = signin.interactive(threading.Event())
    with idp.state.lock:
        (old_refresh,) = idp.state.refresh_tokens
    refreshed = signin.silent()
    assert refreshed is not None and refreshed.token != first.token
    assert idp.state.counters.get("token:refresh_token") == 1
    # Rotation: the refresh token msal used is spent.
    answer = make_session(idp_pki.tls_ca_file).post(
        idp.authority + "/oauth2/v2.0/token",
        data={
            "grant_type": "refresh_token",
            "refresh_token": old_refresh,
            "client_id": SANDBOX_CLIENT_ID,
            "scope": idp.api_scope,
        },
    )
    assert answer.status_code == 400 and answer.json()["error"] == "invalid_grant"
    # Revoked at the provider: the person must sign in again.
    assert idp.revoke_refresh_tokens(person("ready").username) == 1
    assert signin.silent() is None
    with pytest.raises(SignInRequired):
        signin.access_token()
