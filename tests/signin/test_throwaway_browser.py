"""Kiosk sign-in in a browser the app starts with a throwaway profile, against the real
sandbox provider: the scripted browser runs as its own process, keeps its cookies in the
profile directory it is given (as a browser would), and the provider records whose
session each authorize request brought along."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from linker_sandbox.drivers.browser import write_kiosk_browser
from linker_sandbox.processes.idp import SandboxIdP
from linker_sandbox.testdata.pki import SandboxPKI
from smartcard_linker.signin.errors import SignInCancelled
from smartcard_linker.signin.msal_signin import MsalSignIn
from smartcard_linker.signin.throwaway_browser import ThrowawayBrowser, private_window_flag

MakeSignIn = Callable[..., MsalSignIn]


@pytest.fixture
def program(tmp_path: Path, idp_pki: SandboxPKI) -> tuple[Path, Path]:
    """(browser program, file naming who signs in next)."""
    who = tmp_path / "next-person"
    who.write_text("ready", encoding="utf-8")
    return write_kiosk_browser(tmp_path / "browser", idp_pki.tls_ca_file, who), who


def _ended(browser: ThrowawayBrowser) -> bool:
    return not browser.running and not any(browser.profile_root.iterdir())


def test_next_person_brings_no_session_from_the_last(
    make_signin: MakeSignIn,
    sandbox_idp: SandboxIdP,
    program: tuple[Path, Path],
    tmp_path: Path,
) -> None:
    script, who = program
    browser = ThrowawayBrowser(str(script), profile_root=tmp_path / "profiles")
    kiosk = make_signin(browser.open, kiosk=True, end_browser_session=browser.close)
    before = len(sandbox_idp.authorizations())

    first = kiosk.interactive(threading.Event())
    assert first.account.username == "ready.user@nhs.net"
    assert _ended(browser)  # closed and deleted as soon as the sign-in answered
    assert "ready.user@nhs.net" in sandbox_idp.live_sessions()  # the provider still has it
    kiosk.sign_out()

    who.write_text("mfa", encoding="utf-8")
    second = kiosk.interactive(threading.Event())
    assert second.account.username == "mfa.user@nhs.net"
    kiosk.sign_out()
    assert _ended(browser)

    records = sandbox_idp.authorizations()[before:]
    assert [r.prompt for r in records] == ["login", "login"]
    assert [r.login_hint for r in records] == ["", ""]
    assert not any(r.cookie_sent or r.session_of for r in records)


def test_a_kept_profile_would_carry_the_last_session(
    make_signin: MakeSignIn, sandbox_idp: SandboxIdP, program: tuple[Path, Path], tmp_path: Path
) -> None:
    """What the throwaway profile prevents, and proof that the records would show it."""
    script, _who = program

    class KeepsProfile(ThrowawayBrowser):
        def command(self, program: str, profile: Path, url: str) -> list[str]:
            return super().command(program, tmp_path / "kept-profile", url)

    browser = KeepsProfile(str(script), profile_root=tmp_path / "profiles")

    def kiosk() -> MsalSignIn:
        return make_signin(browser.open, kiosk=True, end_browser_session=browser.close)

    before = len(sandbox_idp.authorizations())
    kiosk().interactive(threading.Event())
    kiosk().interactive(threading.Event())
    second = sandbox_idp.authorizations()[before + 1]
    assert second.cookie_sent and second.session_of == "ready.user@nhs.net"
    assert second.prompt == "login"  # prompt=login alone still signs them in afresh


def test_cancel_closes_the_browser_and_leftovers_are_swept(
    make_signin: MakeSignIn, idp_pki: SandboxPKI, program: tuple[Path, Path], tmp_path: Path
) -> None:
    _script, who = program
    root = tmp_path / "profiles"
    (root / "profile-from-a-crash").mkdir(parents=True)
    (root / "profile-from-a-crash" / "cookies.txt").write_text("x", encoding="utf-8")
    # The person loads the sign-in page and walks away.
    script = write_kiosk_browser(tmp_path / "b", idp_pki.tls_ca_file, who, action="never-finish")
    browser = ThrowawayBrowser(str(script), profile_root=root)
    assert not any(root.iterdir())  # swept when the launcher was built
    kiosk = make_signin(browser.open, kiosk=True, end_browser_session=browser.close)
    cancel = threading.Event()
    watcher = threading.Thread(target=lambda: _cancel_once_open(browser, cancel))
    watcher.start()
    with pytest.raises(SignInCancelled):
        kiosk.interactive(cancel)
    watcher.join()
    assert _ended(browser)


def _cancel_once_open(browser: ThrowawayBrowser, cancel: threading.Event) -> None:
    for _ in range(200):
        if browser.running:
            break
        time.sleep(0.05)
    cancel.set()


def test_private_window_flag_per_browser() -> None:
    assert private_window_flag(r"C:\Program Files\Microsoft\Edge\Application\msedge.exe") == (
        "--inprivate"
    )
    assert private_window_flag("/usr/bin/google-chrome") == "--incognito"
    assert private_window_flag("/usr/bin/chromium") == "--incognito"
    assert private_window_flag("/opt/sandbox/browser") is None


def test_no_browser_program_means_the_address_to_copy(tmp_path: Path) -> None:
    browser = ThrowawayBrowser(str(tmp_path / "missing"), profile_root=tmp_path / "p")
    assert browser.open("https://127.0.0.1:1/authorize") is False
    assert not browser.running and not any((tmp_path / "p").iterdir())
