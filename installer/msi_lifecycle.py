"""Silent install, upgrade and uninstall of the MSI on Windows, checked as IT would check them.

Run by the release workflow on a Windows runner (an administrator), never here: it installs
software and writes HKLM. Each step runs ``msiexec`` silently with a verbose log, accepts only
the return codes docs/deployment.md documents (0, 3010, 1641), then checks the files,
shortcuts, registry values, the Add/Remove Programs entry and the installed app itself.

    python installer/msi_lifecycle.py PREVIOUS.msi CURRENT.msi LOG_DIR
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

OK_CODES = {0: "success", 3010: "success, restart required", 1641: "success, restart started"}
APP_KEY = r"SOFTWARE\NHS\SmartcardLinker"
POLICY_KEY = r"SOFTWARE\Policies\NHS\SmartcardLinker"
UNINSTALL_KEY = r"SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall"
PROGRAM_FILES = Path(r"C:\Program Files\Smartcard Linker")
START_MENU = Path(r"C:\ProgramData\Microsoft\Windows\Start Menu\Programs\Smartcard Linker.lnk")
PUBLIC_DESKTOP = Path(r"C:\Users\Public\Desktop\Smartcard Linker.lnk")
DEBUG_EXE = PROGRAM_FILES / "SmartcardLinker-debug.exe"
FIRST_INSTALL = {
    "PORTAL_URL": "https://link.example.test/",
    "CLIENT_ID": "00000000-0000-0000-0000-000000000000",
    "API_SCOPE": "api://link/.default",
    "KIOSK_MODE": "1",
    "KIOSK_IDLE_TIMEOUT_S": "90",
    "DESKTOP_SHORTCUT": "1",
}


def _winreg() -> Any:
    import importlib

    return importlib.import_module("winreg")


def registry_values(key: str) -> dict[str, Any] | None:
    """The values under HKLM\\key, read the way the app reads its own keys."""
    from smartcard_linker.registry import WindowsRegistryReader

    values = WindowsRegistryReader().read(key)
    return None if values is None else dict(values)


def arp_entries() -> list[dict[str, Any]]:
    """Add/Remove Programs entries named Smartcard Linker."""
    winreg = _winreg()
    found = []
    with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, UNINSTALL_KEY) as handle:
        index = 0
        while True:
            try:
                sub = winreg.EnumKey(handle, index)
            except OSError:
                break
            index += 1
            values = registry_values(f"{UNINSTALL_KEY}\\{sub}") or {}
            if values.get("DisplayName") == "Smartcard Linker":
                found.append({"ProductCode": sub, **values})
    return found


def msiexec(action: str, msi: Path, log: Path, **properties: str) -> None:
    args = ["msiexec", action, str(msi), "/qn", "/norestart", "/l*v", str(log)]
    args += [f"{key}={value}" for key, value in properties.items()]
    code = subprocess.run(args, check=False).returncode
    if code not in OK_CODES:
        tail = log.read_text("utf-16", errors="replace")[-4000:] if log.exists() else ""
        raise SystemExit(f"msiexec {action} {msi.name} returned {code}\n{tail}")
    print(f"ok   msiexec {action} {msi.name}: {code} ({OK_CODES[code]})")


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise SystemExit(f"FAIL {what}")
    print(f"ok   {what}")


def app(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(DEBUG_EXE), *args], capture_output=True, text=True, timeout=60, check=False
    )


def check_installed(version: str, *, log_level: str | None) -> None:
    for name in ("SmartcardLinker.exe", "SmartcardLinker-debug.exe", "LICENSE",
                 "THIRD-PARTY-NOTICES.txt"):  # fmt: skip
        expect((PROGRAM_FILES / name).is_file(), f"{name} installed")
    expect(START_MENU.is_file(), "Start-menu shortcut")
    expect(PUBLIC_DESKTOP.is_file(), "desktop shortcut (DESKTOP_SHORTCUT=1, remembered)")
    values = registry_values(APP_KEY) or {}
    expect(values.get("portal_url") == FIRST_INSTALL["PORTAL_URL"], "portal_url in HKLM")
    expect(values.get("kiosk_mode") == 1, "kiosk_mode as REG_DWORD 1")
    expect(values.get("kiosk_idle_timeout_s") == 90, "kiosk_idle_timeout_s as REG_DWORD 90")
    expect(values.get("log_level") == log_level, f"log_level is {log_level}")
    expect("product_name" not in values, "a property not given is not written")
    installer = registry_values(APP_KEY + r"\Installer") or {}
    expect(installer.get("Version") == version, f"detection value Installer\\Version = {version}")
    [entry] = arp_entries()
    expect(entry.get("DisplayVersion") == version, "one Add/Remove Programs entry, this version")
    expect(entry.get("Publisher") == "NHS", "ARP publisher")
    expect(str(entry.get("HelpLink", "")).startswith("https://"), "ARP help link")
    expect(bool(entry.get("DisplayIcon")), "ARP icon")


def check_app(version: str) -> None:
    result = app("--version")
    expect(result.stdout.strip() == f"Smartcard Linker {version}", "installed --version")
    result = app("--print-config")
    expect(result.returncode == 0, "installed --print-config: usable settings (exit 0)")
    expect("<- Windows deployment" in result.stdout, "--print-config names the MSI's layer")
    print(result.stdout)
    if "--diagnose" in app("--help").stdout:
        result = app("--diagnose", "--json")
        json.loads(result.stdout)
        expect(True, f"installed --diagnose --json is JSON (exit {result.returncode})")
    # A bad policy value fails closed: the settings-problem exit code, the policy's value shown.
    from smartcard_linker.exit_codes import EXIT_CONFIG

    winreg = _winreg()
    handle = winreg.CreateKeyEx(winreg.HKEY_LOCAL_MACHINE, POLICY_KEY, 0, winreg.KEY_ALL_ACCESS)
    try:
        with handle:
            winreg.SetValueEx(handle, "portal_url", 0, winreg.REG_SZ, "http://bad.example.test/")
            winreg.SetValueEx(handle, "kiosk_mode", 0, winreg.REG_SZ, "1")
        result = app("--print-config")
    finally:
        winreg.DeleteKeyEx(winreg.HKEY_LOCAL_MACHINE, POLICY_KEY)
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("portal_url "))
    expect(result.returncode == EXIT_CONFIG, f"bad policy: --print-config exits {EXIT_CONFIG}")
    expect("BAD VALUE 'http://bad.example.test/'" in line and "Windows policy" in line,
           "the policy's bad value is the problem, not the MSI's URL")  # fmt: skip
    kiosk = next(ln for ln in result.stdout.splitlines() if ln.startswith("kiosk_mode "))
    expect("True" in kiosk and "[locked by policy]" in kiosk, "REG_SZ '1' policy accepted")


def check_removed() -> None:
    expect(not (PROGRAM_FILES / "SmartcardLinker.exe").exists(), "files removed")
    expect(not START_MENU.exists() and not PUBLIC_DESKTOP.exists(), "shortcuts removed")
    values = registry_values(APP_KEY) or {}
    expect("portal_url" not in values, "deployment values removed")
    expect(arp_entries() == [], "no Add/Remove Programs entry")


def main() -> int:
    previous, current, logs = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
    logs.mkdir(parents=True, exist_ok=True)
    old_version = previous.stem.rsplit("-", 1)[-1]
    new_version = current.stem.rsplit("-", 1)[-1]

    msiexec("/i", previous, logs / "1-install-previous.log", **FIRST_INSTALL)
    check_installed(old_version, log_level=None)

    # The upgrade passes only LOG_LEVEL: every other value, and the desktop shortcut, stay.
    msiexec("/i", current, logs / "2-upgrade.log", LOG_LEVEL="DEBUG")
    check_installed(new_version, log_level="DEBUG")
    check_app(new_version)

    msiexec("/x", current, logs / "3-uninstall.log")
    check_removed()
    print("msi_lifecycle: install, upgrade and uninstall all checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
