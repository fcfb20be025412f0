"""A scripted browser: signs a sandbox person in exactly as a person would, over HTTPS.

It GETs the authorize URL, fills the sign-in form (and the MFA step), and follows
the provider's form_post back to the app's loopback listener, keeping cookies like
a real browser. Use it as the app's injectable ``open_browser`` callable (it works
on a background thread and returns True at once) or as a ``$BROWSER`` stand-in::

    BROWSER="python -m linker_sandbox.drivers.browser --user ready --ca tls-ca.pem %s"

Actions: ``sign-in`` (default), ``cancel`` (press Cancel at the provider),
``cancel-at-mfa``, ``never-finish`` (load the page and walk away).

As the kiosk's throwaway browser (``kiosk_browser``) it takes Chromium's
``--user-data-dir=DIR`` and keeps its cookies there, session cookies included (as a
browser that restores its last session does), so a profile that survived one person
would carry their sign-in to the next. ``--user-file`` names who signs in (read when
the URL is visited), ``--keep-open`` stays running like a browser window until closed.
"""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookiejar import MozillaCookieJar
from pathlib import Path
from typing import Literal

import requests

from linker_sandbox.testdata.people import MFA_CODE, SANDBOX_PASSWORD, person
from smartcard_linker.net import make_session

Action = Literal["sign-in", "cancel", "cancel-at-mfa", "never-finish"]
ACTIONS: tuple[Action, ...] = ("sign-in", "cancel", "cancel-at-mfa", "never-finish")
CA_ENV = "LINKER_SANDBOX_CA_FILE"
COOKIE_FILE = "cookies.txt"  # in the profile directory


@dataclass
class Form:
    id: str
    action: str
    fields: dict[str, str] = field(default_factory=dict)
    buttons: list[tuple[str, str]] = field(default_factory=list)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._current: Form | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._current = Form(a.get("id", ""), a.get("action", ""))
            self.forms.append(self._current)
        elif self._current is not None and tag == "input" and a.get("name"):
            self._current.fields[a["name"]] = a.get("value", "")
        elif self._current is not None and tag == "button" and a.get("name"):
            self._current.buttons.append((a["name"], a.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None


def parse_forms(html: str) -> dict[str, Form]:
    parser = _FormParser()
    parser.feed(html)
    return {f.id: f for f in parser.forms}


def resolve_username(user: str) -> str:
    return user if "@" in user else person(user).username


@dataclass
class ScriptedBrowser:
    """One browser profile (cookie jar) that signs ``user`` in when handed a URL."""

    ca_file: str | Path | None
    user: str = "ready"
    action: Action = "sign-in"
    password: str = SANDBOX_PASSWORD
    mfa_code: str = MFA_CODE
    visited: list[str] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    last_page: str = ""
    pages: list[str] = field(default_factory=list)  # every page text, in order
    profile_dir: Path | None = None  # cookies kept on disk here (a browser profile)
    cookies_at_start: int = 0  # how many cookies the profile held before the first page
    _threads: list[threading.Thread] = field(default_factory=list)
    _session: requests.Session | None = None

    @property
    def session(self) -> requests.Session:
        if self._session is None:
            self._session = make_session(self.ca_file)
            if self.profile_dir is not None:
                jar = MozillaCookieJar(str(self.profile_dir / COOKIE_FILE))
                if Path(jar.filename or "").exists():
                    jar.load(ignore_discard=True, ignore_expires=True)
                self.cookies_at_start = len(jar)
                self._session.cookies = jar  # type: ignore[assignment]
        return self._session

    def _save_cookies(self) -> None:
        jar = self.session.cookies
        if self.profile_dir is not None and isinstance(jar, MozillaCookieJar):
            self.profile_dir.mkdir(parents=True, exist_ok=True)
            jar.save(ignore_discard=True, ignore_expires=True)

    def __call__(self, url: str) -> bool:
        """``open_browser`` contract: start in the background, say it opened."""
        thread = threading.Thread(target=self._visit_logged, args=(url,), daemon=True)
        self._threads.append(thread)
        thread.start()
        return True

    def _visit_logged(self, url: str) -> None:
        try:
            self.visit(url)
        except BaseException as exc:  # kept for the test to assert on
            self.errors.append(exc)

    def join(self, timeout: float = 10.0) -> None:
        for thread in self._threads:
            thread.join(timeout)

    def _page(self, response: requests.Response) -> dict[str, Form]:
        self._save_cookies()
        self.visited.append(response.url)
        self.last_page = response.text
        self.pages.append(response.text)
        return parse_forms(response.text)

    def visit(self, url: str) -> None:
        """Do the whole sign-in synchronously (what ``__call__`` runs on its thread)."""
        forms = self._page(self.session.get(url))
        if self.action == "never-finish":
            return
        username = resolve_username(self.user)
        for _ in range(10):
            if "form_post" in forms:
                form = forms["form_post"]
                self.last_page = self.session.post(form.action, data=form.fields).text
                self.pages.append(self.last_page)
                self.visited.append(form.action)
                return
            if "continue" in forms and forms["continue"].fields.get("account", "").lower() == (
                username.lower()
            ):
                form = forms["continue"]
                data = {**form.fields, "action": "continue_session"}
            elif "login" in forms:
                form = forms["login"]
                data = {**form.fields, "username": username, "password": self.password}
                data["action"] = "cancel" if self.action == "cancel" else "sign_in"
            elif "mfa" in forms:
                form = forms["mfa"]
                data = {**form.fields, "code": self.mfa_code}
                data["action"] = "cancel" if self.action == "cancel-at-mfa" else "verify"
            else:
                return  # an error or message page: a person would stop here too
            forms = self._page(self.session.post(form.action, data=data))
        raise RuntimeError("sign-in did not finish within 10 pages")


def write_kiosk_browser(
    script: Path,
    ca_file: str | Path,
    user_file: Path,
    log_file: Path | None = None,
    action: Action = "sign-in",
) -> Path:
    """Write a ``kiosk_browser`` program: this browser as a process that keeps its cookies
    in the profile the app gives it, signs in whoever ``user_file`` names and stays open
    until the app closes it (POSIX shell script)."""
    command = [
        sys.executable,
        "-m",
        "linker_sandbox.drivers.browser",
        "--foreground",
        "--keep-open",
        "--ca",
        str(ca_file),
        "--user-file",
        str(user_file),
        "--action",
        action,
    ]
    if log_file is not None:
        command += ["--log", str(log_file)]
    script.write_text(f'#!/bin/sh\nexec {shlex.join(command)} "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    return script


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("url")
    parser.add_argument("--user", default="ready", help="sandbox person key or username")
    parser.add_argument("--action", choices=ACTIONS, default="sign-in")
    parser.add_argument("--ca", default=os.environ.get(CA_ENV), help=f"TLS CA file (${CA_ENV})")
    parser.add_argument("--log", help="append what happened to this file")
    parser.add_argument("--foreground", action="store_true", help="do not detach")
    parser.add_argument("--user-data-dir", type=Path, help="profile directory (keeps cookies)")
    parser.add_argument("--user-file", type=Path, help="read the person key from this file")
    parser.add_argument("--keep-open", action="store_true", help="run until closed")
    # A kiosk starts its browser with Chromium flags (--no-first-run, ...): ignore them.
    args, _chromium_flags = parser.parse_known_args(argv)
    if args.user_file is not None:
        args.user = args.user_file.read_text(encoding="utf-8").strip()
    if not args.foreground:
        # $BROWSER programs must return at once: webbrowser waits for them to exit.
        command = [
            sys.executable,
            "-m",
            "linker_sandbox.drivers.browser",
            "--foreground",
            "--user",
            args.user,
            "--action",
            args.action,
            args.url,
        ]
        if args.ca:
            command += ["--ca", args.ca]
        if args.log:
            command += ["--log", args.log]
        subprocess.Popen(
            command,
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return 0
    browser = ScriptedBrowser(
        args.ca, user=args.user, action=args.action, profile_dir=args.user_data_dir
    )
    status = 0
    try:
        browser.visit(args.url)
        outcome = "done"
    except Exception as exc:
        outcome, status = f"failed: {type(exc).__name__}: {exc}", 1
    if args.log:
        with open(args.log, "a", encoding="utf-8") as log:
            log.write(
                f"{args.user} {args.action}: {outcome}; pages: {len(browser.visited)}; "
                f"cookies at start: {browser.cookies_at_start}\n"
            )
    while args.keep_open:  # a browser window stays until someone closes it
        time.sleep(3600)
    return status


if __name__ == "__main__":
    sys.exit(main())
