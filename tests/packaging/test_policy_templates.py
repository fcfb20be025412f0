"""Group Policy admin templates: valid XML, every policy a real setting under the policy key,
and the values they write are ones the app accepts (and locks)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from smartcard_linker.config import (
    KEYS,
    POLICY_KEY,
    PRODUCT_NAME_LENGTH,
    SECONDS_RANGE,
    URL_KEYS,
    ConfigProblem,
    Layer,
    resolve,
)
from smartcard_linker.setting_values import LOG_LEVELS
from tests.packaging.conftest import INSTALLER

NS = {"p": "http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions"}
ADMX = INSTALLER / "policy" / "SmartcardLinker.admx"
ADML = INSTALLER / "policy" / "en-US" / "SmartcardLinker.adml"
REQUIRED_POLICIES = {
    "portal_url", "client_id", "api_scope", "authority", "kiosk_mode", "product_name",
    "helpdesk_url", "helpdesk_phone", "local_admin_text", "pkcs11_modules", "extra_ca_file",
    "log_level", "remember_sign_in",
}  # fmt: skip
ELEMENTS = ("text", "multiText", "decimal", "enum", "boolean", "list")


# Our own checked-in files, not untrusted input.
ADMX_ROOT = ET.parse(ADMX).getroot()  # noqa: S314
ADML_ROOT = ET.parse(ADML).getroot()  # noqa: S314


def _policies() -> list[ET.Element]:
    return ADMX_ROOT.findall("p:policies/p:policy", NS)


def _value_names(policy: ET.Element) -> list[str]:
    names = [policy.get("valueName")] if policy.get("valueName") else []
    for tag in ELEMENTS:
        names += [e.get("valueName", "") for e in policy.iterfind(f"p:elements/p:{tag}", NS)]
    return [n for n in names if n]


def test_every_policy_writes_a_real_setting_under_the_policy_key() -> None:
    written: set[str] = set()
    for policy in _policies():
        assert policy.get("class") == "Machine"
        assert policy.get("key") == POLICY_KEY
        names = _value_names(policy)
        assert len(names) == 1, (policy.get("name"), names)
        assert names[0] in KEYS, f"{names[0]!r} is not a Settings key"
        written.add(names[0])
    assert written >= REQUIRED_POLICIES


def test_every_string_and_presentation_the_admx_names_is_in_the_adml() -> None:
    strings = {s.get("id") for s in ADML_ROOT.iterfind(".//p:stringTable/p:string", NS)}
    presentations = {
        p.get("id"): p for p in ADML_ROOT.iterfind(".//p:presentationTable/p:presentation", NS)
    }
    text = ADMX.read_text(encoding="utf-8")
    for ref in re.findall(r"\$\(string\.([^)]+)\)", text):
        assert ref in strings, ref
    for policy in _policies():
        ref = policy.get("presentation")
        element_ids = {
            e.get("id") for tag in ELEMENTS for e in policy.iterfind(f"p:elements/p:{tag}", NS)
        }
        if not ref:
            assert not element_ids, policy.get("name")
            continue
        presentation = presentations[re.fullmatch(r"\$\(presentation\.(.+)\)", ref).group(1)]  # type: ignore[union-attr]
        assert {child.get("refId") for child in presentation} == element_ids


def _registry_value(policy: ET.Element, tmp_path: Path) -> object:
    """What enabling the policy writes: REG_DWORD → int, REG_MULTI_SZ → list, REG_SZ → str."""
    name = policy.get("name", "")
    if policy.find("p:enabledValue/p:decimal", NS) is not None:
        return int(policy.find("p:enabledValue/p:decimal", NS).get("value", ""))  # type: ignore[union-attr]
    element = next(iter(policy.find("p:elements", NS)))  # type: ignore[arg-type]
    tag = element.tag.split("}")[1]
    if tag == "decimal":
        return int(element.get("minValue", "1")) + 59
    if tag == "multiText" and name.endswith("nhs_card_issuers"):
        return ["CN=NHS Authentication G2,OU=CA,O=nhs,C=GB", "CN=Trust Test CA|keyid=0a0b"]
    if tag == "multiText":
        return [r"C:\Program Files\mw\a.dll", r"C:\Windows\System32\b.dll"]
    if tag == "enum":
        return element.find("p:item/p:value/p:string", NS).text  # type: ignore[union-attr]
    if name == "extra_ca_file":
        pem = tmp_path / "ca.pem"
        pem.write_text("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")
        return str(pem)
    if name == "kiosk_browser":
        program = tmp_path / "msedge.exe"
        program.write_text("")
        program.chmod(0o755)
        return str(program)
    if name == "authority":
        return "https://login.example.test/tenant"
    if name.endswith("_url"):
        return "https://portal.example.test/"
    return "NHS.net Connect"


def test_values_the_policies_write_are_accepted_and_locked(tmp_path: Path) -> None:
    values = {policy.get("name", ""): _registry_value(policy, tmp_path) for policy in _policies()}
    layer_name = f"Windows policy (HKLM\\{POLICY_KEY})"
    loaded = resolve(
        [
            Layer(layer_name, values, locks=True),
            Layer("user file", {"portal_url": "https://user.example.test/"}),
        ]
    )
    assert loaded.problems == []
    assert loaded.locked == frozenset(values)
    assert loaded.settings.portal_url == "https://portal.example.test/"  # the policy wins
    assert loaded.settings.kiosk_mode is True
    assert loaded.settings.pkcs11_modules == (
        r"C:\Program Files\mw\a.dll",
        r"C:\Windows\System32\b.dll",
    )


def test_boolean_policies_write_1_and_0_and_log_levels_match_the_app() -> None:
    for policy in _policies():
        enabled = policy.find("p:enabledValue/p:decimal", NS)
        if enabled is not None:
            disabled = policy.find("p:disabledValue/p:decimal", NS)
            assert enabled.get("value") == "1"
            assert disabled is not None and disabled.get("value") == "0"
    enum = ADMX_ROOT.find(".//p:policy[@name='log_level']/p:elements/p:enum", NS)
    assert enum is not None
    levels = [s.text for s in enum.iterfind("p:item/p:value/p:string", NS)]
    assert levels == list(LOG_LEVELS)


def _explain(name: str) -> str:
    node = ADML_ROOT.find(f".//p:stringTable/p:string[@id='{name}_Explain']", NS)
    assert node is not None and node.text
    return node.text


def _refusals(values: dict[str, object]) -> list[ConfigProblem]:
    """The problems the app reports for these policy values (missing required ones aside)."""
    loaded = resolve([Layer(f"Windows policy (HKLM\\{POLICY_KEY})", values, locks=True)])
    return [p for p in loaded.problems if p.source != "effective settings"]


FILE_KEYS = ("extra_ca_file", "kiosk_browser")  # checked against the disk, not by length


def test_admx_limits_are_the_apps_limits() -> None:
    """What a GPO editor lets through, the app accepts; one past the ADMX's limit it refuses."""
    for policy in _policies():
        name = policy.get("name", "")
        decimal = policy.find("p:elements/p:decimal", NS)
        if decimal is not None:
            lo, hi = int(decimal.get("minValue", "")), int(decimal.get("maxValue", ""))
            assert _refusals({name: lo}) == [] == _refusals({name: hi})
            assert _refusals({name: lo - 1}) and _refusals({name: hi + 1})
        text = policy.find("p:elements/p:text", NS)
        if text is not None and name not in URL_KEYS and name not in FILE_KEYS:
            longest = int(text.get("maxLength", "1023"))
            assert _refusals({name: "x" * longest}) == [], name
            if name == "product_name":
                assert longest == PRODUCT_NAME_LENGTH[1]
                assert _refusals({name: "x" * (longest + 1)})


def test_rules_the_admx_cannot_express_are_in_the_explain_text() -> None:
    for name in URL_KEYS:
        assert "https:// URL only" in _explain(name), name
        assert _refusals({name: "http://portal.example.test/x"})
    assert "1 to 40 characters" in _explain("product_name")
    lo, hi = SECONDS_RANGE
    for policy in _policies():
        name = policy.get("name", "")
        if policy.find("p:elements/p:decimal", NS) is not None:
            assert f"from {lo} to {hi}" in _explain(name)
        assert "blocks Start" in _explain(name)


def test_machine_settings_only_is_a_policy() -> None:
    [policy] = [p for p in _policies() if p.get("name") == "machine_settings_only"]
    assert policy.find("p:enabledValue/p:decimal", NS).get("value") == "1"  # type: ignore[union-attr]
    loaded = resolve(
        [
            Layer("Windows policy", {"machine_settings_only": 1}, locks=True),
            Layer("user file", {"product_name": "Mine"}, user=True),
        ]
    )
    assert loaded.machine_only and loaded.settings.product_name == "NHSmail"
