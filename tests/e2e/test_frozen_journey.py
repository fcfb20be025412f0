"""The whole journey through the frozen app (the PyInstaller onedir), not the source.

The sandbox runs here (identity provider, portal, private pcscd with a virtual card); the
frozen ``SmartcardLinker-debug`` runs as its own process on a virtual X server (Xvfb, the
real xcb platform plugin) and is driven only from outside, as a keyboard user would: every
page focuses its main action (``first_focus``), so Space presses it; the PIN goes into the
passcode dialog by typed keys (xdotool). Sign-in goes through ``$BROWSER``, which Python's
webbrowser honours, set to the sandbox's scripted browser. The outcome is read from the
portal's own database.

scripts/test.sh builds the onedir first (scripts/build_app.sh); without it, outside CI, the
test is skipped with that hint.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from linker_sandbox.testdata.people import DEFAULT_PIN, person

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
FROZEN = ROOT / "dist" / "SmartcardLinker" / "SmartcardLinker-debug"


def _need() -> None:
    if not FROZEN.exists():
        pytest.skip("no frozen app: run scripts/build_app.sh (scripts/test.sh does)")
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            pytest.fail(f"{tool} is missing (scripts/setup.sh installs it)")


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    _need()
    ready_r, ready_w = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(ready_w), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(ready_w,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(ready_w)
    with os.fdopen(ready_r) as ready:
        number = ready.readline().strip()  # Xvfb writes the display number once it listens
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


def _xdotool(display: str, *args: str) -> str:
    result = subprocess.run(
        ["xdotool", *args],
        env=dict(os.environ, DISPLAY=display),
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    return result.stdout.strip()


def _windows(display: str) -> dict[str, str]:
    """Visible top-level windows of the app: window id -> title."""
    ids = _xdotool(display, "search", "--onlyvisible", "--name", ".+").split()
    return {wid: _xdotool(display, "getwindowname", wid) for wid in ids}


def _wait_for(
    what: str,
    find: Callable[[], str | None],
    app: subprocess.Popen[bytes],
    timeout_s: float = 60,
    display: str = "",
) -> str:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = find()
        if found:
            return found
        if app.poll() is not None:
            raise AssertionError(f"the frozen app exited ({app.returncode}) waiting for {what}")
        time.sleep(0.2)
    seen = list(_windows(display).values()) if display else []
    raise AssertionError(f"timed out after {timeout_s:g} s waiting for {what}; windows: {seen}")


def _press(display: str, window: str, *keys: str) -> None:
    _xdotool(display, "windowfocus", "--sync", window)
    for key in keys:
        _xdotool(display, "key", "--clearmodifiers", key)
        time.sleep(0.2)


def test_the_frozen_app_links_a_card_end_to_end(display: str, tmp_path: Path) -> None:
    from linker_sandbox.world import SandboxWorld

    who = person("ready")
    with SandboxWorld(tmp_path / "sandbox") as world:
        assert world.pki is not None and world.rig is not None
        config = world.write_app_config()
        browser = shlex.join(
            [sys.executable, "-m", "linker_sandbox.drivers.browser", "--user", who.key,
             "--ca", str(world.pki.tls_ca_file)]
        )  # fmt: skip
        # No SMARTCARD_* settings and no PYTHONPATH: the app must run from its own bundle.
        env = {
            k: v
            for k, v in world.app_environment().items()
            if not k.startswith("SMARTCARD_") and k != "PYTHONPATH"
        }
        env.update(
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            BROWSER=f"{browser} %s",
            HOME=str(tmp_path / "home"),
            XDG_CONFIG_HOME=str(tmp_path / "config"),
            XDG_STATE_HOME=str(tmp_path / "state"),
        )
        log_dir = tmp_path / "logs"
        app = subprocess.Popen(
            [str(FROZEN), "--config", str(config), "--log-dir", str(log_dir)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _walk(display, app, world, who.key, log_dir / "smartcard-linker.log")
            assert app.wait(30) == 0
        except AssertionError as exc:
            log_file = log_dir / "smartcard-linker.log"
            tail = log_file.read_text(encoding="utf-8")[-3000:] if log_file.exists() else ""
            raise AssertionError(f"{exc}\n--- the frozen app's log ---\n{tail}") from None
        finally:
            if app.poll() is None:
                app.kill()
                app.wait()
        log = (log_dir / "smartcard-linker.log").read_text(encoding="utf-8")
        assert "first page on screen" in log and "Traceback" not in log
        from link_portal.admin import list_links
        from link_portal.db import make_engine

        engine = make_engine(world.database_url)
        try:
            links = [row for row in list_links(engine) if row["oid"] == who.oid]
        finally:
            engine.dispose()
        assert len(links) == 1
        assert links[0]["uuid"] == who.care_identity_uuid


def _logged(log_file: Path, text: str) -> str | None:
    if log_file.exists() and text in log_file.read_text(encoding="utf-8", errors="replace"):
        return text
    return None


def _walk(
    display: str, app: subprocess.Popen[bytes], world: object, who: str, log_file: Path
) -> None:
    """Start, account, card, passcode, review, done: by keys only, as the pages come."""

    def page(*headings: str) -> Callable[[], str | None]:
        """The window whose title is one of these page headings (then Qt's " — Smartcard
        Linker", and possibly " – Link your NHS Smartcard")."""

        def find() -> str | None:
            for wid, title in _windows(display).items():
                heading = re.split(r" [–—] ", title, maxsplit=1)[0]
                if heading in headings:
                    return wid
            return None

        return find

    start = _wait_for(
        "the start page", page("Link your NHS Smartcard to your NHSmail account"), app
    )
    # Start is enabled, and focused, once the readiness checks pass (the app logs them): press
    # only after that line. Space presses it; should focus be elsewhere, Tab, Space is tried.
    _wait_for("the readiness checks", lambda: _logged(log_file, "portal=ok"), app, 60)
    account: str | None = None
    deadline = time.monotonic() + 60
    on_start = page("Link your NHS Smartcard to your NHSmail account")
    attempts = 0
    while account is None and time.monotonic() < deadline:
        for other, title in _windows(display).items():  # a dialog a stray key opened
            if other != start and title.split(" — ")[0] != "Smartcard Linker":
                _press(display, other, "Escape")
        if on_start():  # never press on the sign-in page: Tab, Space there would cancel it
            _press(display, start, *(("space",) if attempts % 2 == 0 else ("Tab", "space")))
            attempts += 1
        try:
            account = _wait_for(
                "the account page",
                page("Choose the account to link", "The account to link"),
                app,
                5,
                display,
            )
        except AssertionError:
            if app.poll() is not None:
                raise
    assert account, "sign-in never reached the account page"
    _press(display, account, "space")
    insert = _wait_for("the insert-card page", page("Insert your smartcard"), app)
    assert insert
    # No wait here: waiting asks pcscd through this process's pyscard, which an earlier test may
    # have bound to another rig's socket; the app's card page is the wait that matters.
    world.rig.insert(who, 0, wait=False)  # type: ignore[attr-defined]
    card = _wait_for("the card page", page("Your smartcard"), app)
    _press(display, card, "space")

    def pin_dialog() -> str | None:
        titles = _windows(display).items()
        return next((w for w, t in titles if t.startswith("Smartcard passcode")), None)

    dialog = _wait_for("the passcode dialog", pin_dialog, app)
    _xdotool(display, "windowfocus", "--sync", dialog)
    _xdotool(display, "type", "--delay", "30", DEFAULT_PIN)
    _xdotool(display, "key", "Return")
    review = _wait_for("the review page", page("Check these details"), app, 60)
    _press(display, review, "space")
    done = _wait_for("the done page", page("Your accounts are linked"), app, 60)
    _press(display, done, "space")  # Finish closes the app
