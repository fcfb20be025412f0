"""The portal's SQL: SQLAlchemy Core statements, built once, compiled once per dialect.

Most statements are the same on both backends. Where PostgreSQL can do in one
statement what SQLite needs two or three for (data-modifying CTEs), the functions at
the end pick the form for the connection's dialect: each statement saved there is a
round trip and client and server CPU saved on every flow.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import (
    Integer,
    LargeBinary,
    String,
    Table,
    bindparam,
    func,
    insert,
    null,
    select,
    true,
    union_all,
    update,
)
from sqlalchemy import cast as cast_
from sqlalchemy.sql.elements import BindParameter

from link_portal.db import (
    Account,
    AuditEvent,
    Challenge,
    Identity,
    Link,
    LinkRequest,
    UTCDateTime,
)
from link_portal.driver_sql import DriverSQL, Tx

IDENTITIES = cast(Table, Identity.__table__)
ACCOUNTS = cast(Table, Account.__table__)
CHALLENGES = cast(Table, Challenge.__table__)
LINK_REQUESTS = cast(Table, LinkRequest.__table__)
LINKS = cast(Table, Link.__table__)
AUDIT = cast(Table, AuditEvent.__table__)


def _link_select() -> Any:
    return select(
        LINKS,
        IDENTITIES.c.display_name.label("identity_name"),
        IDENTITIES.c.status.label("identity_status"),
    ).join(IDENTITIES, IDENTITIES.c.uuid == LINKS.c.uuid)


def _lookup(column: Any, label: str, *where: Any) -> Any:
    """``(SELECT column WHERE …) AS label``: one value looked up by an index."""
    return select(column).where(*where).scalar_subquery().label(label)


UUID: BindParameter[str] = bindparam("uuid", type_=String(12))
OID: BindParameter[str] = bindparam("oid", type_=String(64))


def _insert(table: Table) -> DriverSQL:
    """INSERT of every column but a generated key: each row names all its values."""
    columns = [c.key for c in table.columns if not (c.primary_key and c.autoincrement is True)]
    return DriverSQL(insert(table), columns=columns)


# Every statement is built once and compiled once per dialect (see driver_sql).
SEL_ACCOUNT = DriverSQL(select(ACCOUNTS).where(ACCOUNTS.c.oid == bindparam("oid")))
SEL_ACCOUNT_BY_ID = DriverSQL(select(ACCOUNTS).where(ACCOUNTS.c.id == bindparam("aid")))
SEL_UNCLAIMED_ACCOUNT = DriverSQL(
    select(ACCOUNTS).where(ACCOUNTS.c.email == bindparam("email"), ACCOUNTS.c.oid.is_(None))
)
SEL_ACCOUNT_ID_BY_EMAIL = DriverSQL(
    select(ACCOUNTS.c.id).where(ACCOUNTS.c.email == bindparam("email"))
)
CLAIM_ACCOUNT = DriverSQL(
    update(ACCOUNTS)
    .where(ACCOUNTS.c.id == bindparam("aid"))
    .values(
        oid=bindparam("new_oid"),
        display_name=bindparam("new_name"),
        updated_at=bindparam("now", type_=UTCDateTime()),
    )
)
INS_ACCOUNT = _insert(ACCOUNTS)
CHALLENGE_COLUMNS = ("id", "oid", "nonce", "created_at", "expires_at")
INS_CHALLENGE = _insert(CHALLENGES)
# Challenges the account asked for in the rate window: the limit holds across worker
# processes (and machines sharing a PostgreSQL database), unlike an in-memory bucket.
RECENT_CHALLENGES = (
    select(func.count())
    .select_from(CHALLENGES)
    .where(
        CHALLENGES.c.oid == bindparam("oid"),
        CHALLENGES.c.created_at > bindparam("since", type_=UTCDateTime()),
    )
)
SEL_RECENT_CHALLENGES = DriverSQL(
    select(
        RECENT_CHALLENGES.scalar_subquery().label("count"),
        select(func.min(CHALLENGES.c.created_at))
        .where(CHALLENGES.c.oid == bindparam("oid"), CHALLENGES.c.created_at > bindparam("since"))
        .scalar_subquery()
        .label("oldest"),
    )
)
# The challenge row, written only if the caller's account may link and is under its
# rate limit (one statement on the happy path; no row back sends the call to the full
# check, which says why). RETURNING, not the row count: the driver may not report one
# for INSERT … SELECT.
INS_CHALLENGE_IF_ALLOWED = DriverSQL(
    insert(CHALLENGES)
    .from_select(
        list(CHALLENGE_COLUMNS),
        select(
            bindparam("id", type_=String(40)),
            ACCOUNTS.c.oid,
            bindparam("nonce", type_=LargeBinary(32)),
            bindparam("created_at", type_=UTCDateTime()),
            bindparam("expires_at", type_=UTCDateTime()),
        ).where(
            ACCOUNTS.c.oid == bindparam("oid"),
            ACCOUNTS.c.active,
            ACCOUNTS.c.aup_accepted,
            RECENT_CHALLENGES.scalar_subquery() < bindparam("limit", type_=Integer()),
        ),
    )
    .returning(CHALLENGES.c.id)
)
USE_CHALLENGE = DriverSQL(
    update(CHALLENGES)
    .where(
        CHALLENGES.c.id == bindparam("cid"),
        CHALLENGES.c.oid == bindparam("coid"),
        CHALLENGES.c.used_at.is_(None),
        CHALLENGES.c.expires_at > bindparam("now"),
    )
    .values(used_at=bindparam("used"))
)
SEL_CHALLENGE_FULL = DriverSQL(
    select(
        CHALLENGES.c.oid, CHALLENGES.c.nonce, CHALLENGES.c.used_at, CHALLENGES.c.expires_at
    ).where(CHALLENGES.c.id == bindparam("cid"))
)
# Two arms so each uses its partial unique index (an OR would scan the table).
SEL_ACTIVE_LINKS = DriverSQL(
    union_all(
        select(LINKS.c.oid, LINKS.c.uuid, LINKS.c.email).where(
            LINKS.c.oid == bindparam("oid"), LINKS.c.active
        ),
        select(LINKS.c.oid, LINKS.c.uuid, LINKS.c.email).where(
            LINKS.c.uuid == bindparam("uuid"), LINKS.c.active
        ),
    )
)
INS_LINK_REQUEST = _insert(LINK_REQUESTS)
# What a link request is decided on, in one statement: the identity, the caller's
# account and the active links on either side (each at most one row: partial unique
# indexes), every lookup by an index.
SEL_REQUEST_STATE = DriverSQL(
    select(
        _lookup(IDENTITIES.c.display_name, "identity_name", IDENTITIES.c.uuid == UUID),
        _lookup(IDENTITIES.c.status, "identity_status", IDENTITIES.c.uuid == UUID),
        _lookup(ACCOUNTS.c.active, "account_active", ACCOUNTS.c.oid == OID),
        _lookup(ACCOUNTS.c.aup_accepted, "account_aup_accepted", ACCOUNTS.c.oid == OID),
        _lookup(LINKS.c.uuid, "my_link_uuid", LINKS.c.oid == OID, LINKS.c.active),
        _lookup(LINKS.c.email, "their_link_email", LINKS.c.uuid == UUID, LINKS.c.active),
    )
)
# Confirm reads the request, its identity and the caller's account in one statement.
SEL_LINK_REQUEST_FULL = DriverSQL(
    select(
        LINK_REQUESTS,
        IDENTITIES.c.display_name.label("identity_name"),
        IDENTITIES.c.status.label("identity_status"),
        ACCOUNTS.c.active.label("account_active"),
        ACCOUNTS.c.aup_accepted.label("account_aup_accepted"),
    )
    .join(IDENTITIES, IDENTITIES.c.uuid == LINK_REQUESTS.c.uuid)
    .outerjoin(ACCOUNTS, ACCOUNTS.c.oid == LINK_REQUESTS.c.oid)
    .where(LINK_REQUESTS.c.id == bindparam("lrid"), LINK_REQUESTS.c.oid == bindparam("oid"))
)
SEL_LINK_REQUEST_STATUS = DriverSQL(
    select(LINK_REQUESTS.c.status, LINK_REQUESTS.c.uuid).where(
        LINK_REQUESTS.c.id == bindparam("lrid"), LINK_REQUESTS.c.oid == bindparam("oid")
    )
)
SEL_LINK_REQUEST_UUID = DriverSQL(
    select(LINK_REQUESTS.c.uuid).where(LINK_REQUESTS.c.id == bindparam("lrid"))
)
INS_LINK = _insert(LINKS)
CONFIRM_LINK_REQUEST = DriverSQL(
    update(LINK_REQUESTS)
    .where(LINK_REQUESTS.c.id == bindparam("lrid"), LINK_REQUESTS.c.status == "pending")
    .values(status="confirmed", idempotency_key=bindparam("key"))
)
CANCEL_LINK_REQUEST = DriverSQL(
    update(LINK_REQUESTS).where(LINK_REQUESTS.c.id == bindparam("lrid")).values(status="cancelled")
)
SEL_LINK_BY_REQUEST = DriverSQL(_link_select().where(LINKS.c.link_request_id == bindparam("lrid")))
SEL_LINK_BY_OID = DriverSQL(_link_select().where(LINKS.c.oid == bindparam("oid"), LINKS.c.active))
INS_AUDIT = _insert(AUDIT)
SEL_ANY_IDENTITY = DriverSQL(select(IDENTITIES.c.uuid).limit(1))


# -- several writes in one statement on PostgreSQL ---------------------------------------

STATE_LOOKUPS = cast(Any, SEL_REQUEST_STATE.statement).selected_columns


def _new_row(table: Table, name: str, *returning: str) -> Any:
    """``INSERT … RETURNING`` as a CTE; its values are bound as ``new_<column>``."""
    values = {c.key: bindparam(f"new_{c.key}", type_=c.type) for c in table.columns}
    return (
        insert(table).values(values).returning(*(table.c[column] for column in returning)).cte(name)
    )


def _audit_of(source: Any, oid: Any, uuid: Any, subject: Any) -> Any:
    """The audit row of a write the same statement makes (``audit_<column>`` binds)."""
    return insert(AUDIT).from_select(
        ["at", "event", "oid", "uuid", "outcome", "request_id", "subject_id", "detail"],
        select(
            bindparam("audit_at", type_=UTCDateTime()),
            bindparam("audit_event", type_=String(40)),
            oid,
            uuid,
            bindparam("audit_outcome", type_=String(40)),
            bindparam("audit_request_id", type_=String(80)),
            subject,
            bindparam("audit_detail", type_=String()),
        ).select_from(source),
    )


_USED = cast(Any, USE_CHALLENGE.statement).returning(CHALLENGES.c.id).cte("used")
PG_USE_CHALLENGE_WITH_STATE = DriverSQL(
    select(
        select(func.count()).select_from(_USED).scalar_subquery().label("used"),
        *STATE_LOOKUPS,
    )
)
_NEW_REQUEST = _new_row(LINK_REQUESTS, "new_request", "id", "oid", "uuid")
PG_INS_LINK_REQUEST_AUDITED = DriverSQL(
    _audit_of(_NEW_REQUEST, _NEW_REQUEST.c.oid, _NEW_REQUEST.c.uuid, _NEW_REQUEST.c.id)
)
_NEW_LINK = _new_row(LINKS, "new_link", "id", "oid", "uuid")
_CONFIRMED = (
    cast(Any, CONFIRM_LINK_REQUEST.statement).returning(LINK_REQUESTS.c.id).cte("confirmed")
)
PG_INS_LINK_CONFIRMED_AUDITED = DriverSQL(
    _audit_of(
        _NEW_LINK.join(_CONFIRMED, true()),  # no row unless both writes happened
        _NEW_LINK.c.oid,
        _NEW_LINK.c.uuid,
        _NEW_LINK.c.id,
    )
)


def _written(row: dict[str, Any]) -> dict[str, Any]:
    """The audit columns that name the row just written."""
    return {"oid": row["oid"], "uuid": row["uuid"], "subject_id": row["id"]}


def _prefixed(prefix: str, values: dict[str, Any]) -> dict[str, Any]:
    return {f"{prefix}{key}": value for key, value in values.items()}


async def use_challenge_reading_state(tx: Tx, params: dict[str, Any]) -> tuple[int, Any]:
    """Use the challenge up (``cid``, ``coid``, ``now``, ``used``) and read the request's
    state (``uuid``, ``oid``): (1 if this call used it, the state row)."""
    if tx.dialect_name == "postgresql":
        row = await tx.first(PG_USE_CHALLENGE_WITH_STATE, params)
        return int(row.used), row
    used = await tx.execute(USE_CHALLENGE, params)
    return used, await tx.first(SEL_REQUEST_STATE, params)


async def insert_link_request(tx: Tx, row: dict[str, Any], audit: dict[str, Any]) -> None:
    """The link request row and its audit row (at, event, outcome, request_id, detail;
    who and what come from the row)."""
    if tx.dialect_name == "postgresql":
        params = _prefixed("new_", row) | _prefixed("audit_", audit)
        await tx.execute(PG_INS_LINK_REQUEST_AUDITED, params)
        return
    await tx.execute(INS_LINK_REQUEST, row)
    await tx.execute(
        INS_AUDIT, audit | {"oid": row["oid"], "uuid": row["uuid"], "subject_id": row["id"]}
    )


async def insert_confirmed_link(
    tx: Tx, link: dict[str, Any], confirm: dict[str, Any], audit: dict[str, Any]
) -> None:
    """The link row, its request marked confirmed (``lrid``, ``key``), the audit row."""
    if tx.dialect_name == "postgresql":
        params = _prefixed("new_", link) | confirm | _prefixed("audit_", audit)
        await tx.execute(PG_INS_LINK_CONFIRMED_AUDITED, params)
        return
    await tx.execute(INS_LINK, link)
    await tx.execute(CONFIRM_LINK_REQUEST, confirm)
    await tx.execute(
        INS_AUDIT, audit | {"oid": link["oid"], "uuid": link["uuid"], "subject_id": link["id"]}
    )


# The whole confirm in one statement (PostgreSQL), when the request may be confirmed
# right now: pending, not expired, identity active, account active with the AUP
# accepted. No row back: the full path in the service says why (or finds the link a
# retry already made).
_PENDING = (
    select(
        LINK_REQUESTS.c.id,
        LINK_REQUESTS.c.oid,
        LINK_REQUESTS.c.email,
        LINK_REQUESTS.c.account_name,
        LINK_REQUESTS.c.uuid,
        LINK_REQUESTS.c.certificate_not_after,
        LINK_REQUESTS.c.certificate_issuer,
        IDENTITIES.c.display_name.label("identity_name"),
        IDENTITIES.c.status.label("identity_status"),
    )
    .join(IDENTITIES, IDENTITIES.c.uuid == LINK_REQUESTS.c.uuid)
    .join(ACCOUNTS, ACCOUNTS.c.oid == LINK_REQUESTS.c.oid)
    .where(
        LINK_REQUESTS.c.id == bindparam("lrid"),
        LINK_REQUESTS.c.oid == bindparam("oid"),
        LINK_REQUESTS.c.status == "pending",
        LINK_REQUESTS.c.expires_at > bindparam("now", type_=UTCDateTime()),
        IDENTITIES.c.status == "active",
        ACCOUNTS.c.active,
        ACCOUNTS.c.aup_accepted,
    )
    .cte("pending")
)
_CONFIRMED_LINK = (
    insert(LINKS)
    .from_select(
        [c.key for c in LINKS.columns],
        select(
            bindparam("new_id", type_=String(40)),
            bindparam("new_reference", type_=String(20)),
            _PENDING.c.id,
            _PENDING.c.oid,
            _PENDING.c.email,
            _PENDING.c.account_name,
            _PENDING.c.uuid,
            _PENDING.c.certificate_not_after,
            _PENDING.c.certificate_issuer,
            bindparam("now", type_=UTCDateTime()),
            true(),
            cast_(null(), UTCDateTime()),
        ),
    )
    .returning(LINKS.c.id, LINKS.c.oid, LINKS.c.uuid, LINKS.c.link_request_id)
    .cte("confirmed_link")
)
_MARKED = (
    update(LINK_REQUESTS)
    .where(LINK_REQUESTS.c.id == _CONFIRMED_LINK.c.link_request_id)
    .values(status="confirmed", idempotency_key=bindparam("key"))
    .returning(LINK_REQUESTS.c.id)
    .cte("marked")
)
_CONFIRM_AUDITED = (
    _audit_of(
        _CONFIRMED_LINK,
        _CONFIRMED_LINK.c.oid,
        _CONFIRMED_LINK.c.uuid,
        _CONFIRMED_LINK.c.id,
    )
    .returning(AUDIT.c.id)
    .cte("confirm_audited")
)
PG_CONFIRM_PENDING = DriverSQL(
    select(_PENDING).select_from(
        _PENDING.join(_CONFIRMED_LINK, true()).join(_MARKED, true()).join(_CONFIRM_AUDITED, true())
    )
)


async def confirm_pending(tx: Tx, params: dict[str, Any], audit: dict[str, Any]) -> Any:
    """PostgreSQL: the link, the request marked confirmed and the audit row in one
    statement if the request may be confirmed now (``lrid``, ``oid``, ``now``,
    ``new_id``, ``new_reference``, ``key``); the request's row, or None. Always None on
    SQLite, where the service's full path runs."""
    if tx.dialect_name != "postgresql":
        return None
    return await tx.first(PG_CONFIRM_PENDING, params | _prefixed("audit_", audit))
