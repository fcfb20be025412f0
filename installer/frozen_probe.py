"""Frozen import probe (never shipped): imports what the app loads lazily, then exits 0 or 1.

--version and --print-config touch only argparse and the config module; the card,
sign-in and portal modules load later, so a missing hidden import would only show
once a user inserts a card. This probe, frozen with the app's exact spec, finds it now.
"""

import importlib
import pkgutil
import sys

failures: list[str] = []


def need(module: str) -> None:
    try:
        importlib.import_module(module)
    except Exception as exc:  # report every failure, not just the first
        failures.append(f"{module}: {type(exc).__name__}: {exc}")


import smartcard_linker  # noqa: E402

for info in pkgutil.walk_packages(smartcard_linker.__path__, "smartcard_linker."):
    need(info.name)
for module in (
    "smartcard.scard._scard",
    "smartcard.System",
    "smartcard.CardMonitoring",
    "pkcs11",
    "keyring",
    "msal",
    "truststore",
    "requests",
    "cryptography.fernet",
    "platformdirs",
    "link_protocol",
    "PySide6.QtWidgets",
):
    need(module)

import keyring.backend  # noqa: E402

viable = sorted(type(b).__module__ for b in keyring.backend.get_all_keyring())
# Every backend class registered (entry points loaded), viable on this machine or not.
registered: set[type] = getattr(keyring.backend.KeyringBackend, "_classes", set())
backends = sorted({cls.__module__ for cls in registered})
print("keyring backends registered:", ", ".join(backends) or "(none)")
print("keyring backends viable here:", ", ".join(viable) or "(none)")
wanted = "keyring.backends.Windows" if sys.platform == "win32" else "keyring.backends.SecretService"
if sys.platform != "darwin" and wanted not in backends:
    failures.append(f"keyring backend {wanted} not discovered (entry-point metadata missing?)")

# Package data (stylesheet, themes) read the way the app reads it: importlib.resources.
try:
    from smartcard_linker.ui import style

    for theme in style.themes():
        if not style.stylesheet(theme).strip():
            failures.append(f"stylesheet for theme {theme!r} is empty")
    print(f"stylesheet themes loaded: {', '.join(style.themes())}")
except Exception as exc:
    failures.append(f"package data: {type(exc).__name__}: {exc}")

# The Welsh catalogue ships and translates (compiled from the .ts by scripts/build_app.sh).
try:
    from PySide6.QtCore import QTranslator

    from smartcard_linker.ui.i18n import qm_path

    welsh = QTranslator()
    if not welsh.load(qm_path("cy")):
        failures.append(f"translations: {qm_path('cy')} is missing or unreadable")
    elif welsh.translate("StartPage", "Start now") != "Dechrau nawr":
        failures.append("translations: the Welsh catalogue does not translate 'Start now'")
    else:
        print("translations loaded: cy")
except Exception as exc:
    failures.append(f"translations: {type(exc).__name__}: {exc}")

for forbidden in ("link_portal", "linker_sandbox", "keyrings"):
    if importlib.util.find_spec(forbidden) is not None:
        failures.append(f"{forbidden} is in the frozen app and must not be")

modules = sum(1 for name in sys.modules if name.startswith("smartcard_linker"))
print(f"smartcard_linker modules imported: {modules}")
for failure in failures:
    print("FAIL", failure)
print("probe:", "FAILED" if failures else "ok")
sys.exit(1 if failures else 0)
