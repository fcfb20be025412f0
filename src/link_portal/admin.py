"""Administrator operations behind the ``link-portal`` commands (and the sandbox seeding)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from link_portal.db import ACCOUNTS, AUDIT, IDENTITIES, LINKS
from link_portal.service import new_id, new_reference, now_utc

UUID_RE = re.compile(r"^\d{12}$")
STATUSES = ("active", "inactive")


class AdminError(ValueError):
    """A refused admin operation; the message is for the operator."""


@dataclass(frozen=True)
class DirectoryEntry:
    uuid: str
    name: str
    status: str


def parse_directory_csv(text: str) -> list[DirectoryEntry]:
    """Rows of ``uuid,name,status`` (a header row with those names is optional)."""
    rows = list(csv.reader(io.StringIO(text)))
    if rows and [c.strip().lower() for c in rows[0][:3]] == ["uuid", "name", "status"]:
        rows = rows[1:]
    entries = []
    for number, row in enumerate(rows, start=1):
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) < 3:
            raise AdminError(f"row {number}: expected uuid,name,status")
        uuid = row[0].replace(" ", "").strip()
        name = row[1].strip()
        status = row[2].strip().lower()
        if not UUID_RE.match(uuid):
            raise AdminError(f"row {number}: UUID must be 12 digits")
        if not name or len(name) > 200:
            raise AdminError(f"row {number}: name must be 1-200 characters")
        if status not in STATUSES:
            raise AdminError(f"row {number}: status must be one of {', '.join(STATUSES)}")
        entries.append(DirectoryEntry(uuid, name, status))
    return entries


def import_directory(engine: Engine, entries: Iterable[DirectoryEntry]) -> tuple[int, int]:
    """Insert or update directory entries; returns (added, updated)."""
    added = updated = 0
    now = now_utc()
    with engine.begin() as conn:
        for entry in entries:
            result = conn.execute(
                update(IDENTITIES)
                .where(IDENTITIES.c.uuid == entry.uuid)
                .values(display_name=entry.name, status=entry.status, updated_at=now)
            )
            if result.rowcount:
                updated += 1
            else:
                conn.execute(
                    insert(IDENTITIES).values(
                        uuid=entry.uuid,
                        display_name=entry.name,
                        status=entry.status,
                        updated_at=now,
                    )
                )
                added += 1
    return added, updated


def import_directory_csv(engine: Engine, path: Path) -> tuple[int, int]:
    return import_directory(engine, parse_directory_csv(path.read_text(encoding="utf-8-sig")))


def set_account(
    engine: Engine,
    *,
    oid: str | None = None,
    email: str | None = None,
    aup_accepted: bool | None = None,
    active: bool | None = None,
    display_name: str | None = None,
) -> bool:
    """Set an account's AUP state (and/or active flag), found by oid and/or email.

    Creates the account if neither is known yet, so AUP state can be loaded before a
    user's first visit. Returns True when it created the account (so the operator can
    tell a mistyped address from an update).
    """
    if not oid and not email:
        raise AdminError("give an oid, an email, or both")
    email = email.lower() if email else None
    values: dict[str, Any] = {"updated_at": now_utc()}
    if aup_accepted is not None:
        values["aup_accepted"] = aup_accepted
    if active is not None:
        values["active"] = active
    if display_name is not None:
        values["display_name"] = display_name
    with engine.begin() as conn:
        row = None
        if oid:
            row = conn.execute(select(ACCOUNTS).where(ACCOUNTS.c.oid == oid)).first()
        if row is None and email:
            row = conn.execute(select(ACCOUNTS).where(ACCOUNTS.c.email == email)).first()
        if row is None:
            conn.execute(
                insert(ACCOUNTS).values(
                    oid=oid,
                    email=email,
                    display_name=display_name or "",
                    aup_accepted=bool(aup_accepted),
                    active=True if active is None else active,
                    updated_at=values["updated_at"],
                )
            )
            return True
        if oid and row.oid is None:
            values["oid"] = oid
        if email and row.email is None:
            values["email"] = email
        conn.execute(update(ACCOUNTS).where(ACCOUNTS.c.id == row.id).values(**values))
    return False


def create_link(engine: Engine, *, oid: str, email: str, account_name: str, uuid: str) -> str:
    """Record a link directly (seeding, migration from another system); returns the reference."""
    reference = new_reference()
    with engine.begin() as conn:
        conn.execute(
            insert(LINKS).values(
                id=new_id("lnk"),
                reference=reference,
                link_request_id=None,
                oid=oid,
                email=email,
                account_name=account_name,
                uuid=uuid,
                certificate_not_after=None,
                certificate_issuer=None,
                linked_at=now_utc(),
                active=True,
                removed_at=None,
            )
        )
        conn.execute(
            insert(AUDIT).values(
                at=now_utc(),
                event="link_created_by_admin",
                oid=oid,
                uuid=uuid,
                outcome="ok",
                request_id=None,
                subject_id=None,
                detail=f"reference {reference}",
            )
        )
    return reference


def list_links(engine: Engine, *, include_removed: bool = False) -> list[dict[str, Any]]:
    query = select(LINKS).order_by(LINKS.c.linked_at)
    if not include_removed:
        query = query.where(LINKS.c.active)
    with engine.connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def remove_link(engine: Engine, ref: str, *, reason: str = "") -> dict[str, Any]:
    """Deactivate a link found by id, reference, oid or UUID (kept for the record)."""
    ref = ref.strip()
    with engine.begin() as conn:
        row = conn.execute(
            select(LINKS).where(
                LINKS.c.active,
                (LINKS.c.id == ref)
                | (LINKS.c.reference == ref.upper())
                | (LINKS.c.oid == ref)
                | (LINKS.c.uuid == ref.replace(" ", "")),
            )
        ).first()
        if row is None:
            raise AdminError(f"no active link matches {ref!r}")
        conn.execute(
            update(LINKS).where(LINKS.c.id == row.id).values(active=False, removed_at=now_utc())
        )
        conn.execute(
            insert(AUDIT).values(
                at=now_utc(),
                event="link_removed",
                oid=row.oid,
                uuid=row.uuid,
                outcome="ok",
                request_id=None,
                subject_id=row.id,
                detail=reason[:500] or None,
            )
        )
        return dict(row._mapping)


def audit_entries(
    engine: Engine,
    *,
    limit: int = 100,
    oid: str | None = None,
    uuid: str | None = None,
    since: datetime | None = None,
) -> list[dict[str, Any]]:
    query = select(AUDIT).order_by(AUDIT.c.id.desc()).limit(limit)
    if oid:
        query = query.where(AUDIT.c.oid == oid)
    if uuid:
        query = query.where(AUDIT.c.uuid == uuid.replace(" ", ""))
    if since:
        query = query.where(AUDIT.c.at >= since)
    with engine.connect() as conn:
        rows = [dict(row._mapping) for row in conn.execute(query)]
    return list(reversed(rows))
