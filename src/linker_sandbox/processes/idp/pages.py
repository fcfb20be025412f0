"""HTML for the sandbox sign-in pages: NHS-looking, plain, readable without JavaScript.

Every value is escaped here; the server passes raw strings. Pages answer in Welsh when
the sign-in request asked for it (``ui_locales=cy-GB``), as Entra ID's own pages may.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

from linker_sandbox.testdata.people import MFA_CODE, PEOPLE, SANDBOX_PASSWORD

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


# The sandbox's own words in Welsh (for ui_locales=cy / cy-GB); anything else is English.
WELSH = {
    "NHSmail sandbox": "Blwch tywod NHSmail",
    "NHSmail sign-in": "Mewngofnodi i NHSmail",
    "Sandbox identity provider for testing Smartcard Linker. Not a real NHS service: never "
    "enter a real password here.": "Darparwr hunaniaeth blwch tywod ar gyfer profi Smartcard "
    "Linker. Nid yw'n wasanaeth GIG go iawn: peidiwch byth â rhoi cyfrinair go iawn yma.",
    "Sign in": "Mewngofnodi",
    "to continue to {app}": "i barhau i {app}",
    "You are signed in as": "Rydych wedi mewngofnodi fel",
    "Continue as this account": "Parhau gyda'r cyfrif hwn",
    "Or use another account": "Neu defnyddiwch gyfrif arall",
    "NHSmail address": "Cyfeiriad NHSmail",
    "Password": "Cyfrinair",
    "Cancel": "Canslo",
    "Verify": "Gwirio",
    "Enter your verification code": "Rhowch eich cod dilysu",
    "Your account {user} needs a second step. Enter the 6-digit code from your "
    "authenticator app.": "Mae angen ail gam ar eich cyfrif {user}. Rhowch y cod 6 digid o'ch "
    "ap dilysu.",
    "Verification code": "Cod dilysu",
    "Sandbox: the code is {code}.": "Blwch tywod: y cod yw {code}.",
    "Returning you to the app…": "Yn mynd â chi'n ôl i'r ap…",
    "Returning to the app": "Yn mynd yn ôl i'r ap",
    "Sign-in stopped": "Daeth y mewngofnodi i ben",
    "Signed in": "Wedi mewngofnodi",
    "Continue": "Parhau",
    "Sign-in cancelled": "Canslwyd y mewngofnodi",
    "You can close this window.": "Gallwch gau'r ffenestr hon.",
    "Your account or password is incorrect. (AADSTS50126)": "Mae eich cyfrif neu'ch cyfrinair "
    "yn anghywir. (AADSTS50126)",
    "That code is not right. Check it and try again.": "Nid yw'r cod hwnnw'n gywir. Gwiriwch "
    "ef a rhowch gynnig arall arni.",
    "Your session has ended. Sign in again.": "Mae eich sesiwn wedi dod i ben. Mewngofnodwch eto.",
    "Your NHSmail account is disabled (AADSTS50057). Contact your Local Administrator.": "Mae "
    "eich cyfrif NHSmail wedi'i analluogi (AADSTS50057). Cysylltwch â'ch Gweinyddwr Lleol.",
    "Sandbox test accounts": "Cyfrifon prawf y blwch tywod",
    "Password for every account:": "Cyfrinair pob cyfrif:",
    "Second-factor code:": "Cod yr ail gam:",
    "Username": "Enw defnyddiwr",
    "Shows": "Yn dangos",
}


def welsh(lang: str) -> bool:
    """Whether a ui_locales value (a space-separated list, first preferred) asks for Welsh."""
    first = lang.split()[0] if lang.split() else ""
    return first.lower().replace("_", "-").split("-")[0] == "cy"


def words(text: str, lang: str = "") -> str:
    return WELSH.get(text, text) if welsh(lang) else text


def _w(text: str, lang: str) -> str:
    return escape(words(text, lang))


def _layout(title: str, body: str, lang: str = "") -> str:
    banner = (
        "Sandbox identity provider for testing Smartcard Linker. Not a real NHS service: never "
        "enter a real password here."
    )
    return (
        f"<!DOCTYPE html><html lang='{'cy' if welsh(lang) else 'en-GB'}'><head>"
        "<meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{escape(title)} – {_w('NHSmail sandbox', lang)}</title>"
        f"<style>{_CSS}</style></head>"
        f"<body><header><span class='logo'>NHS</span><span class='service'>"
        f"{_w('NHSmail sign-in', lang)}</span></header>"
        f"<div class='banner'>{_w(banner, lang)}</div>"
        f"<main>{body}</main></body></html>"
    )


def _hidden(fields: Mapping[str, str]) -> str:
    return "".join(
        f"<input type='hidden' name='{escape(k)}' value='{escape(v)}'>" for k, v in fields.items()
    )


def _people_help(lang: str = "") -> str:
    rows = "".join(
        f"<tr><td><code>{escape(p.username)}</code></td><td>{escape(p.demonstrates)}</td></tr>"
        for p in PEOPLE
    )
    return (
        f"<details><summary>{_w('Sandbox test accounts', lang)}</summary>"
        f"<p>{_w('Password for every account:', lang)} <code>{escape(SANDBOX_PASSWORD)}</code>. "
        f"{_w('Second-factor code:', lang)} <code>{escape(MFA_CODE)}</code>.</p>"
        f"<table><tr><th>{_w('Username', lang)}</th><th>{_w('Shows', lang)}</th></tr>"
        f"{rows}</table></details>"
    )


def login_page(
    action: str,
    ctx: str,
    *,
    username: str = "",
    error: str = "",
    app_name: str = "Smartcard Linker",
    continue_as: str = "",
    lang: str = "",
) -> str:
    """Username + password form; ``continue_as`` offers the browser's signed-in account."""
    err = f"<div class='error' role='alert'>{_w(error, lang)}</div>" if error else ""
    keep = ""
    if continue_as:
        keep = (
            f"<form method='post' action='{escape(action)}' id='continue'>"
            f"{_hidden({'ctx': ctx, 'account': continue_as})}"
            f"<p>{_w('You are signed in as', lang)} <strong>{escape(continue_as)}</strong>.</p>"
            "<div class='buttons'><button class='primary' name='action' "
            "value='continue_session' type='submit'>"
            f"{_w('Continue as this account', lang)}</button>"
            f"</div></form><h2>{_w('Or use another account', lang)}</h2>"
        )
    to_app = escape(words("to continue to {app}", lang).format(app=app_name))
    body = (
        f"<div class='card'><h1>{_w('Sign in', lang)}</h1><p>{to_app}</p>{err}{keep}"
        f"<form method='post' action='{escape(action)}' id='login'>{_hidden({'ctx': ctx})}"
        f"<label for='username'>{_w('NHSmail address', lang)}</label>"
        f"<input type='email' id='username' name='username' value='{escape(username)}' "
        "autocomplete='username' required autofocus>"
        f"<label for='password'>{_w('Password', lang)}</label>"
        "<input type='password' id='password' name='password' autocomplete='current-password'>"
        "<div class='buttons'>"
        "<button class='primary' type='submit' name='action' value='sign_in'>"
        f"{_w('Sign in', lang)}</button>"
        "<button class='secondary' type='submit' name='action' value='cancel' formnovalidate>"
        f"{_w('Cancel', lang)}</button></div></form></div>" + _people_help(lang)
    )
    return _layout(words("Sign in", lang), body, lang)


def mfa_page(action: str, ctx: str, *, username: str, error: str = "", lang: str = "") -> str:
    err = f"<div class='error' role='alert'>{_w(error, lang)}</div>" if error else ""
    step = words(
        "Your account {user} needs a second step. Enter the 6-digit code from your "
        "authenticator app.",
        lang,
    )
    body = (
        f"<div class='card'><h1>{_w('Enter your verification code', lang)}</h1>{err}"
        f"<p>{escape(step).replace('{user}', f'<strong>{escape(username)}</strong>')}</p>"
        f"<form method='post' action='{escape(action)}' id='mfa'>{_hidden({'ctx': ctx})}"
        f"<label for='code'>{_w('Verification code', lang)}</label>"
        "<input type='text' id='code' name='code' inputmode='numeric' "
        "autocomplete='one-time-code' autofocus>"
        f"<p class='hint'>{escape(words('Sandbox: the code is {code}.', lang))}</p>".replace(
            "{code}", escape(MFA_CODE)
        )
        + "<div class='buttons'>"
        "<button class='primary' type='submit' name='action' value='verify'>"
        f"{_w('Verify', lang)}</button>"
        "<button class='secondary' type='submit' name='action' value='cancel'>"
        f"{_w('Cancel', lang)}</button></div></form></div>"
    )
    return _layout(words("Verify", lang), body, lang)


def form_post_page(
    redirect_uri: str, fields: Mapping[str, str], *, message: str = "", lang: str = ""
) -> str:
    """The OAuth form_post response: posts ``fields`` to the app's loopback listener."""
    note = (
        f"<div class='error' role='alert'>{_w(message, lang)}</div>"
        if message
        else f"<p>{_w('Returning you to the app…', lang)}</p>"
    )
    body = (
        f"<div class='card'><h1>{_w('Sign-in stopped' if message else 'Signed in', lang)}</h1>"
        f"{note}"
        f"<form method='post' action='{escape(redirect_uri)}' id='form_post'>{_hidden(fields)}"
        "<div class='buttons'><button class='primary' type='submit'>"
        f"{_w('Continue', lang)}</button>"
        "</div></form></div>"
        "<script>setTimeout(function(){document.getElementById('form_post').submit();},"
        f"{1500 if message else 0});</script>"
    )
    return _layout(words("Returning to the app", lang), body, lang)


def message_page(
    title: str, paragraphs: Iterable[str], *, error: bool = False, lang: str = ""
) -> str:
    text = "".join(f"<p>{escape(words(p, lang))}</p>" for p in paragraphs)
    cls = " class='error'" if error else ""
    title = words(title, lang)
    return _layout(
        title, f"<div class='card'><h1>{escape(title)}</h1><div{cls}>{text}</div></div>", lang
    )


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
