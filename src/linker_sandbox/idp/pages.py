"""HTML for the sandbox sign-in pages: NHS-looking, plain, readable without JavaScript.

Every value is escaped here; the server passes raw strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

from linker_sandbox.people import MFA_CODE, PEOPLE, SANDBOX_PASSWORD

_CSS = """
* { box-sizing: border-box; }
body { margin: 0; font-family: Arial, "Helvetica Neue", sans-serif; background: #f0f4f5;
       color: #212b32; font-size: 19px; line-height: 1.5; }
header { background: #005eb8; color: #fff; padding: 16px 24px; display: flex;
         align-items: center; gap: 16px; }
header .logo { background: #fff; color: #005eb8; font-weight: 700; font-size: 22px;
               padding: 2px 8px; letter-spacing: -0.5px; }
header .service { font-size: 20px; font-weight: 700; }
.banner { background: #ffeb3b; padding: 8px 24px; font-size: 16px; }
main { max-width: 640px; margin: 32px auto; padding: 0 16px; }
.card { background: #fff; border-bottom: 4px solid #d8dde0; padding: 24px 32px; }
h1 { font-size: 32px; margin: 0 0 16px; }
label { display: block; font-weight: 700; margin: 16px 0 4px; }
input[type=text], input[type=password], input[type=email] {
  width: 100%; font-size: 19px; padding: 8px; border: 2px solid #4c6272; }
input:focus { outline: 4px solid #ffeb3b; }
.buttons { margin-top: 24px; display: flex; gap: 16px; flex-wrap: wrap; }
button { font-size: 19px; padding: 10px 20px; border: 0; cursor: pointer;
         font-weight: 600; }
button.primary { background: #007f3b; color: #fff; box-shadow: 0 4px 0 #00401e; }
button.secondary { background: #4c6272; color: #fff; box-shadow: 0 4px 0 #263139; }
.error { border-left: 8px solid #d5281b; padding: 8px 16px; color: #d5281b;
         font-weight: 700; margin: 16px 0; background: #fff; }
.hint { color: #4c6272; font-size: 16px; }
details { margin-top: 24px; background: #fff; padding: 16px 32px; font-size: 16px; }
table { border-collapse: collapse; width: 100%; }
td, th { text-align: left; border-bottom: 1px solid #d8dde0; padding: 4px 8px 4px 0;
         vertical-align: top; }
code { font-size: 15px; }
"""


def _layout(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(title)} – NHSmail sandbox</title><style>{_CSS}</style></head><body>"
        "<header><span class='logo'>NHS</span><span class='service'>NHSmail sign-in</span>"
        "</header><div class='banner'>Sandbox identity provider for testing Smartcard "
        "Linker. Not a real NHS service: never enter a real password here.</div>"
        f"<main>{body}</main></body></html>"
    )


def _hidden(fields: Mapping[str, str]) -> str:
    return "".join(
        f"<input type='hidden' name='{escape(k)}' value='{escape(v)}'>" for k, v in fields.items()
    )


def _people_help() -> str:
    rows = "".join(
        f"<tr><td><code>{escape(p.username)}</code></td><td>{escape(p.demonstrates)}</td></tr>"
        for p in PEOPLE
    )
    return (
        "<details><summary>Sandbox test accounts</summary>"
        f"<p>Password for every account: <code>{escape(SANDBOX_PASSWORD)}</code>. "
        f"Second-factor code: <code>{escape(MFA_CODE)}</code>.</p>"
        f"<table><tr><th>Username</th><th>Shows</th></tr>{rows}</table></details>"
    )


def login_page(
    action: str,
    ctx: str,
    *,
    username: str = "",
    error: str = "",
    app_name: str = "Smartcard Linker",
    continue_as: str = "",
) -> str:
    """Username + password form; ``continue_as`` offers the browser's signed-in account."""
    err = f"<div class='error' role='alert'>{escape(error)}</div>" if error else ""
    keep = ""
    if continue_as:
        keep = (
            f"<form method='post' action='{escape(action)}' id='continue'>"
            f"{_hidden({'ctx': ctx, 'account': continue_as})}"
            f"<p>You are signed in as <strong>{escape(continue_as)}</strong>.</p>"
            "<div class='buttons'><button class='primary' name='action' "
            "value='continue_session' type='submit'>Continue as this account</button></div>"
            "</form><h2>Or use another account</h2>"
        )
    body = (
        f"<div class='card'><h1>Sign in</h1><p>to continue to {escape(app_name)}</p>{err}{keep}"
        f"<form method='post' action='{escape(action)}' id='login'>{_hidden({'ctx': ctx})}"
        "<label for='username'>NHSmail address</label>"
        f"<input type='email' id='username' name='username' value='{escape(username)}' "
        "autocomplete='username' required autofocus>"
        "<label for='password'>Password</label>"
        "<input type='password' id='password' name='password' autocomplete='current-password'>"
        "<div class='buttons'>"
        "<button class='primary' type='submit' name='action' value='sign_in'>Sign in</button>"
        "<button class='secondary' type='submit' name='action' value='cancel' formnovalidate>"
        "Cancel</button></div></form></div>" + _people_help()
    )
    return _layout("Sign in", body)


def mfa_page(action: str, ctx: str, *, username: str, error: str = "") -> str:
    err = f"<div class='error' role='alert'>{escape(error)}</div>" if error else ""
    body = (
        f"<div class='card'><h1>Enter your verification code</h1>{err}"
        f"<p>Your account <strong>{escape(username)}</strong> needs a second step. Enter the "
        "6-digit code from your authenticator app.</p>"
        f"<form method='post' action='{escape(action)}' id='mfa'>{_hidden({'ctx': ctx})}"
        "<label for='code'>Verification code</label>"
        "<input type='text' id='code' name='code' inputmode='numeric' "
        "autocomplete='one-time-code' autofocus>"
        f"<p class='hint'>Sandbox: the code is {escape(MFA_CODE)}.</p>"
        "<div class='buttons'>"
        "<button class='primary' type='submit' name='action' value='verify'>Verify</button>"
        "<button class='secondary' type='submit' name='action' value='cancel'>Cancel</button>"
        "</div></form></div>"
    )
    return _layout("Verify", body)


def form_post_page(redirect_uri: str, fields: Mapping[str, str], *, message: str = "") -> str:
    """The OAuth form_post response: posts ``fields`` to the app's loopback listener."""
    note = (
        f"<div class='error' role='alert'>{escape(message)}</div>"
        if message
        else "<p>Returning you to the app…</p>"
    )
    body = (
        f"<div class='card'><h1>{'Sign-in stopped' if message else 'Signed in'}</h1>{note}"
        f"<form method='post' action='{escape(redirect_uri)}' id='form_post'>{_hidden(fields)}"
        "<div class='buttons'><button class='primary' type='submit'>Continue</button></div>"
        "</form></div>"
        "<script>setTimeout(function(){document.getElementById('form_post').submit();},"
        f"{1500 if message else 0});</script>"
    )
    return _layout("Returning to the app", body)


def message_page(title: str, paragraphs: Iterable[str], *, error: bool = False) -> str:
    text = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    cls = " class='error'" if error else ""
    return _layout(title, f"<div class='card'><h1>{escape(title)}</h1><div{cls}>{text}</div></div>")


def device_code_page(action: str, *, error: str = "") -> str:
    err = f"<div class='error' role='alert'>{escape(error)}</div>" if error else ""
    body = (
        f"<div class='card'><h1>Enter code</h1>{err}"
        "<p>Enter the code shown by the app on your other device.</p>"
        f"<form method='post' action='{escape(action)}' id='device'>"
        "<label for='user_code'>Code</label>"
        "<input type='text' id='user_code' name='user_code' autofocus>"
        "<div class='buttons'><button class='primary' type='submit'>Next</button></div>"
        "</form></div>"
    )
    return _layout("Enter code", body)
