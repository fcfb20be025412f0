"""Run as a subprocess: time from interpreter start to the first page on screen, and
which heavy modules were imported by then. Prints one JSON line."""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HEAVY = ("msal", "requests", "urllib3", "pkcs11", "smartcard", "cryptography", "keyring")
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def launch() -> dict[str, object]:
    """Run this probe in a fresh process (the test and bench/bench_ui.py both use it)."""
    import subprocess

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PROBE_LAUNCHED_AT=str(time.time()))
    done = subprocess.run(
        [sys.executable, "-m", "testkit.startup_probe"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    started = time.perf_counter()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from smartcard_linker.adapters import LazyServices
    from smartcard_linker.config import Settings
    from smartcard_linker.ui.app import show_main_window

    app = QApplication(sys.argv)

    def never() -> object:
        raise RuntimeError("not built in this probe")

    services = LazyServices(
        card_monitor=never,  # type: ignore[arg-type]
        card_access=never,  # type: ignore[arg-type]
        sign_in=never,  # type: ignore[arg-type]
        portal=never,  # type: ignore[arg-type]
    )
    settings = Settings(portal_url="https://portal.test/", client_id="c", api_scope="s")
    window = show_main_window(app, settings, services, None, theme="light", start_checks=False)
    result: dict[str, object] = {}

    def painted() -> None:
        result["first_page_s"] = round(time.perf_counter() - started, 3)
        launched = os.environ.get("PROBE_LAUNCHED_AT")
        if launched:  # wall clock from the parent's spawn, interpreter start included
            result["from_spawn_s"] = round(time.time() - float(launched), 3)
        result["heavy_imported"] = [m for m in HEAVY if m in sys.modules]
        current = window.stack.currentWidget()
        result["page"] = current.objectName() if current is not None else ""
        window.close()
        app.quit()

    QTimer.singleShot(0, painted)
    app.exec()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
