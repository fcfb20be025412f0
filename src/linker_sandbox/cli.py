"""``linker-sandbox``: the whole sandbox in one command, plus its card and provider tools.

linker-sandbox demo        run (with a screen) or self-test (without one)
linker-sandbox run         start everything, open the app and the card window
linker-sandbox up          start everything and wait (run the app yourself)
linker-sandbox self-test   walk the journey unattended; exit 0 only if a link was made
linker-sandbox card ...    insert / remove / list virtual cards in a running sandbox
linker-sandbox aup accept PERSON   accept the AUP for a test person
linker-sandbox idp serve   only the identity provider
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from link_protocol import group_uuid
from linker_sandbox.cards.cli import add_card_commands
from linker_sandbox.cards.virtual_card import default_sandbox_dir
from linker_sandbox.processes.idp.cli import add_idp_commands
from linker_sandbox.testdata.people import DEFAULT_PIN, MFA_CODE, PEOPLE, SANDBOX_PASSWORD

if TYPE_CHECKING:  # the world (portal, provider, cards) loads only for commands that use it
    from linker_sandbox.world import SandboxWorld

log = logging.getLogger("linker_sandbox")


def people_table() -> str:
    rows = [f"{'person':9} {'sign in as':24} {'card UUID':15} what it shows"]
    for p in PEOPLE:
        rows.append(
            f"{p.key:9} {p.username:24} {group_uuid(p.care_identity_uuid):15} {p.demonstrates}"
        )
    rows.append(
        f"\npassword {SANDBOX_PASSWORD}   MFA code {MFA_CODE}   card PIN {DEFAULT_PIN} "
        "(3 wrong PINs lock a card; re-inserting gives fresh counters)"
    )
    return "\n".join(rows)


def _world(args: argparse.Namespace) -> SandboxWorld:
    from linker_sandbox.world import SandboxWorld

    return SandboxWorld(Path(args.sandbox_dir), reader_count=args.readers)


def _wait_for_signal() -> None:
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()


def cmd_up(args: argparse.Namespace) -> int:
    with _world(args) as world:
        print(world.describe())
        print()
        print(people_table())
        print(
            "\nRun the app against it:\n"
            f"  PCSCLITE_CSOCK_NAME={world.app_environment()['PCSCLITE_CSOCK_NAME']} "
            f"smartcard-linker --config {world.app_config_file}\n"
            "Insert a card:  linker-sandbox card insert ready --reader 0\n"
            "Ctrl-C stops everything.",
            flush=True,
        )
        _wait_for_signal()
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Everything up, the app and the card window on screen; all stops when the app closes."""
    with _world(args) as world:
        print(world.describe())
        print()
        print(people_table(), flush=True)
        command = [sys.executable, "-m", "smartcard_linker", "--config", str(world.app_config_file)]
        app = subprocess.Popen(command, env=world.app_environment())
        try:
            if args.no_control_window:
                return app.wait()
            from PySide6.QtCore import QTimer
            from PySide6.QtWidgets import QApplication

            from linker_sandbox.drivers.control_window import SandboxControlWindow

            qt = QApplication.instance() or QApplication(sys.argv[:1])
            window = SandboxControlWindow(world)
            window.show()
            screen = window.screen().availableGeometry()
            window.move(screen.right() - window.frameGeometry().width() - 24, screen.top() + 40)
            poll = QTimer()
            poll.timeout.connect(lambda: app.poll() is not None and qt.quit())
            poll.start(300)
            signal.signal(signal.SIGINT, lambda *_: qt.quit())
            qt.exec()
            del window
        finally:
            if app.poll() is None:
                app.terminate()
                try:
                    app.wait(10)
                except subprocess.TimeoutExpired:
                    app.kill()
        return app.returncode or 0


def cmd_self_test(args: argparse.Namespace) -> int:
    from linker_sandbox.drivers.self_test import run_self_test

    return run_self_test(
        Path(args.sandbox_dir),
        person_key=args.person,
        screenshots=Path(args.screenshots) if args.screenshots else None,
        log_dir=Path(args.log_dir) if getattr(args, "log_dir", None) else None,
    )


def cmd_demo(args: argparse.Namespace) -> int:
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        args.no_control_window = False
        return cmd_run(args)
    print("No display: walking the journey unattended (self-test) instead.", flush=True)
    args.person = "ready"
    args.screenshots = args.screenshots or "artifacts/demo"
    return cmd_self_test(args)


def cmd_aup(args: argparse.Namespace) -> int:
    from link_portal.admin import set_account
    from link_portal.db import make_engine
    from linker_sandbox.testdata.people import person

    who = person(args.person)
    database = Path(args.sandbox_dir) / "portal.db"
    if not database.exists():
        print(f"no running sandbox portal database at {database}", file=sys.stderr)
        return 1
    engine = make_engine(f"sqlite:///{database}")
    set_account(engine, oid=who.oid, email=who.username, aup_accepted=args.state == "accept")
    engine.dispose()
    print(f"{who.username}: AUP {'accepted' if args.state == 'accept' else 'not accepted'}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="linker-sandbox",
        description="The Smartcard Linker sandbox: identity provider, portal, virtual cards.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=people_table(),
    )
    parser.add_argument("--verbose", action="store_true", help="log what the sandbox does")
    commands = parser.add_subparsers(dest="command", required=True)

    def world_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--sandbox-dir",
            default=str(default_sandbox_dir()),
            help="where the sandbox keeps its PKI, database and card state",
        )
        sub.add_argument("--readers", type=int, default=2, help="virtual readers (default 2)")

    for name, func, text in (
        ("demo", cmd_demo, "the README's first command: run with a screen, self-test without"),
        ("run", cmd_run, "start everything and open the app and the card window"),
        ("up", cmd_up, "start everything and wait until Ctrl-C"),
        ("self-test", cmd_self_test, "walk the journey unattended; exit 0 only if it linked"),
    ):
        sub = commands.add_parser(name, help=text)
        world_options(sub)
        sub.set_defaults(func=func, no_control_window=False, person="ready", screenshots=None)
        if name in ("run", "demo"):
            sub.add_argument(
                "--no-control-window", action="store_true", help="do not open the card window"
            )
        if name in ("self-test", "demo"):
            sub.add_argument("--screenshots", help="save a PNG of each page into this folder")
        if name == "self-test":
            sub.add_argument("--person", default="ready", help="test person (default ready)")
            sub.add_argument(
                "--log-dir", help="write the app's log (INFO) into this folder; its path is printed"
            )

    aup = commands.add_parser("aup", help="change a test person's Acceptable Use Policy state")
    aup.add_argument("state", choices=("accept", "revoke"))
    aup.add_argument("person")
    aup.add_argument("--sandbox-dir", default=str(default_sandbox_dir()))
    aup.set_defaults(func=cmd_aup)

    add_card_commands(commands)
    add_idp_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
