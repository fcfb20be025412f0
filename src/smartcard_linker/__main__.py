"""Entry point: arguments, settings, logging, then the window.

Kept light on purpose: only argparse, the config and logging modules load
before the first page is on screen; Qt comes next, and the card, sign-in and
portal modules only when a worker first needs them.

Exit codes (for kiosk shell launchers): 0 normal exit, 1 settings problem
(shown on screen first), 2 unexpected error.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from smartcard_linker import __version__

EXIT_OK = 0
EXIT_CONFIG = 1
EXIT_CRASH = 2

log = logging.getLogger("smartcard_linker")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smartcard-linker",
        description="Link your NHS Smartcard (NHS Care Identity) to your NHSmail account.",
    )
    parser.add_argument("--version", action="version", version=f"Smartcard Linker {__version__}")
    parser.add_argument(
        "--print-config",
        action="store_true",
        help="print the effective settings and where each came from, then exit",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help="settings file to use instead of the per-user one",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="set one setting (see --print-config for the keys)",
    )
    parser.add_argument(
        "--kiosk",
        action="store_true",
        help="shared pre-registration station (same as --set kiosk_mode=true)",
    )
    parser.add_argument(
        "--log-level",
        choices=("DEBUG", "INFO", "WARNING", "ERROR"),
        help="same as --set log_level=LEVEL",
    )
    parser.add_argument("--log-dir", type=Path, help="write the log file here")
    parser.add_argument("--console-log", action="store_true", help="also log to the console")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)

    from smartcard_linker.config import load_settings, parse_assignments
    from smartcard_linker.logs import setup_logging

    cli_values, cli_problems = parse_assignments(args.set)
    if args.kiosk:
        cli_values.setdefault("kiosk_mode", "true")
    if args.log_level:
        cli_values.setdefault("log_level", args.log_level)
    loaded = load_settings(cli_values=cli_values, config_file=args.config)
    # a malformed --set is a user layer's problem: set aside when IT allows machine settings only
    (loaded.ignored if loaded.machine_only else loaded.problems)[:0] = cli_problems
    if args.print_config:
        print(loaded.describe())
        return EXIT_OK if loaded.ok else EXIT_CONFIG

    log_file = setup_logging(loaded.settings.log_level, args.log_dir, console=args.console_log)
    log.info("Smartcard Linker %s starting (log: %s)", __version__, log_file)
    for problem in loaded.problems:
        log.error("settings problem: %s", problem)

    from smartcard_linker.ui.launch import run_app

    try:
        code = run_app(loaded, log_file=log_file)
    except Exception:  # the last net: log it, never a silent exit
        log.critical("unexpected error", exc_info=True)
        return EXIT_CRASH
    # A settings problem was shown on screen; tell a kiosk shell launcher too.
    return EXIT_CONFIG if loaded.problems and code == EXIT_OK else code


if __name__ == "__main__":
    sys.exit(main())
