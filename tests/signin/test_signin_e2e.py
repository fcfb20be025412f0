"""The app's sign-in module against the real sandbox identity provider, over HTTPS,
with a scripted browser doing what a person does."""

from __future__ import annotations

import socket
import threading
import time
import webbrowser
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
from keyring.backends import fail

from linker_sandbox.drivers.browser import ScriptedBrowser
from linker_sandbox.processes.idp import SANDBOX_API_AUDIENCE, SandboxIdP
from linker_sandbox.testdata.people import SANDBOX_TENANT_ID, person
from linker_sandbox.testdata.pki import SandboxPKI
from smartcard_linker.signin.errors import (
    BrowserUnavailable,
    ProviderError,
    SignInCancelled,
    SignInCancelledAtProvider,
    SignInNetworkError,
    SignInRequired,
    SignInTimedOut,
)
from smartcard_linker.signin.messages import Action, user_message
from smartcard_linker.signin.msal_signin import MsalSignIn

from ..fixtures_idp import BrowserFactory

MakeSignIn = Callable[..., MsalSignIn]


def _claims(token: str, idp: SandboxIdP) -> dict[str, object]:
    """Validate as the portal would: signature from the JWKS, issuer, audience, expiry."""
    key = jwt.PyJWKSet.from_dict(idp.keys.jwks())[idp.keys.kid]
    return jwt.decode(
        token, key, algorithms=["RS256"], audience=SANDBOX_API_AUDIENCE, issuer=idp.issuer
    )


def _redirect_port(browser: ScriptedBrowser) -> int:
    query = parse_qs(urlsplit(browser.visited[0]).query)
    return int(urlsplit(query["redirect_uri"][0]).port or 0)


def _port_closed(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) != 0


def test_ready_person_signs_in_and_token_is_for_them(
    make_signin: MakeSignIn, scripted_browser: BrowserFactory, sandbox_idp: SandboxIdP
) -> None:
    browser = scripted_browser("ready")
    signin = make_signin(browser)
    token = signin.interactive(threading.Event())
    ready = person("ready")
    assert token.account.username == ready.username
    assert token.account.display_name == ready.display_name
    assert token.account.tenant_id == SANDBOX_TENANT_ID
    assert token.account.home_account_id == f"{ready.oid}.{SANDBOX_TENANT_ID}"
    claims = _claims(token.token, sandbox_idp)
    assert claims["oid"] == ready.oid and claims["scp"] == "Link.ReadWrite"
    browser.join()
    assert "signed in" in browser.last_page  # the browser tab tells the person
    assert token.token not in repr(token)
    # The listener is gone once the call returns.
    assert _port_closed(_redirect_port(browser))


def test_mfa_person_passes_second_step(
    make_signin: MakeSignIn, scripted_browser: BrowserFactory
) -> None:
    browser = scripted_browser("mfa")
    token = make_signin(browser).interactive(threading.Event())
    assert token.account.username == person("mfa").username
    assert any(url.endswith("/mfa") for url in browser.visited)


def test_disabled_account_is_explained(
    make_signin: MakeSignIn, scripted_browser: BrowserFactory
) -> None:
    browser = scripted_browser("disabled")
    with pytest.raises(ProviderError) as caught:
        make_signin(browser).interactive(threading.Event())
    assert caught.value.provider_code == "AADSTS50057"
    browser.join()
    message = user_message(caught.value, "NHSmail")
    assert "disabled" in str(message.title) and message.action is Action.CONTACT_ADMIN
    # The provider's page told the person why; the app's tab sends them back to the app.
    assert any("Your NHSmail account is disabled" in page for page in browser.pages)
    assert "Sign-in did not finish" in browser.last_page


def test_cancel_at_provider(make_signin: MakeSignIn, scripted_browser: BrowserFactory) -> None:
    with pytest.raises(SignInCancelledAtProvider) as caught:
        make_signin(scripted_browser("ready", "cancel")).interactive(threading.Event())
    assert user_message(caught.value).action is Action.RETRY


def test_cancel_at_mfa_step(make_signin: MakeSignIn, scripted_browser: BrowserFactory) -> None:
    with pytest.raises(SignInCancelledAtProvider):
        make_signin(scripted_browser("mfa", "cancel-at-mfa")).interactive(threading.Event())


def test_cancel_returns_quickly_and_leaves_nothing_behind(
    make_signin: MakeSignIn, scripted_browser: BrowserFactory
) -> None:
    browser = scripted_browser("ready", "never-finish")
    signin = make_signin(browser, timeout_s=60)
    cancel = threading.Event()
    outcome: list[BaseException] = []

    def worker() -> None:
        try:
            signin.interactive(cancel)
        except BaseException as exc:
            outcome.append(exc)

    before = set(threading.enumerate())
    thread = threading.Thread(target=worker)
    thread.start()
    deadline = time.monotonic() + 10
    while not browser.visited and time.monotonic() < deadline:
        time.sleep(0.02)
    browser.join()
    cancel.set()
    thread.join(30)  # far sooner than the sign-in's own timeout
    assert not thread.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], SignInCancelled)
    assert _port_closed(_redirect_port(browser))
    left = {t for t in set(threading.enumerate()) - before if t.is_alive()}
    assert not left, left


def test_timeout(make_signin: MakeSignIn, scripted_browser: BrowserFactory) -> None:
    browser = scripted_browser("ready", "never-finish")
    started = time.monotonic()
    with pytest.raises(SignInTimedOut) as caught:
        make_signin(browser, timeout_s=0.5).interactive(threading.Event())
    assert time.monotonic() - started >= 0.5  # not before its time
    assert user_message(caught.value).action is Action.RETRY
    browser.join()
    assert _port_closed(_redirect_port(browser))


def test_browser_that_cannot_open_gives_url_to_copy(
    make_signin: MakeSignIn, scripted_browser: BrowserFactory
) -> None:
    signin = make_signin(lambda url: False)
    with pytest.raises(BrowserUnavailable) as caught:
        signin.interactive(threading.Event())
    url = caught.value.url
    assert url.startswith(signin.authority + "/oauth2/v2.0/authorize?")
    assert url in str(user_message(caught.value).text)
    # The person pastes the address into a browser; the app is still listening.
    scripted_browser("ready")(url)
    token = signin.continue_in_browser(threading.Event())
    assert token.account.username == person("ready").username


def test_wrong_ca_is_refused(
    make_signin: MakeSignIn, scripted_browser: BrowserFactory, tmp_path: Path
) -> None:
    other = SandboxPKI.create(tmp_path / "other-pki")
    signin = make_signin(scripted_browser("ready"), extra_ca_file=other.tls_ca_file)
    with pytest.raises(SignInNetworkError) as caught:
        signin.interactive(threading.Event())
    assert caught.value.tls and caught.value.host == "127.0.0.1"
    message = user_message(caught.value)
    assert "127.0.0.1" in str(message.text) and message.action is Action.CHECK_NETWORK


def test_unreachable_provider_names_the_host(
    make_signin: MakeSignIn, scripted_browser: BrowserFactory
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    signin = make_signin(
        scripted_browser("ready"), authority=f"https://127.0.0.1:{port}/{SANDBOX_TENANT_ID}"
    )
    with pytest.raises(SignInNetworkError) as caught:
        signin.interactive(threading.Event())
    assert not caught.value.tls and caught.value.host == "127.0.0.1"


def test_ca_bundle_and_dead_proxy_in_environment_do_not_break_sign_in(
    make_signin: MakeSignIn, scripted_browser: BrowserFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    monkeypatch.setenv("CURL_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    for name in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # nothing listens on the discard port
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    token = make_signin(scripted_browser("ready")).interactive(threading.Event())
    assert token.account.username == person("ready").username


def test_kiosk_next_person_is_not_signed_in_as_the_last(
    make_signin: MakeSignIn, scripted_browser: BrowserFactory, tmp_path: Path
) -> None:
    shared = scripted_browser("ready")  # one browser profile: its SSO cookie persists
    kiosk = make_signin(shared, kiosk=True)
    assert not kiosk.remembers_sign_in
    first = kiosk.interactive(threading.Event())
    assert first.account.username == person("ready").username
    kiosk.sign_out()
    with pytest.raises(SignInRequired):
        kiosk.access_token()
    shared.user = "mismatch"
    second = kiosk.interactive(threading.Event())
    assert second.account.username == person("mismatch").username
    assert not (tmp_path / "cache").exists()  # kiosk: nothing on disk

    # The same browser without prompt=login would have signed the last person in again:
    # this is what the kiosk rule prevents (and shows the cookie really is there).
    personal = make_signin(shared, keyring_backend=fail.Keyring())
    shared.user = "ready"
    assert personal.interactive(threading.Event()).account.username == person("mismatch").username


def test_not_you_use_another_account(
    make_signin: MakeSignIn, scripted_browser: BrowserFactory
) -> None:
    browser = scripted_browser("ready")
    signin = make_signin(browser)
    assert signin.interactive(threading.Event()).account.username == person("ready").username
    browser.user = "mfa"
    token = signin.use_another_account(threading.Event())
    assert token.account.username == person("mfa").username
    browser.join()
    authorize = [url for url in browser.visited if "/authorize?" in url]
    assert "prompt=select_account" in authorize[-1]  # "Not you?" never SSOs straight back


def test_no_protected_store_means_memory_only(
    make_signin: MakeSignIn, scripted_browser: BrowserFactory, tmp_path: Path
) -> None:
    signin = make_signin(scripted_browser("ready"), keyring_backend=fail.Keyring())
    assert not signin.remembers_sign_in
    signin.interactive(threading.Event())
    assert signin.silent() is not None  # still signed in for this run
    assert not (tmp_path / "cache").exists()
    again = make_signin(scripted_browser("ready"), keyring_backend=fail.Keyring())
    assert again.silent() is None


def test_generic_browser_command_returns_at_once(
    make_signin: MakeSignIn, idp_pki: SandboxPKI
) -> None:
    """The $BROWSER stand-in, run the way webbrowser runs $BROWSER (waits for exit)."""
    import sys

    command = [
        sys.executable,
        "-m",
        "linker_sandbox.drivers.browser",
        "--user",
        "ready",
        "--ca",
        str(idp_pki.tls_ca_file),
        "%s",
    ]
    opener = webbrowser.GenericBrowser(command)
    token = make_signin(opener.open).interactive(threading.Event())
    assert token.account.username == person("ready").username
