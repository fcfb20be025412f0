"""NHSmail sign-in with msal: browser sign-in through our own loopback listener, silent
sign-in from the (protected) token cache, and sign-out that leaves nothing behind.

Why our own listener instead of ``acquire_token_interactive``: msal's loop polls
once a second, has no cancel, and waits for a ``$BROWSER`` program to exit. Here
the documented ``initiate_auth_code_flow`` / ``acquire_token_by_auth_code_flow``
pair does the protocol (PKCE, state, nonce) and a one-shot ``form_post`` listener
on 127.0.0.1 runs in the calling thread, checking ``cancel`` every 100 ms.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import logging
import socketserver
import threading
import time
import webbrowser
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import keyring.backend
import msal
import platformdirs
import requests

from smartcard_linker.language import SpokenLanguage, with_ui_locales
from smartcard_linker.net import make_session
from smartcard_linker.signin.cache import (
    CACHE_FILE_NAME,
    CacheStore,
    MemoryCacheStore,
    choose_store,
)
from smartcard_linker.signin.errors import (
    BrowserUnavailable,
    SignInCancelled,
    SignInError,
    SignInRequired,
    SignInTimedOut,
    TokenCacheUnavailable,
)
from smartcard_linker.signin.messages import error_from_exception, error_from_result
from smartcard_linker.signin.model import AccessToken, SignedInAccount
from smartcard_linker.translatable import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

DEFAULT_AUTHORITY = "https://login.microsoftonline.com/nhs.net"
POLL_S = 0.1  # how often the listener looks at the cancel flag
MICROSOFT_HOSTS = frozenset(
    {
        "login.microsoftonline.com",
        "login.microsoft.com",
        "login.windows.net",
        "login.microsoftonline.us",
        "login.partner.microsoftonline.cn",
    }
)

# The page the browser shows once it has posted the answer, in the person's language.
BROWSER_PAGE = "SignInBrowserPage"  # the texts' translation context
_NOT_FINISHED = (
    QT_TRANSLATE_NOOP("SignInBrowserPage", "Sign-in did not finish"),
    QT_TRANSLATE_NOOP("SignInBrowserPage", "Return to Smartcard Linker to see what happened."),
)
_SIGNED_IN = (
    QT_TRANSLATE_NOOP("SignInBrowserPage", "You're signed in"),
    QT_TRANSLATE_NOOP("SignInBrowserPage", "Return to Smartcard Linker. You can close this tab."),
)
_DONE_PAGE = (
    "<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
    "</head><body style='font-family:Arial,sans-serif;margin:48px;font-size:19px'>"
    "<h1>{title}</h1><p>{text}</p></body></html>"
)


def default_cache_path() -> Path:
    return Path(platformdirs.user_data_dir("SmartcardLinker", "NHS")) / CACHE_FILE_NAME


class _Handler(BaseHTTPRequestHandler):
    """Takes the provider's form_post; everything else gets a short page and is ignored."""

    server: _Listener
    timeout = 1.0  # a stalled connection cannot hold the listener (or a cancel) for long

    def log_message(self, format: str, *args: Any) -> None:
        return None  # request lines may carry codes: never logged

    def _reply(self, status: int, title: str, text: str) -> None:
        spoken = self.server.spoken
        body = _DONE_PAGE.format(
            lang=spoken.ui_locales,
            title=html.escape(spoken.translate(BROWSER_PAGE, title)),
            text=html.escape(spoken.translate(BROWSER_PAGE, text)),
        ).encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self._reply(
            404,
            "Smartcard Linker",
            QT_TRANSLATE_NOOP("SignInBrowserPage", "Waiting for sign-in to finish in the browser."),
        )

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if urlsplit(self.path).path != "/" or not 0 < length <= 65536:
            self._reply(
                400,
                "Smartcard Linker",
                QT_TRANSLATE_NOOP("SignInBrowserPage", "This is not a sign-in response."),
            )
            return
        fields = {
            k: v[0] for k, v in parse_qs(self.rfile.read(length).decode("utf-8", "replace")).items()
        }
        if fields.get("state") != self.server.expected_state:
            self._reply(
                400,
                "Smartcard Linker",
                QT_TRANSLATE_NOOP(
                    "SignInBrowserPage", "This response is not for the current sign-in."
                ),
            )
            return
        title, text = self.server.on_response(self.server, fields)
        self._reply(200, title, text)


class _Listener(socketserver.TCPServer):
    """One-shot loopback listener driven from the calling thread (no thread of its own)."""

    allow_reuse_address = False

    def __init__(
        self,
        on_response: Callable[[_Listener, dict[str, str]], tuple[str, str]],
        spoken: SpokenLanguage,
    ) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.on_response = on_response
        self.spoken = spoken
        self.expected_state = ""
        self.flow: dict[str, Any] = {}
        self.result: dict[str, Any] = {}
        self.answered = False
        self.timeout = POLL_S

    @property
    def redirect_uri(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def wait(self, cancel: threading.Event, deadline: float) -> None:
        while not self.answered:
            if cancel.is_set():
                raise SignInCancelled("sign-in was cancelled")
            if time.monotonic() >= deadline:
                raise SignInTimedOut("sign-in was not completed in time")
            self.handle_request()


@dataclass
class _Parked:
    """A sign-in whose browser did not open: its listener waits for a hand-copied URL."""

    listener: _Listener
    flow: dict[str, Any]
    deadline: float


class MsalSignIn:
    """The SignIn port (flow/ports.py) on msal. Blocking calls: run them on a worker."""

    def __init__(
        self,
        *,
        client_id: str,
        api_scope: str,
        authority: str = DEFAULT_AUTHORITY,
        extra_ca_file: str | Path | None = None,
        kiosk: bool = False,
        remember: bool = True,
        cache_path: Path | None = None,
        keyring_backend: keyring.backend.KeyringBackend | None = None,
        open_browser: Callable[[str], bool] = webbrowser.open,
        end_browser_session: Callable[[], None] | None = None,
        timeout_s: float = 300.0,
        domain_hint: str | None = None,
        spoken: SpokenLanguage | None = None,
    ) -> None:
        parts = urlsplit(authority)
        if parts.scheme != "https" or not parts.hostname or parts.path.strip("/") == "":
            raise ValueError("authority must be https://host/<tenant>")
        self.client_id = client_id
        self.api_scope = api_scope
        self.authority = authority.rstrip("/")
        self.authority_host = parts.hostname
        self.kiosk = kiosk
        self.open_browser = open_browser
        # Kiosk: closes the browser the app started and deletes its profile (the
        # provider's cookies live there), after each sign-in and on sign-out.
        self.end_browser_session = end_browser_session
        self.timeout_s = timeout_s
        self.domain_hint = domain_hint
        self.spoken = spoken or SpokenLanguage()
        self._session = make_session(extra_ca_file)
        self._store: CacheStore = choose_store(
            remember=remember and not kiosk,
            cache_path=cache_path or default_cache_path(),
            backend=keyring_backend,
        )
        self._lock = threading.RLock()
        self._cache = msal.SerializableTokenCache()
        self._app: msal.PublicClientApplication | None = None
        self._home_account_id: str | None = None
        self._prompt_next: str | None = None
        self._parked: _Parked | None = None
        self._load_cache()

    # ---- port ----------------------------------------------------------------------

    @property
    def remembers_sign_in(self) -> bool:
        return self._store.persistent

    def interactive(
        self,
        cancel: threading.Event,
        login_hint: str | None = None,
        *,
        prompt: str | None = None,
    ) -> AccessToken:
        """Open the browser at the sign-in page and wait for the answer (or cancel/timeout)."""
        self._drop_parked()
        app = self._client()
        if self.kiosk:
            prompt = "login"  # the shared browser must never sign the last person in
        elif prompt is None:
            prompt = self._prompt_next
        listener: _Listener | None = _Listener(self._redeem, self.spoken)
        assert listener is not None
        try:
            try:
                flow = app.initiate_auth_code_flow(
                    [self.api_scope],
                    redirect_uri=listener.redirect_uri,
                    prompt=prompt,
                    login_hint=login_hint,
                    domain_hint=self.domain_hint,
                    response_mode="form_post",
                )
            except requests.RequestException as exc:
                raise error_from_exception(exc, self.authority_host) from exc
            # msal's initiate_auth_code_flow has no ui_locales: the language goes on the URL.
            flow["auth_uri"] = with_ui_locales(flow["auth_uri"], self.spoken.ui_locales)
            listener.expected_state = flow["state"]
            listener.flow = flow
            deadline = time.monotonic() + self.timeout_s
            if not self._open(flow["auth_uri"]):
                self._parked = _Parked(listener, flow, deadline)
                listener = None  # kept open for the hand-copied URL
                raise BrowserUnavailable(
                    "the web browser could not be opened", url=flow["auth_uri"]
                )
            listener.wait(cancel, deadline)
            result = listener.result
        finally:
            if listener is not None:
                listener.server_close()
                self._end_browser_session()
        return self._finish(result)

    def continue_in_browser(self, cancel: threading.Event) -> AccessToken:
        """After BrowserUnavailable: wait for the person to finish at the copied URL."""
        parked, self._parked = self._parked, None
        if parked is None:
            raise SignInRequired("no sign-in is waiting for the browser")
        try:
            parked.listener.wait(cancel, parked.deadline)
        finally:
            parked.listener.server_close()
        return self._finish(parked.listener.result)

    def silent(self) -> AccessToken | None:
        """A token from the cache, refreshed if needed; None when the person must sign in."""
        with self._lock:
            if next(iter(self._cache.search(msal.TokenCache.CredentialType.ACCOUNT)), None) is None:
                return None  # nothing cached: no need to contact the provider at all
            app = self._client()
            accounts = app.get_accounts()
            if not accounts:
                return None
            account = next(
                (a for a in accounts if a.get("home_account_id") == self._home_account_id),
                accounts[0],
            )
            try:
                result = app.acquire_token_silent_with_error([self.api_scope], account)
            except requests.RequestException as exc:
                raise error_from_exception(exc, self.authority_host) from exc
            self._save_cache()
        if not result:
            return None
        if "access_token" not in result:
            err = error_from_result(result, interactive=False)
            if isinstance(err, SignInRequired):
                return None
            raise err
        return self._token(result, account)

    def access_token(self) -> AccessToken:
        token = self.silent()
        if token is None:
            raise SignInRequired("sign in again")
        return token

    def sign_out(self) -> None:
        """Forget the account: cache (memory, file, keyring key), the msal client object and
        (kiosk) the browser the app started for the sign-in."""
        self._drop_parked()
        self._end_browser_session()
        with self._lock:
            if self._app is not None:
                for account in self._app.get_accounts():
                    self._app.remove_account(account)
            self._store.clear()
            self._cache = msal.SerializableTokenCache()
            self._app = None  # drops every orphaned entry with the old cache
            self._home_account_id = None
            self._prompt_next = "select_account"  # "Not you?": never SSO straight back in

    def use_another_account(self, cancel: threading.Event) -> AccessToken:
        """ "Not you? Use another account": sign out, then a sign-in that asks who."""
        self.sign_out()
        return self.interactive(cancel, prompt="login" if self.kiosk else "select_account")

    def close(self) -> None:
        """On quit: close a parked listener, the kiosk browser and the HTTPS connections."""
        self._drop_parked()
        self._end_browser_session()
        self._session.close()

    # ---- internals -----------------------------------------------------------------

    def _open(self, url: str) -> bool:
        try:
            return bool(self.open_browser(url))
        except Exception as exc:  # webbrowser.Error, OSError from a broken $BROWSER
            log.warning("could not open the browser: %s", type(exc).__name__)
            return False

    def _end_browser_session(self) -> None:
        if self.end_browser_session is None:
            return
        try:
            self.end_browser_session()
        except Exception as exc:  # sign-out and quitting must not fail
            log.warning("could not close the sign-in browser: %s", type(exc).__name__)

    def _drop_parked(self) -> None:
        parked, self._parked = self._parked, None
        if parked is not None:
            parked.listener.server_close()

    def _client(self) -> msal.PublicClientApplication:
        with self._lock:
            if self._app is None:
                try:
                    self._app = msal.PublicClientApplication(
                        self.client_id,
                        authority=self.authority,
                        token_cache=self._cache,
                        http_client=self._session,
                        instance_discovery=None
                        if self.authority_host in MICROSOFT_HOSTS
                        else False,
                    )
                except requests.RequestException as exc:
                    raise error_from_exception(exc, self.authority_host) from exc
                except ValueError as exc:  # discovery answered, but not with a configuration
                    raise SignInError(
                        f"the sign-in service at {self.authority_host} is not set up as expected"
                    ) from exc
            return self._app

    def _redeem(self, listener: _Listener, fields: dict[str, str]) -> tuple[str, str]:
        """Exchange the code while the browser waits, so its page tells the truth."""
        listener.answered = True
        result, flow = listener.result, listener.flow
        try:
            with self._lock:
                answer = self._client().acquire_token_by_auth_code_flow(
                    flow, fields, scopes=[self.api_scope]
                )
                self._save_cache()
        except requests.RequestException as exc:
            result["error"] = error_from_exception(exc, self.authority_host)
            return _NOT_FINISHED
        except ValueError as exc:  # msal's own checks (state, nonce)
            result["error"] = SignInError(f"the sign-in answer was not valid: {exc}")
            return _NOT_FINISHED
        result["answer"] = answer
        if "access_token" in answer:
            return _SIGNED_IN
        return _NOT_FINISHED

    def _finish(self, result: Mapping[str, Any]) -> AccessToken:
        if "error" in result:
            raise result["error"]
        answer: dict[str, Any] = result.get("answer", {})
        if "access_token" not in answer:
            raise error_from_result(answer)
        claims = answer.get("id_token_claims", {})
        home = self._home_id(answer)
        with self._lock:
            self._home_account_id = home
            self._prompt_next = None
        account = {
            "home_account_id": home,
            "username": claims.get("preferred_username", ""),
            "realm": claims.get("tid", ""),
        }
        return self._token(answer, account)

    @staticmethod
    def _home_id(answer: Mapping[str, Any]) -> str:
        claims = answer.get("id_token_claims", {})
        info = answer.get("client_info")
        if isinstance(info, str):
            try:
                data = json.loads(base64.urlsafe_b64decode(info + "=" * (-len(info) % 4)))
                return f"{data['uid']}.{data['utid']}"
            except (ValueError, KeyError, TypeError):
                pass
        return f"{claims.get('oid', '')}.{claims.get('tid', '')}"

    def _token(self, answer: Mapping[str, Any], account: Mapping[str, Any]) -> AccessToken:
        claims = answer.get("id_token_claims") or {}
        expires_in = int(answer.get("expires_in", 0))
        with self._lock:
            self._home_account_id = str(account.get("home_account_id") or "")
        return AccessToken(
            token=str(answer["access_token"]),
            expires_at=dt.datetime.now(dt.UTC) + dt.timedelta(seconds=expires_in),
            account=SignedInAccount(
                home_account_id=str(account.get("home_account_id") or ""),
                username=str(claims.get("preferred_username") or account.get("username") or ""),
                display_name=str(claims.get("name") or ""),
                tenant_id=str(claims.get("tid") or account.get("realm") or ""),
            ),
        )

    def _load_cache(self) -> None:
        data = self._store.load()
        if data:
            self._cache.deserialize(data)

    def _save_cache(self) -> None:
        if not self._cache.has_state_changed:
            return
        try:
            self._store.save(self._cache.serialize())
        except TokenCacheUnavailable:
            log.warning("keyring failed: sign-in will not be remembered")
            self._store = MemoryCacheStore()
        self._cache.has_state_changed = False
