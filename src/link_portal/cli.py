"""``link-portal``: serve the Link API, and the administrator's commands."""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from link_portal.config import CONFIG_ENV, ConfigError, PortalConfig, load_config


def _add_config_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, help=f"TOML config file (or ${CONFIG_ENV})")
    parser.add_argument("--database-url", help="e.g. sqlite:///portal.db or postgresql://...")


def _config(args: argparse.Namespace, **extra: Any) -> PortalConfig:
    overrides = {"database_url": getattr(args, "database_url", None), **extra}
    return load_config(args.config, overrides=overrides)


def _engine(args: argparse.Namespace) -> Any:
    """A database engine without the rest of the config (admin commands need only the URL)."""
    from link_portal.db import make_engine

    url = args.database_url
    if not url:
        url = _config(args).database_url
    return make_engine(url, pool_size=1)


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return host == "localhost"


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    if bool(args.tls_cert) != bool(args.tls_key):
        print("give both --tls-cert and --tls-key", file=sys.stderr)
        return 2
    if not args.tls_cert and not args.tls_behind_proxy and not _is_loopback(args.host):
        # tokens and personal data would cross the network in the clear
        print(
            f"refusing plain HTTP on {args.host}: give --tls-cert/--tls-key, or "
            "--tls-behind-proxy when a proxy in front ends TLS",
            file=sys.stderr,
        )
        return 2

    overrides: dict[str, Any] = {"database_url": args.database_url}
    if args.public_origin:
        overrides["public_origin"] = args.public_origin
    config = load_config(args.config, overrides=overrides)
    # Check the config (and trust files) now, so a mistake fails at start, not per worker.
    from link_portal.app import create_app
    from link_portal.db import make_engine
    from link_portal.schema import is_current

    if not is_current(make_engine(config.database_url, pool_size=1)):
        print("the database schema is not current: run `link-portal db upgrade`", file=sys.stderr)
        return 2
    ssl: dict[str, Any] = {}
    if args.tls_cert:
        ssl = {"ssl_certfile": str(args.tls_cert), "ssl_keyfile": str(args.tls_key)}
    common: dict[str, Any] = {
        "host": args.host,
        "port": args.port,
        "log_level": config.log_level,
        "access_log": args.access_log,
        "http": "httptools",
        "loop": "uvloop" if sys.platform != "win32" else "asyncio",
        "timeout_keep_alive": 30,
        **ssl,
    }
    if args.workers > 1:
        if args.config:
            os.environ[CONFIG_ENV] = str(args.config.resolve())
        for key, value in overrides.items():
            if value is not None:
                os.environ[f"LINK_PORTAL_{key.upper()}"] = str(value)
        from link_portal.workers import APP_FACTORY, balanced_workers_available, serve_workers

        if balanced_workers_available():
            options = {k: v for k, v in common.items() if k not in ("host", "port")}
            return serve_workers(args.workers, args.host, args.port, options)
        uvicorn.run(APP_FACTORY, factory=True, workers=args.workers, **common)
    else:
        uvicorn.run(create_app(config), **common)
    return 0


def _db_upgrade(args: argparse.Namespace) -> int:
    from link_portal.schema import current_revision, upgrade

    engine = _engine(args)
    upgrade(engine, args.revision)
    print(f"schema at revision {current_revision(engine)}")
    return 0


def _db_status(args: argparse.Namespace) -> int:
    from link_portal.schema import current_revision, head_revision

    engine = _engine(args)
    current, head = current_revision(engine), head_revision()
    print(f"current {current or '(empty)'}, head {head}")
    return 0 if current == head else 1


def _import_directory(args: argparse.Namespace) -> int:
    from link_portal.admin import import_directory_csv

    added, updated = import_directory_csv(_engine(args), args.csv)
    print(f"directory: {added} added, {updated} updated")
    return 0


def _set_account(args: argparse.Namespace) -> int:
    """Refuses an empty change before opening the database, so a slip changes nothing."""

    from link_portal.admin import AdminError, set_account

    if not args.oid and not args.email:
        raise AdminError("give --oid, --email, or both")
    changes = []
    if args.active is not None:
        changes.append("active" if args.active else "inactive")
    if args.aup_accepted is not None:
        changes.append("AUP accepted" if args.aup_accepted else "AUP not accepted")
    if args.name is not None:
        if not args.name.strip():
            raise AdminError("--name must not be empty")
        changes.append(f"name {args.name!r}")
    if not changes:
        raise AdminError(
            "nothing to change: give --active/--inactive, --aup-accepted/--aup-not-accepted"
            " and/or --name"
        )
    created = set_account(
        _engine(args),
        oid=args.oid,
        email=args.email,
        aup_accepted=args.aup_accepted,
        active=args.active,
        display_name=args.name,
    )
    who = " ".join(part for part in (args.oid, args.email) if part)
    print(f"{'created' if created else 'updated'} account {who}: {', '.join(changes)}")
    return 0


def _print_rows(rows: list[dict[str, Any]], as_json: bool, columns: Sequence[str]) -> None:
    if as_json:
        print(json.dumps(rows, default=str, indent=2))
        return
    for row in rows:
        print("  ".join(str(row.get(c) if row.get(c) is not None else "-") for c in columns))


def _list_links(args: argparse.Namespace) -> int:
    from link_portal.admin import list_links

    rows = list_links(_engine(args), include_removed=args.all)
    _print_rows(rows, args.json, ("reference", "linked_at", "email", "oid", "uuid", "active"))
    return 0


def _remove_link(args: argparse.Namespace) -> int:
    from link_portal.admin import remove_link

    row = remove_link(_engine(args), args.ref, reason=args.reason or "")
    print(f"removed {row['reference']} ({row['email']} ↔ {row['uuid']})")
    return 0


def _audit(args: argparse.Namespace) -> int:
    from link_portal.admin import audit_entries

    rows = audit_entries(_engine(args), limit=args.limit, oid=args.oid, uuid=args.uuid)
    _print_rows(
        rows,
        args.json,
        ("at", "event", "outcome", "oid", "uuid", "request_id", "subject_id", "detail"),
    )
    return 0


def _openapi(args: argparse.Namespace) -> int:
    from link_portal.openapi_doc import openapi_text

    text = openapi_text()
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
    else:
        sys.stdout.write(text)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="link-portal", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="run the Link API server")
    _add_config_args(serve)
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8443)
    serve.add_argument("--tls-cert", type=Path, help="PEM certificate (chain) for HTTPS")
    serve.add_argument("--tls-key", type=Path, help="PEM private key for HTTPS")
    serve.add_argument("--public-origin", help="the origin clients use (signed into messages)")
    serve.add_argument("--workers", type=int, default=1, help="worker processes")
    serve.add_argument("--access-log", action="store_true")
    serve.add_argument(
        "--tls-behind-proxy",
        action="store_true",
        help="serve plain HTTP on a non-loopback address: TLS ends at a proxy in front",
    )
    serve.set_defaults(func=_serve)

    db = sub.add_parser("db", help="database schema").add_subparsers(dest="db", required=True)
    up = db.add_parser("upgrade", help="create or upgrade the schema")
    _add_config_args(up)
    up.add_argument("revision", nargs="?", default="head")
    up.set_defaults(func=_db_upgrade)
    status = db.add_parser("status", help="exit 0 when the schema is current")
    _add_config_args(status)
    status.set_defaults(func=_db_status)

    imp = sub.add_parser("import-directory", help="import Care Identities from CSV")
    _add_config_args(imp)
    imp.add_argument("csv", type=Path, help="rows of uuid,name,status (active|inactive)")
    imp.set_defaults(func=_import_directory)

    account = sub.add_parser(
        "set-account",
        help="mark an account active or inactive, set its AUP state or name",
        description="Change an NHSmail account found by oid and/or email (created if unknown,"
        " so it can be set before the user's first visit). An inactive account cannot link:"
        " the portal answers account_inactive.",
    )
    _add_config_args(account)
    account.add_argument("--oid")
    account.add_argument("--email")
    active = account.add_mutually_exclusive_group()
    active.add_argument(
        "--active", dest="active", action="store_const", const=True, help="may link"
    )
    active.add_argument(
        "--inactive", dest="active", action="store_const", const=False, help="may not link"
    )
    aup_state = account.add_mutually_exclusive_group()
    aup_state.add_argument("--aup-accepted", dest="aup_accepted", action="store_const", const=True)
    aup_state.add_argument(
        "--aup-not-accepted", dest="aup_accepted", action="store_const", const=False
    )
    account.add_argument("--name", help="the account's display name")
    account.set_defaults(func=_set_account)

    links = sub.add_parser("links", help="list or remove links").add_subparsers(
        dest="links", required=True
    )
    ls = links.add_parser("list")
    _add_config_args(ls)
    ls.add_argument("--all", action="store_true", help="include removed links")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=_list_links)
    rm = links.add_parser("remove", help="remove a link by reference, id, oid or UUID")
    _add_config_args(rm)
    rm.add_argument("ref")
    rm.add_argument("--reason")
    rm.set_defaults(func=_remove_link)

    audit = sub.add_parser("audit", help="show the audit log (oldest first)")
    _add_config_args(audit)
    audit.add_argument("--limit", type=int, default=100)
    audit.add_argument("--oid")
    audit.add_argument("--uuid")
    audit.add_argument("--json", action="store_true")
    audit.set_defaults(func=_audit)

    conformance = sub.add_parser(
        "conformance", help="check any Link API v1 service against the contract (black box)"
    )
    from link_portal.conformance.command import add_arguments, run

    add_arguments(conformance)
    conformance.set_defaults(func=run)

    openapi = sub.add_parser("openapi", help="print or write the OpenAPI document")
    openapi.add_argument("--out", type=Path, help="e.g. docs/openapi.json")
    openapi.set_defaults(func=_openapi)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        result: int = args.func(args)
        return result
    except ConfigError as exc:
        print(f"configuration: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:  # AdminError and friends: a message for the operator
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
