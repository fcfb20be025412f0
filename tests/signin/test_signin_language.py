"""The sign-in request carries the person's language (ui_locales), and the sandbox identity
provider's pages answer in Welsh when asked, as Entra ID's may (docs/translating.md)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

from linker_sandbox.processes.idp.pages import WELSH
from linker_sandbox.testdata.people import person
from smartcard_linker.language import SpokenLanguage
from smartcard_linker.signin.msal_signin import MsalSignIn

from ..fixtures_idp import BrowserFactory

MakeSignIn = Callable[..., MsalSignIn]


class _Text(HTMLParser):
    """The words a person reads on a page (no script, no style, no attribute values)."""

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._skip and data.strip():
            self.chunks.append(data.strip())


def _words(page: str) -> list[str]:
    parser = _Text()
    parser.feed(page)
    return parser.chunks


def test_welsh_sign_in_asks_for_cy_gb_and_every_sandbox_page_is_welsh(
    make_signin: MakeSignIn, scripted_browser: BrowserFactory
) -> None:
    browser = scripted_browser("mfa")
    spoken = SpokenLanguage("cy")
    token = make_signin(browser, spoken=spoken).interactive(threading.Event())
    assert token.account.username == person("mfa").username
    browser.join()
    query = parse_qs(urlsplit(browser.visited[0]).query)
    assert query["ui_locales"] == ["cy-GB"]
    login, mfa, post_back = browser.pages[:3]
    assert "<html lang='cy'>" in login and "Mewngofnodi" in login
    assert "Rhowch eich cod dilysu" in mfa
    english = set(WELSH)
    for page in (login, mfa, post_back):
        left = [w for w in _words(page) if w in english and WELSH[w] != w]
        assert left == [], left
    # the browser tab the app's own listener answers with names its language too
    assert "lang='cy-GB'" in browser.pages[-1]


def test_english_stays_the_default_and_switching_applies_to_the_next_sign_in(
    make_signin: MakeSignIn, scripted_browser: BrowserFactory
) -> None:
    spoken = SpokenLanguage()
    english = scripted_browser("ready")
    signin = make_signin(english, spoken=spoken)
    signin.interactive(threading.Event())
    english.join()
    assert parse_qs(urlsplit(english.visited[0]).query)["ui_locales"] == ["en-GB"]
    assert "<html lang='en-GB'>" in english.pages[0] and "Password" in english.pages[0]
    spoken.code = "cy"  # the person switched language on the start page
    welsh = scripted_browser("ready")
    signin.open_browser = welsh
    signin.interactive(threading.Event(), prompt="login")
    welsh.join()
    assert parse_qs(urlsplit(welsh.visited[0]).query)["ui_locales"] == ["cy-GB"]
    assert "Cyfrinair" in welsh.pages[0]
