"""``linker-sandbox self-test``: the whole journey, unattended, against the sandbox.

Starts the sandbox, opens the real app window (offscreen when there is no screen),
signs a test person in with the scripted browser, inserts their virtual card,
types the PIN, confirms, and then checks in the portal's own database that the
link exists between exactly that account and that Care Identity, with the
reference the app showed. Exit 0 only if all of that holds: IT can run it to
prove a machine's smart card stack, Qt and TLS work.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from link_protocol import group_uuid
from linker_sandbox.testdata.people import DEFAULT_PIN, person

if TYPE_CHECKING:  # the Qt and sandbox modules load only once the test runs
    from linker_sandbox.world import SandboxWorld
    from smartcard_linker.ui.pin_dialog import PinDialog

log = logging.getLogger(__name__)


def _say(text: str) -> None:
    print(f"self-test: {text}", flush=True)


def run_self_test(
    sandbox_dir: Path | None = None,
    *,
    person_key: str = "ready",
    screenshots: Path | None = None,
    log_dir: Path | None = None,
) -> int:
    log_file = _app_log(log_dir) if log_dir else None
    try:
        return _run(sandbox_dir, person_key, screenshots)
    finally:
        if log_file is not None:
            for handler in logging.getLogger().handlers:
                handler.flush()
            _say(f"app log: {log_file}")


def _app_log(log_dir: Path) -> Path | None:
    """The app's own log set-up (file, redaction) for the app's loggers, not the sandbox's."""
    from smartcard_linker.logs import setup_logging

    log_file = setup_logging("INFO", log_dir)
    for handler in logging.getLogger().handlers:
        if getattr(handler, "_smartcard_linker", False):
            handler.addFilter(_not_the_sandbox)
    return log_file


def _not_the_sandbox(record: logging.LogRecord) -> bool:
    return not record.name.startswith(("linker_sandbox", "link_portal", "uvicorn"))


def _run(sandbox_dir: Path | None, person_key: str, screenshots: Path | None) -> int:
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    who = person(person_key)
    directory = sandbox_dir or Path(tempfile.mkdtemp(prefix="linker-self-test-"))
    started = time.monotonic()

    from linker_sandbox.world import SandboxWorld

    with SandboxWorld(directory) as world:
        _say(f"sandbox up in {time.monotonic() - started:.1f} s")
        try:
            reference = _walk(world, who.key, screenshots)
        except AssertionError as exc:
            _say(f"FAILED: {exc}")
            return 1
        problem = _verify(world, who.oid, who.care_identity_uuid, reference)
        if problem:
            _say(f"FAILED: {problem}")
            return 1
    _say(
        f"PASSED in {time.monotonic() - started:.1f} s: {who.username} linked to "
        f"{group_uuid(who.care_identity_uuid)}, reference {reference}"
    )
    if screenshots:
        _say(f"screenshots in {screenshots}")
    return 0


def _walk(world: SandboxWorld, person_key: str, screenshots: Path | None) -> str:
    from PySide6.QtWidgets import QApplication

    from linker_sandbox.drivers.browser import ScriptedBrowser
    from linker_sandbox.drivers.wizard_driver import WizardDriver, wait_until
    from smartcard_linker.adapters import build_services
    from smartcard_linker.config import Settings
    from smartcard_linker.ui.app import show_main_window

    assert world.pki is not None
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    browser = ScriptedBrowser(world.pki.tls_ca_file, user=person_key)
    settings = Settings(**world.app_settings())  # type: ignore[arg-type]
    opened: list[str] = []
    services = build_services(settings, open_browser=browser)
    window = show_main_window(app, settings, services, None, open_url=opened.append)
    window.resize(900, 760)
    w = WizardDriver(world, window, person_key, browser, opened, screenshots)
    said = {
        "start": "checking readiness and signing in with the scripted browser",
        "insert-card": "inserting the virtual card",
        "pin": "PIN typed; the card signs the portal's challenge next",
    }

    def at(page: str, dialog: PinDialog | None) -> None:
        if page in said:
            _say(said[page])
        if page != "pin-entered":  # the dialog is closing: nothing to see
            w.shot(page, dialog)

    try:
        reference = w.link_journey(DEFAULT_PIN, at)
        w.click("finishButton")
        wait_until(lambda: not window.isVisible(), 10, "the window to close")
        return reference
    finally:
        window.close()
        window.shutdown()
        browser.join(5)


def _verify(world: SandboxWorld, oid: str, uuid: str, reference: str) -> str | None:
    """Check the portal's database, not the app's word: one active link, the right pair."""
    from link_portal.admin import list_links
    from link_portal.db import make_engine

    engine = make_engine(world.database_url)
    try:
        links = [row for row in list_links(engine) if row["oid"] == oid or row["uuid"] == uuid]
    finally:
        engine.dispose()
    if len(links) != 1:
        return f"expected one link for the account and card, the portal has {len(links)}"
    link = links[0]
    if link["oid"] != oid or link["uuid"] != uuid:
        return f"the portal linked {link['oid']} to {link['uuid']}, not {oid} to {uuid}"
    if link.get("reference") != reference:
        return f"the app showed reference {reference}, the portal has {link.get('reference')}"
    return None
