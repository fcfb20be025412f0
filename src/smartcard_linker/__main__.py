"""Entry point: arguments, settings, logging, then the window.

Kept light on purpose: only argparse, the config and logging modules load
before the first page is on screen; Qt comes next, and the card, sign-in and
portal modules only when a worker first needs them.

Exit codes: see ``smartcard_linker.exit_codes`` (one table in README and
docs/deployment.md). ``--diagnose`` loads neither Qt nor the window.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from smartcard_linker import __version__
from smartcard_linker.exit_codes import EXIT_CONFIG, EXIT_CRASH, EXIT_OK, EXIT_USAGE

log = logging.getLogger("smartcard_linker")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error exits with EXIT_USAGE, not the code a crash would use."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
        "--diagnose",
        action="store_true",
        help="check this computer (settings, smart card stack, portal and sign-in reachability), "
        "print a report and exit: 0 healthy, 5 problems found",
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="with --diagnose: the report as JSON (schema in docs/diagnostics.md)",
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
    parser.add_argument(
        "--station-counters",
        action="store_true",
        help="print this kiosk station's counters (links, failures, time per person), then exit",
    )
    parser.add_argument("--log-dir", type=Path, help="write the log file here")
    parser.add_argument("--console-log", action="store_true", help="also log to the console")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.json and not args.diagnose:
        parser.error("--json goes with --diagnose")
    if args.station_counters:
        from smartcard_linker.station_counters import StationCounters, default_counters_path

        print(StationCounters(default_counters_path()).describe())
        return EXIT_OK
    try:
        return _main(args)
    except Exception:  # the last net: never Python's own exit 1 (a Shell Launcher reboot)
        log.critical("unexpected error", exc_info=True)
        return EXIT_CRASH


def _main(args: argparse.Namespace) -> int:
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
    if args.diagnose:
        from smartcard_linker.diagnostics.cli import run_diagnose

        return run_diagnose(loaded, as_json=args.json, log_dir=args.log_dir)

    log_file = setup_logging(loaded.settings.log_level, args.log_dir, console=args.console_log)
    log.info("Smartcard Linker %s starting (log: %s)", __version__, log_file)
    for problem in loaded.problems:
        log.error("settings problem: %s", problem)

    from smartcard_linker.diagnostics.context import set_app_context
    from smartcard_linker.ui.launch import run_app

    set_app_context(loaded, log_file)  # "Copy diagnostics" names the same sources

    code = run_app(loaded, log_file=log_file)
    # A settings problem was shown on screen; tell a kiosk shell launcher too.
    return EXIT_CONFIG if loaded.problems and code == EXIT_OK else code


if __name__ == "__main__":
    sys.exit(main())
