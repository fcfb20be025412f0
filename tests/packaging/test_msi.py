"""The MSI IT deploys: settings properties, upgrades, payload, shortcut (built with wixl, read
back with msitools)."""

from __future__ import annotations

import re
import typing
from pathlib import Path

import pytest

import smartcard_linker
from smartcard_linker.config import DEPLOYMENT_KEY, KEYS, POLICY_KEY, Layer, Settings, resolve
from tests.packaging.conftest import INSTALLER, ROOT, BuiltMsi
from tests.packaging.msi import extract, summary, table

# Generated once, never to change: a new one would make upgrades install side by side.
UPGRADE_CODE = "{1C6A4915-7912-451C-917F-39A69D45E9B2}"

# The properties the deployment guide promises IT (docs/deployment.md).
DOCUMENTED_PROPERTIES = {
    "PORTAL_URL", "CLIENT_ID", "API_SCOPE", "AUTHORITY", "KIOSK_MODE", "PRODUCT_NAME",
    "HELPDESK_URL", "HELPDESK_PHONE", "LOCAL_ADMIN_TEXT", "LINK_HOME_URL",
    "NHSMAIL_PORTAL_URL", "PKCS11_MODULES", "EXTRA_CA_FILE", "LOG_LEVEL",
}  # fmt: skip

_TAKE = re.compile(r"^(#?)\[([A-Z0-9_]+)\]$")


def _public_properties(msi: Path) -> dict[str, tuple[str, bool]]:
    """PROPERTY -> (the private Value.* property it feeds, written as REG_DWORD?)."""
    found: dict[str, tuple[str, bool]] = {}
    for row in table(msi, "CustomAction"):
        match = _TAKE.match(row["Target"])
        if row["Action"].startswith("Take.") and match:
            found[match.group(2)] = (row["Source"], match.group(1) == "#")
    return found


def _sequence(msi: Path) -> dict[str, tuple[int, str]]:
    return {
        row["Action"]: (int(row["Sequence"]), row["Condition"])
        for row in table(msi, "InstallExecuteSequence")
    }


def test_every_public_property_writes_a_real_setting_to_the_deployment_key(
    built_msi: BuiltMsi,
) -> None:
    public = _public_properties(built_msi.path)
    registry = table(built_msi.path, "Registry")
    written: dict[str, str] = {}
    for prop, (value_prop, _dword) in public.items():
        rows = [r for r in registry if r["Value"] == f"[{value_prop}]"]
        assert len(rows) == 1, f"{prop}: expected one Registry row, got {rows}"
        row = rows[0]
        assert row["Root"] == "2"  # HKLM
        assert row["Key"] == f"{DEPLOYMENT_KEY}[Park.{prop}]"
        assert row["Name"] in KEYS, f"{prop} writes {row['Name']!r}, not a Settings key"
        assert row["Name"].upper() == prop
        written[prop] = row["Name"]
    assert set(written.values()) == set(KEYS)  # every setting can be deployed
    assert set(public) >= DOCUMENTED_PROPERTIES


def test_an_unset_property_is_parked_outside_the_key_the_app_reads(built_msi: BuiltMsi) -> None:
    """An empty value in the deployment key would hide the machine and user config files."""
    actions = {row["Action"]: row for row in table(built_msi.path, "CustomAction")}
    sequence = _sequence(built_msi.path)
    for prop in _public_properties(built_msi.path):
        park = actions[f"Park.{prop}"]
        assert park["Source"] == f"Park.{prop}"
        assert park["Target"].startswith("\\") and len(park["Target"]) > 1  # a subkey
        assert sequence[f"Park.{prop}"][1] == f"NOT Value.{prop}"


def test_upgrades_keep_values_not_passed_again(built_msi: BuiltMsi) -> None:
    """Remember-property: the previous value is searched, then a command-line value wins."""
    msi = built_msi.path
    searches = {row["Property"]: row["Signature_"] for row in table(msi, "AppSearch")}
    locators = {row["Signature_"]: row for row in table(msi, "RegLocator")}
    actions = {row["Action"]: row for row in table(msi, "CustomAction")}
    sequence = _sequence(msi)
    for prop, (value_prop, _dword) in _public_properties(msi).items():
        key = prop.lower()
        locator = locators[searches[f"Saved.{prop}"]]
        assert locator["Root"] == "2" and locator["Key"] == DEPLOYMENT_KEY
        assert locator["Name"] == key
        assert int(locator["Type"]) == 2 | 16  # raw value, 64-bit registry view
        keep, take = actions[f"Keep.{prop}"], actions[f"Take.{prop}"]
        assert keep["Source"] == take["Source"] == value_prop
        assert keep["Target"] == f"[Saved.{prop}]"
        assert sequence[f"Keep.{prop}"][1] == f"Saved.{prop}"
        assert sequence[f"Take.{prop}"][1] == prop
        order = [
            sequence["AppSearch"][0],
            sequence[f"Keep.{prop}"][0],
            sequence[f"Take.{prop}"][0],
            sequence[f"Park.{prop}"][0],
            sequence["LaunchConditions"][0],
            sequence["WriteRegistryValues"][0],
        ]
        assert order == sorted(order) and len(set(order[:4])) == 4, (prop, order)


def _sample(key: str, tmp_path: Path) -> object:
    hint = typing.get_type_hints(Settings)[key]
    if hint is bool:
        return 1
    if hint is int:
        return 45
    if key == "extra_ca_file":
        pem = tmp_path / "extra-ca.pem"
        pem.write_text("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")
        return str(pem)
    if key == "kiosk_browser":
        program = tmp_path / "msedge.exe"
        program.write_text("")
        program.chmod(0o755)
        return str(program)
    if key == "pkcs11_modules":
        return r"C:\Windows\System32\middleware-a.dll;C:\Program Files\mw\b.dll"
    if key.endswith("nhs_card_issuers"):
        return "CN=NHS Authentication G2,OU=CA,O=nhs,C=GB;CN=Trust Test CA|keyid=0a0b"
    if key == "log_level":
        return "DEBUG"
    if key == "language":
        return "cy"
    if key == "product_name":
        return "NHS.net Connect"
    if key == "authority":
        return "https://login.example.test/tenant"
    if key.endswith("_url"):
        return "https://portal.example.test/"
    return "sample text"


def test_value_types_the_msi_writes_are_accepted_by_the_app(
    built_msi: BuiltMsi, tmp_path: Path
) -> None:
    """REG_DWORD (an int) for booleans and seconds, REG_SZ (a str) for the rest."""
    values: dict[str, object] = {}
    for prop, (_value, dword) in _public_properties(built_msi.path).items():
        key = prop.lower()
        sample = _sample(key, tmp_path)
        assert dword == isinstance(sample, int), f"{prop}: registry type does not fit the setting"
        values[key] = sample
    loaded = resolve([Layer(f"Windows deployment (HKLM\\{DEPLOYMENT_KEY})", values)])
    assert loaded.problems == []
    assert set(loaded.origins.values()) == {f"Windows deployment (HKLM\\{DEPLOYMENT_KEY})"}
    assert loaded.settings.kiosk_mode is True
    assert len(loaded.settings.pkcs11_modules) == 2
    assert len(loaded.settings.nhs_card_issuers) == 2


def test_malformed_numbers_and_booleans_stop_the_install(built_msi: BuiltMsi) -> None:
    conditions = {row["Condition"] for row in table(built_msi.path, "LaunchCondition")}
    for prop, (_value, dword) in _public_properties(built_msi.path).items():
        if dword:
            assert any(c.startswith(f"Installed OR NOT {prop} OR ") for c in conditions), prop


def test_the_msi_never_writes_the_policy_key(built_msi: BuiltMsi) -> None:
    for name in ("Registry", "RemoveRegistry"):
        for row in table(built_msi.path, name):
            assert not row["Key"].lower().startswith(POLICY_KEY.lower()), row
            assert "\\policies" not in row["Key"].lower(), row


def test_upgrade_code_is_fixed_and_major_upgrade_is_on(built_msi: BuiltMsi) -> None:
    wxs = (INSTALLER / "SmartcardLinker.wxs").read_text(encoding="utf-8")
    match = re.search(r'UpgradeCode="([0-9A-F-]{36})"', wxs)
    assert match and "{" + match.group(1) + "}" == UPGRADE_CODE
    properties = {row["Property"]: row["Value"] for row in table(built_msi.path, "Property")}
    assert properties["UpgradeCode"] == UPGRADE_CODE
    upgrade = table(built_msi.path, "Upgrade")
    assert {row["UpgradeCode"] for row in upgrade} == {UPGRADE_CODE}
    older = [r for r in upgrade if r["ActionProperty"] == "WIX_UPGRADE_DETECTED"]
    newer = [r for r in upgrade if r["ActionProperty"] == "WIX_DOWNGRADE_DETECTED"]
    assert older and older[0]["VersionMax"] == smartcard_linker.__version__
    assert newer and newer[0]["VersionMin"] == smartcard_linker.__version__
    conditions = {row["Condition"] for row in table(built_msi.path, "LaunchCondition")}
    assert "NOT WIX_DOWNGRADE_DETECTED" in conditions


def test_an_upgrade_removes_the_old_version_inside_the_install_transaction(
    built_msi: BuiltMsi,
) -> None:
    """afterInstallInitialize: a failed upgrade rolls back to the old version, still installed."""
    sequence = _sequence(built_msi.path)
    remove = sequence["RemoveExistingProducts"][0]
    assert sequence["InstallInitialize"][0] < remove < sequence["InstallFinalize"][0]
    writes = ("InstallFiles", "WriteRegistryValues", "CreateShortcuts", "RemoveFiles")
    assert all(remove < sequence[action][0] for action in writes if action in sequence)


def test_product_version_is_the_app_version_and_a_valid_msi_version(built_msi: BuiltMsi) -> None:
    properties = {row["Property"]: row["Value"] for row in table(built_msi.path, "Property")}
    version = properties["ProductVersion"]
    assert version == smartcard_linker.__version__
    parts = [int(p) for p in version.split(".")]
    assert len(parts) == 3
    assert parts[0] <= 255 and parts[1] <= 255 and parts[2] <= 65535


def test_per_machine_x64_with_embedded_cabinet(built_msi: BuiltMsi) -> None:
    properties = {row["Property"]: row["Value"] for row in table(built_msi.path, "Property")}
    assert properties["ALLUSERS"] == "1"
    assert summary(built_msi.path)["Template"].startswith("x64;")
    components = table(built_msi.path, "Component")
    assert components and all(int(c["Attributes"]) & 256 for c in components)  # 64-bit
    directories = {row["Directory"]: row for row in table(built_msi.path, "Directory")}
    assert directories["INSTALLDIR"]["Directory_Parent"] == "ProgramFiles64Folder"
    media = table(built_msi.path, "Media")
    assert len(media) == 1 and media[0]["Cabinet"].startswith("#")  # '#' = embedded


def test_start_menu_shortcut_starts_the_windowed_exe(built_msi: BuiltMsi) -> None:
    shortcuts = table(built_msi.path, "Shortcut")
    [shortcut] = [s for s in shortcuts if s["Directory_"] == "ProgramMenuFolder"]
    assert shortcut["Name"] == "Smartcard Linker"
    assert shortcut["Target"] == "[INSTALLDIR]SmartcardLinker.exe"
    directories = {row["Directory"]: row for row in table(built_msi.path, "Directory")}
    components = {row["Component"]: row for row in table(built_msi.path, "Component")}
    exe = [f for f in table(built_msi.path, "File") if f["FileName"] == "SmartcardLinker.exe"]
    assert len(exe) == 1
    directory = directories[components[exe[0]["Component_"]]["Directory_"]]
    # wixl-heat puts top-level files in a "." directory under INSTALLDIR
    assert directory["Directory"] == "INSTALLDIR" or (
        directory["Directory_Parent"] == "INSTALLDIR" and directory["DefaultDir"] == "."
    )


def test_payload_round_trips_through_the_msi(built_msi: BuiltMsi, tmp_path: Path) -> None:
    if built_msi.payload is None:  # the release workflow deselects this test (-k)
        pytest.skip("an MSI built elsewhere: its payload is checked by installing it")
    extract(built_msi.path, tmp_path)
    installed = tmp_path / "Smartcard Linker"
    got = {
        p.relative_to(installed).as_posix(): p.read_bytes()
        for p in installed.rglob("*")
        if p.is_file()
    }
    want = {
        p.relative_to(built_msi.payload).as_posix(): p.read_bytes()
        for p in built_msi.payload.rglob("*")  # the licences included
        if p.is_file()
    }
    assert got == want


@pytest.mark.parametrize("script", ["gen_settings_wxs.py", "policy/gen_admx.py"])
def test_generated_installer_sources_are_current(script: str) -> None:
    """Settings.wxi and the ADMX/ADML are generated from Settings; a new setting needs a re-run."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, str(INSTALLER / script), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _properties(msi: Path) -> dict[str, str]:
    return {row["Property"]: row["Value"] for row in table(msi, "Property")}


def test_add_remove_programs_shows_publisher_help_link_and_icon(built_msi: BuiltMsi) -> None:
    properties = _properties(built_msi.path)
    assert properties["Manufacturer"] == "NHS"  # the ARP "Publisher"
    assert properties["ARPHELPLINK"].startswith("https://")
    icons = {row["Name"] for row in table(built_msi.path, "Icon")}
    assert properties["ARPPRODUCTICON"] in icons
    if built_msi.payload is not None:  # msitools can read the stream back
        from tests.packaging.msi import stream

        icon = stream(built_msi.path, f"Icon.{properties['ARPPRODUCTICON']}")
        assert icon == (ROOT / "resources" / "icons" / "smartcard-linker.ico").read_bytes()
    for shortcut in table(built_msi.path, "Shortcut"):
        assert shortcut["Icon_"] == properties["ARPPRODUCTICON"]


def test_every_public_property_is_secure(built_msi: BuiltMsi) -> None:
    """A public property missing here is silently dropped from a managed (/qn) install."""
    secure = set(_properties(built_msi.path)["SecureCustomProperties"].split(";"))
    public = set(_public_properties(built_msi.path)) | {"DESKTOP_SHORTCUT"}
    public |= {row["ActionProperty"] for row in table(built_msi.path, "Upgrade")}
    assert public <= secure, sorted(public - secure)
    assert {p.upper() for p in KEYS} <= secure


def test_language_is_2057_throughout(built_msi: BuiltMsi) -> None:
    assert _properties(built_msi.path)["ProductLanguage"] == "2057"
    assert summary(built_msi.path)["Template"].split(";")[1] == "2057"


def test_desktop_shortcut_is_optional_and_remembered(built_msi: BuiltMsi) -> None:
    """DESKTOP_SHORTCUT=1 raises INSTALLLEVEL above the desktop feature's level before costing."""
    msi = built_msi.path
    features = {row["Feature"]: row for row in table(msi, "Feature")}
    desktop_level = int(features["DesktopShortcut"]["Level"])
    assert int(features["SmartcardLinker"]["Level"]) == 1 < desktop_level
    assert int(_properties(msi).get("INSTALLLEVEL", "1")) < desktop_level
    links = {row["Component_"]: row["Feature_"] for row in table(msi, "FeatureComponents")}
    [desktop] = [s for s in table(msi, "Shortcut") if s["Directory_"] == "DesktopFolder"]
    assert links[desktop["Component_"]] == "DesktopShortcut"
    assert desktop["Target"] == "[INSTALLDIR]SmartcardLinker.exe"
    actions = {row["Action"]: row for row in table(msi, "CustomAction")}
    sequence = _sequence(msi)
    [raise_level] = [a for a in actions.values() if a["Source"] == "INSTALLLEVEL"]
    assert int(raise_level["Target"]) >= desktop_level
    number, condition = sequence[raise_level["Action"]]
    assert condition == 'DESKTOP_SHORTCUT="1"'
    assert number < sequence["CostFinalize"][0]
    keep = actions["Keep.DESKTOP_SHORTCUT"]
    assert keep["Source"] == "DESKTOP_SHORTCUT" and keep["Target"] == "[Saved.DESKTOP_SHORTCUT]"
    assert sequence["AppSearch"][0] < sequence["Keep.DESKTOP_SHORTCUT"][0] < number
    conditions = {row["Condition"] for row in table(msi, "LaunchCondition")}
    assert any(c.startswith("Installed OR NOT DESKTOP_SHORTCUT OR ") for c in conditions)


def test_detection_rule_registry_value_holds_the_version(built_msi: BuiltMsi) -> None:
    """docs/deployment.md: SCCM/Intune detect the install by this value (or UpgradeCode)."""
    rows = [
        r
        for r in table(built_msi.path, "Registry")
        if r["Key"] == DEPLOYMENT_KEY + "\\Installer" and r["Name"] == "Version"
    ]
    assert len(rows) == 1 and rows[0]["Root"] == "2"
    assert rows[0]["Value"] == "[ProductVersion]"


def test_the_windows_harvest_installs_the_same_payload(built_msi: BuiltMsi, tmp_path: Path) -> None:
    """installer/harvest_wxs.py (the WiX build's harvester) built here with wixl: same files."""
    import shutil
    import subprocess
    import sys

    if built_msi.payload is None:  # the release workflow deselects this test (-k)
        pytest.skip("needs the stand-in payload and wixl")
    work = tmp_path / "work"
    work.mkdir()
    shutil.copytree(built_msi.payload, work / "onedir")
    shutil.copy(ROOT / "resources" / "icons" / "smartcard-linker.ico", work / "app.ico")
    subprocess.run(
        [sys.executable, str(INSTALLER / "harvest_wxs.py"), "onedir", "AppFiles.wxs",
         "--var", "var.SourceDir"],
        cwd=work, check=True, capture_output=True,
    )  # fmt: skip
    harvest = (work / "AppFiles.wxs").read_text(encoding="utf-8").replace("\\", "/")
    (work / "AppFiles.wxs").write_text(harvest, encoding="utf-8")  # wixl wants / separators
    subprocess.run(
        ["wixl", "-a", "x64", "-I", str(INSTALLER), "-D", "Version=0.1.0", "-D", "SourceDir=onedir",
         "-D", "IconFile=app.ico", "-D", "Win64=yes", "-o", "h.msi",
         str(INSTALLER / "SmartcardLinker.wxs"), "AppFiles.wxs"],
        cwd=work, check=True, capture_output=True,
    )  # fmt: skip
    extract(work / "h.msi", tmp_path / "out")
    installed = tmp_path / "out" / "Smartcard Linker"
    got = {p.relative_to(installed).as_posix() for p in installed.rglob("*") if p.is_file()}
    want = {p.relative_to(built_msi.payload).as_posix() for p in built_msi.payload.rglob("*")}
    assert got == {w for w in want if (built_msi.payload / w).is_file()}
