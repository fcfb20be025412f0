"""``linker-sandbox card ...``: insert, remove and list virtual cards in a running sandbox.

The sandbox (or ``card up``) runs a VirtualCardRig that records its readers and
cards in ``card-rig.json`` under the sandbox directory; these commands read and
update that file, starting or stopping card processes directly.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import os
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from link_protocol import group_uuid
from linker_sandbox.cards.virtual_card import (
    VirtualCardError,
    default_sandbox_dir,
    describe_running,
    insert_into_running,
    remove_from_running,
)
from linker_sandbox.testdata.people import PEOPLE

CARD_STATES = ("ok", "locked", "expired", "wrong-ca")
SUPPRESS_HELP = "sandbox directory (as for `card --sandbox-dir`)"


def add_card_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``card`` and its subcommands; each sets ``func(args) -> int``."""
    card = subparsers.add_parser("card", help="virtual smartcards: insert, remove, list")
    card.add_argument(
        "--sandbox-dir",
        type=Path,
        default=None,
        help=f"sandbox directory (default: $LINKER_SANDBOX_DIR or {default_sandbox_dir()})",
    )
    commands = card.add_subparsers(dest="card_command", required=True)

    insert = commands.add_parser("insert", help="insert a test person's card into a reader")
    insert.add_argument("person", help="person key (see `card people`) or a 12-digit UUID")
    insert.add_argument("--reader", default="0", help="reader index or full name (default 0)")
    insert.add_argument("--state", choices=CARD_STATES, help="override the person's card state")
    insert.set_defaults(func=_insert)

    remove = commands.add_parser("remove", help="remove the card from a reader")
    remove.add_argument("--reader", default="0", help="reader index or full name (default 0)")
    remove.set_defaults(func=_remove)

    listing = commands.add_parser("list", help="readers and the cards in them")
    listing.set_defaults(func=_list)

    people = commands.add_parser("people", help="test people and their card states")
    people.set_defaults(func=_people)

    up = commands.add_parser("up", help="run a private pcscd with virtual readers until Ctrl-C")
    up.add_argument("--readers", type=int, default=2, help="number of readers (default 2)")
    up.set_defaults(func=_up)

    for sub in (insert, remove, listing, people, up):  # also accepted after the subcommand
        sub.add_argument("--sandbox-dir", type=Path, default=argparse.SUPPRESS, help=SUPPRESS_HELP)


def _friendly(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Errors a person can act on become one line on stderr and exit status 1."""

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except (VirtualCardError, KeyError) as exc:
            message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
            print(f"error: {message}", file=sys.stderr)
            return 1

    return run


def _dir(args: argparse.Namespace) -> Path:
    return Path(args.sandbox_dir or default_sandbox_dir())


@_friendly
def _insert(args: argparse.Namespace) -> int:
    spec, reader = insert_into_running(_dir(args), args.person, args.reader, args.state)
    locked = " (PIN locked)" if spec.locked else ""
    print(f"inserted {spec.name} [{group_uuid(spec.uuid)}]{locked} into {reader.name}")
    return 0


@_friendly
def _remove(args: argparse.Namespace) -> int:
    reader = remove_from_running(_dir(args), args.reader)
    print(f"{reader.name} is empty")
    return 0


@_friendly
def _list(args: argparse.Namespace) -> int:
    for reader, card in describe_running(_dir(args)):
        held = f"{card['name']} [{group_uuid(str(card['uuid']))}]" if card else "(empty)"
        print(f"{reader.index}: {reader.name}: {held}")
    return 0


@_friendly
def _people(args: argparse.Namespace) -> int:
    for p in PEOPLE:
        print(f"{p.key:10} {group_uuid(p.care_identity_uuid)}  card={p.card:8} {p.demonstrates}")
    return 0


@_friendly
def _up(args: argparse.Namespace) -> int:
    from linker_sandbox.cards.virtual_card import VirtualCardRig
    from linker_sandbox.testdata.pki import SandboxPKI

    directory = _dir(args)
    pki_dir = directory / "pki"
    pki = SandboxPKI.create(pki_dir)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with VirtualCardRig(
        directory / "cards", pki.nhs_subca, reader_count=args.readers, pki_dir=pki_dir
    ) as rig:
        os.environ["PCSCLITE_CSOCK_NAME"] = str(rig.socket_path)
        print(f"export PCSCLITE_CSOCK_NAME={rig.socket_path}")
        for reader in rig.readers:
            print(f"reader {reader.index}: {reader.name}")
        print("Ctrl-C to stop", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            stop.wait()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="linker-sandbox")
    add_card_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
