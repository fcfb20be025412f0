"""``link-portal conformance`` arguments, an optional TOML file, and the report."""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path
from typing import Any

from link_portal.conformance.cases import Inputs, Outcome, run_cases
from link_portal.conformance.signing import Card

CARDS = (
    "card_a",
    "card_b",
    "expired_card",
    "revoked_card",
    "unknown_identity_card",
    "inactive_identity_card",
)
TOKENS = (
    "token_a",
    "token_b",
    "inactive_account_token",
    "aup_not_accepted_token",
    "rate_limit_token",
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--file", type=Path, help="TOML with any of the options below")
    parser.add_argument("--url", help="the Link API's base URL, e.g. https://link.example")
    parser.add_argument("--ca-file", help="CA bundle for the service's TLS certificate")
    parser.add_argument("--origin", help="the origin challenges carry, if not the URL's")
    for name in TOKENS:
        flag = "--" + name.replace("_", "-")
        parser.add_argument(flag, help="an access token, or @FILE to read it from a file")
    for name in CARDS:
        flag = "--" + name.replace("_", "-")
        parser.add_argument(flag, nargs=2, metavar=("CERT", "KEY"), help="PEM or DER files")
    parser.add_argument("--wait-for-expiry", action="store_true", default=None)
    parser.add_argument("--concurrency", type=int)


def inputs_from(args: argparse.Namespace) -> Inputs:
    """Arguments win over the file; the file's paths are relative to the file."""
    values: dict[str, tuple[Any, Path]] = {}  # setting -> (value, what paths are relative to)
    if args.file:
        table = tomllib.loads(args.file.read_text(encoding="utf-8")).get("conformance", {})
        values = {key: (value, args.file.parent) for key, value in table.items()}
    for key, value in vars(args).items():
        if value is not None and key not in ("file", "func", "command"):
            values[key] = (value, Path("."))
    missing = [k for k in ("url", "token_a", "token_b", "card_a", "card_b") if not values.get(k)]
    if missing:
        raise ValueError("missing " + ", ".join("--" + k.replace("_", "-") for k in missing))
    known: dict[str, Any] = {}
    for key, (value, base) in values.items():
        if key in CARDS:
            cert, key_file = (base / Path(p) for p in value)
            known[key] = Card.load(cert, key_file)
        elif key in TOKENS:
            token = str(value)
            if token.startswith("@"):  # @FILE: tokens are long and secret, keep them off argv
                token = (base / token[1:]).read_text(encoding="utf-8").strip()
            known[key] = token
        elif key == "ca_file":
            known[key] = str(base / value)
        elif key in ("url", "origin", "wait_for_expiry", "concurrency"):
            known[key] = value
        else:
            raise ValueError(f"unknown conformance setting {key!r}")
    return Inputs(**known)


def run(args: argparse.Namespace) -> int:
    inputs = inputs_from(args)

    def report(outcome: Outcome) -> None:
        print(f"{outcome.status}  {outcome.case}: {outcome.detail}", flush=True)

    outcomes = run_cases(inputs, report)
    counts = {s: sum(1 for o in outcomes if o.status == s) for s in ("PASS", "FAIL", "SKIP")}
    print(f"{counts['PASS']} passed, {counts['FAIL']} failed, {counts['SKIP']} skipped")
    if counts["FAIL"]:
        print("the service does not conform to Link API v1", file=sys.stderr)
    return 1 if counts["FAIL"] else 0
