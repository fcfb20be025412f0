"""Writes the Group Policy admin templates (SmartcardLinker.admx + en-US/SmartcardLinker.adml).

Generated from ``smartcard_linker.config.Settings`` (names, types, field docs) so a policy can
never name a setting the app does not read; tests/packaging checks the files are current.
Every policy writes under HKLM\\SOFTWARE\\Policies\\NHS\\SmartcardLinker, the layer that
locks a setting (see docs/deployment.md); value types match what config.py accepts there:
REG_SZ text, REG_DWORD for booleans and seconds, REG_MULTI_SZ for the lists
(pkcs11_modules, nhs_card_issuers, extra_nhs_card_issuers).
"""

from __future__ import annotations

import sys
import typing
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

from smartcard_linker.config import (
    KEYS,
    POLICY_KEY,
    PRODUCT_NAME_LENGTH,
    SECONDS_RANGE,
    URL_KEYS,
    Settings,
    field_docs,
)
from smartcard_linker.setting_values import LANGUAGES, LOG_LEVELS

HERE = Path(__file__).resolve().parent
ADMX = HERE / "SmartcardLinker.admx"
ADML = HERE / "en-US" / "SmartcardLinker.adml"
NAMESPACE = "NHS.Policies.SmartcardLinker"
REVISION = "1.0"
# The longest text a GPO editor's text box takes (the ADMX schema's default maxLength); the app
# accepts any length for text other than product_name (tests/packaging checks both).
TEXT_MAX_LENGTH = 1023
# Settings offered as a drop-down: value -> its name in the policy editor.
CHOICES: dict[str, dict[str, str]] = {
    "log_level": {level: level.title() for level in LOG_LEVELS},
    "language": {"en-GB": "English (en-GB)", "cy": "Cymraeg / Welsh (cy)"},
}
assert set(CHOICES["language"]) == set(LANGUAGES)


def _item_id(key: str, value: str) -> str:
    return f"{key}_{value}".replace("-", "_")


TITLES = {
    "portal_url": "Link portal URL",
    "authority": "NHSmail sign-in authority",
    "client_id": "Application (client) ID",
    "api_scope": "Portal API scope",
    "pkcs11_modules": "Smartcard middleware (PKCS#11 modules)",
    "nhs_card_issuers": "NHS smartcard issuing CAs",
    "extra_nhs_card_issuers": "Extra smartcard issuing CAs (test PKI)",
    "kiosk_mode": "Shared pre-registration station (kiosk mode)",
    "kiosk_idle_timeout_s": "Kiosk: reset after idle seconds",
    "kiosk_done_timeout_s": "Kiosk: reset seconds after a link is done",
    "kiosk_browser": "Kiosk: browser for sign-in (throwaway profile)",
    "product_name": "Mail service name shown to users",
    "local_admin_text": "Local Administrator contact text",
    "local_admin_text_cy": "Local Administrator contact text in Welsh",
    "language": "Language (English or Welsh)",
    "helpdesk_url": "Helpdesk web page",
    "helpdesk_phone": "Helpdesk phone number",
    "link_home_url": "Link My NHS Accounts home page",
    "nhsmail_portal_url": "NHSmail portal page",
    "self_service_unlock_url": "Smartcard self-service unlock page",
    "log_level": "Log level",
    "extra_ca_file": "Extra trusted CA certificates (PEM file)",
    "signin_timeout_s": "Sign-in timeout (seconds)",
    "pin_pad_timeout_s": "PIN-pad reader timeout (seconds)",
    "remember_sign_in": "Remember the sign-in on personal desktops",
    "machine_settings_only": "Use machine settings only (ignore the user's settings)",
}


def text_length(key: str) -> tuple[int, int]:
    """(min, max) characters the app accepts for a text setting, as the ADMX states them."""
    return PRODUCT_NAME_LENGTH if key == "product_name" else (1, TEXT_MAX_LENGTH)


def rules(key: str) -> str:
    """What the app checks that an ADMX element cannot express (shown in the explain text)."""
    k = kind(key)
    if k == "seconds":
        lo, hi = SECONDS_RANGE
        return f"Allowed: a whole number of seconds from {lo} to {hi}."
    if key in URL_KEYS:
        text = "Allowed: an https:// URL only; an http:// or other URL is refused"
        if key == "authority":
            text += ", and the path must name the tenant (https://host/<tenant>)"
        return text + "."
    if key == "product_name":
        lo, hi = PRODUCT_NAME_LENGTH
        return f"Allowed: {lo} to {hi} characters."
    if key == "extra_ca_file":
        return "Allowed: the full path of a PEM file the app can read."
    if key == "kiosk_browser":
        return "Allowed: the full path of a browser program the app can run."
    return ""


def kind(key: str) -> str:
    """bool | seconds | list | enum | text: decides the ADMX element and registry type."""
    hint = typing.get_type_hints(Settings)[key]
    if hint is bool:
        return "bool"
    if hint is int:
        return "seconds"
    if key in ("pkcs11_modules", "nhs_card_issuers", "extra_nhs_card_issuers"):
        return "list"
    if key in CHOICES:
        return "enum"
    return "text"


def _explain(key: str) -> str:
    doc = field_docs().get(key, "").strip()
    default = getattr(Settings(), key)
    if isinstance(default, tuple):
        default = "; ".join(default) or "(none)"
    elif isinstance(default, bool):
        default = "enabled" if default else "disabled"
    elif default in ("", None):
        default = "(not set)"
    lock = (
        "the installer's properties, the configuration files and the command line cannot change it"
    )
    if kind(key) == "bool":
        effect = (
            f"Enabled: on (1), locked. Disabled: off (0), locked; {lock}.\n"
            "Not configured: the lower layers (installer, files, defaults) decide."
        )
    else:
        effect = (
            f"Enabled: this value is used and locked; {lock}.\n"
            "Not configured or disabled: the lower layers (installer, files, defaults) decide."
        )
    bad = (
        "A value the app refuses is shown as a settings problem and blocks Start; no other "
        "source's value is used instead."
    )
    rule = rules(key)
    rule = f"{rule} {bad}" if rule else bad
    return (
        f"{doc}\n\n{rule}\n\nRegistry: HKLM\\{POLICY_KEY}\\{key}\n"
        f"Built-in default: {default}\n\n{effect}"
    )


def render_admx() -> str:
    a = quoteattr
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- GENERATED by installer/policy/gen_admx.py from smartcard_linker.config.Settings. -->",
        '<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        f' revision="{REVISION}" schemaVersion="1.0"'
        ' xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
        "  <policyNamespaces>",
        f'    <target prefix="smartcardlinker" namespace="{NAMESPACE}"/>',
        '    <using prefix="windows" namespace="Microsoft.Policies.Windows"/>',
        "  </policyNamespaces>",
        f'  <resources minRequiredRevision="{REVISION}"/>',
        "  <supportedOn>",
        "    <definitions>",
        '      <definition name="SUPPORTED_SmartcardLinker"'
        ' displayName="$(string.SUPPORTED_SmartcardLinker)"/>',
        "    </definitions>",
        "  </supportedOn>",
        "  <categories>",
        '    <category name="NHS" displayName="$(string.Category_NHS)"/>',
        '    <category name="SmartcardLinker" displayName="$(string.Category_SmartcardLinker)">',
        '      <parentCategory ref="NHS"/>',
        "    </category>",
        "  </categories>",
        "  <policies>",
    ]
    for key in KEYS:
        k = kind(key)
        head = (
            f'    <policy name={a(key)} class="Machine" displayName="$(string.{key})"'
            f' explainText="$(string.{key}_Explain)" key={a(POLICY_KEY)}'
        )
        if k == "bool":
            out += [
                head + f" valueName={a(key)}>",
                '      <parentCategory ref="SmartcardLinker"/>',
                '      <supportedOn ref="SUPPORTED_SmartcardLinker"/>',
                '      <enabledValue><decimal value="1"/></enabledValue>',
                '      <disabledValue><decimal value="0"/></disabledValue>',
                "    </policy>",
            ]
            continue
        out += [
            head + f' presentation="$(presentation.{key})">',
            '      <parentCategory ref="SmartcardLinker"/>',
            '      <supportedOn ref="SUPPORTED_SmartcardLinker"/>',
            "      <elements>",
        ]
        if k == "seconds":
            lo, hi = SECONDS_RANGE
            out.append(
                f'        <decimal id={a(key)} valueName={a(key)} required="true"'
                f' minValue="{lo}" maxValue="{hi}"/>'
            )
        elif k == "list":
            out.append(f'        <multiText id={a(key)} valueName={a(key)} required="true"/>')
        elif k == "enum":
            out.append(f'        <enum id={a(key)} valueName={a(key)} required="true">')
            for value in CHOICES[key]:
                out += [
                    f'          <item displayName="$(string.{_item_id(key, value)})">',
                    f"            <value><string>{value}</string></value>",
                    "          </item>",
                ]
            out.append("        </enum>")
        else:
            out.append(
                f'        <text id={a(key)} valueName={a(key)} required="true"'
                f' maxLength="{text_length(key)[1]}"/>'
            )
        out += ["      </elements>", "    </policy>"]
    out += ["  </policies>", "</policyDefinitions>", ""]
    return "\n".join(out)


def render_adml() -> str:
    strings = {
        "SUPPORTED_SmartcardLinker": "Smartcard Linker 0.1 and later",
        "Category_NHS": "NHS",
        "Category_SmartcardLinker": "Smartcard Linker",
    }
    for key in KEYS:
        strings[key] = TITLES[key]
        strings[f"{key}_Explain"] = _explain(key)
        if kind(key) == "enum":
            for value, name in CHOICES[key].items():
                strings[_item_id(key, value)] = name
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- GENERATED by installer/policy/gen_admx.py from smartcard_linker.config.Settings. -->",
        '<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        f' revision="{REVISION}" schemaVersion="1.0"'
        ' xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
        "  <displayName>Smartcard Linker</displayName>",
        "  <description>Smartcard Linker settings (locked when set).</description>",
        "  <resources>",
        "    <stringTable>",
    ]
    out += [f'      <string id="{sid}">{escape(text)}</string>' for sid, text in strings.items()]
    out += ["    </stringTable>", "    <presentationTable>"]
    defaults = Settings()
    for key in KEYS:
        k = kind(key)
        if k == "bool":
            continue
        label = escape(TITLES[key] + ":")
        out.append(f'      <presentation id="{key}">')
        if k == "seconds":
            out.append(
                f'        <decimalTextBox refId="{key}" defaultValue="{getattr(defaults, key)}"'
                f' spinStep="10">{label}</decimalTextBox>'
            )
        elif k == "list":
            out.append(f'        <multiTextBox refId="{key}">{label}</multiTextBox>')
        elif k == "enum":
            values = list(CHOICES[key])
            default = getattr(defaults, key)
            index = values.index(default) if default in values else 0
            out.append(
                f'        <dropdownList refId="{key}" defaultItem="{index}"'
                f' noSort="true">{label}</dropdownList>'
            )
        else:
            out += [
                f'        <textBox refId="{key}">',
                f"          <label>{label}</label>",
                "        </textBox>",
            ]
        out.append("      </presentation>")
    out += ["    </presentationTable>", "  </resources>", "</policyDefinitionResources>", ""]
    return "\n".join(out)


def main() -> int:
    wanted = {ADMX: render_admx(), ADML: render_adml()}
    if "--check" in sys.argv:
        stale = [p for p, text in wanted.items() if not p.exists() or p.read_text("utf-8") != text]
        for path in stale:
            print(f"{path} is out of date: run python installer/policy/gen_admx.py")
        return 1 if stale else 0
    for path, text in wanted.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
