"""Database schema and engine: SQLite (embedded default) or PostgreSQL (psycopg 3).

Uniqueness that matters is enforced by the database itself: one active link per
account and one per Care Identity (partial unique indexes), one link per link
request. SQLite runs in WAL mode with foreign keys and synchronous=FULL, and every
transaction starts with BEGIN IMMEDIATE so concurrent writers queue instead of
failing on a lock upgrade.
"""

from __future__ import annotations

try:
    import fcntl
except ImportError:  # Windows: SQLite's busy handler alone queues writers
    fcntl = None  # type: ignore[assignment]

import logging
import os
import sqlite3
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import (
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    text,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, whatever the backend stores."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Identity(Base):
    """A Care Identity directory entry (imported from the directory's CSV export)."""

    __tablename__ = "identities"
    uuid: Mapped[str] = mapped_column(String(12), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))  # active | inactive
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Account(Base):
    """What the portal knows of an NHSmail account besides its token: AUP state.

    An account is keyed by the token's immutable ``oid`` within its tenant ``tid``.
    An admin may set the AUP state by email before the oid is known; the first
    sign-in with that address binds the row to its oid + tid for good.
    """

    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    oid: Mapped[str | None] = mapped_column(String(64), unique=True)
    tid: Mapped[str | None] = mapped_column(String(64))
    email: Mapped[str | None] = mapped_column(String(320), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    aup_accepted: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Challenge(Base):
    __tablename__ = "challenges"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    oid: Mapped[str] = mapped_column(String(64), index=True)
    nonce: Mapped[bytes] = mapped_column(LargeBinary(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class LinkRequest(Base):
    """A verified, pending request; confirmed, cancelled or left to expire."""

    __tablename__ = "link_requests"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    oid: Mapped[str] = mapped_column(String(64), index=True)
    email: Mapped[str] = mapped_column(String(320))
    account_name: Mapped[str] = mapped_column(String(200))
    uuid: Mapped[str] = mapped_column(String(12), ForeignKey("identities.uuid"))
    certificate_not_after: Mapped[datetime] = mapped_column(UTCDateTime())
    certificate_issuer: Mapped[str] = mapped_column(String(400))
    names_match: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16))  # pending | confirmed | cancelled
    idempotency_key: Mapped[str | None] = mapped_column(String(200))


class Link(Base):
    __tablename__ = "links"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    link_request_id: Mapped[str | None] = mapped_column(
        String(40), ForeignKey("link_requests.id"), unique=True
    )
    oid: Mapped[str] = mapped_column(String(64))
    email: Mapped[str] = mapped_column(String(320))
    account_name: Mapped[str] = mapped_column(String(200))
    uuid: Mapped[str] = mapped_column(String(12), ForeignKey("identities.uuid"))
    certificate_not_after: Mapped[datetime | None] = mapped_column(UTCDateTime())
    certificate_issuer: Mapped[str | None] = mapped_column(String(400))
    linked_at: Mapped[datetime] = mapped_column(UTCDateTime())
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        Index("ix_links_oid", "oid"),
        Index("ix_links_uuid", "uuid"),
        Index(
            "uq_links_active_oid",
            "oid",
            unique=True,
            sqlite_where=text("active"),
            postgresql_where=text("active"),
        ),
        Index(
            "uq_links_active_uuid",
            "uuid",
            unique=True,
            sqlite_where=text("active"),
            postgresql_where=text("active"),
        ),
    )


class AuditEvent(Base):
    """Who did what when, and how it ended. Never a token, certificate or signature."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    event: Mapped[str] = mapped_column(String(40))
    oid: Mapped[str | None] = mapped_column(String(64))
    uuid: Mapped[str | None] = mapped_column(String(12))
    outcome: Mapped[str] = mapped_column(String(40))
    request_id: Mapped[str | None] = mapped_column(String(80))
    subject_id: Mapped[str | None] = mapped_column(String(40))  # link request / link id
    detail: Mapped[str | None] = mapped_column(Text)


IDENTITIES = cast(Table, Identity.__table__)
ACCOUNTS = cast(Table, Account.__table__)
LINKS = cast(Table, Link.__table__)
AUDIT = cast(Table, AuditEvent.__table__)


class _WriterLockedConnection(sqlite3.Connection):
    """A sqlite3 connection that queues writers on an flock()ed side file.

    SQLite's own busy handler polls with sleeps of up to 100 ms, which wrecks latency
    when threads and worker processes write concurrently; a kernel file lock wakes the
    next writer the moment the previous one commits.
    """

    lock_path: str | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._lock_fd: int | None = None
        self._locked = False
        if self.lock_path and fcntl is not None:
            self._lock_fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)

    def lock_for_write(self) -> None:
        if self._lock_fd is not None and not self._locked and fcntl is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
            self._locked = True

    def _unlock(self) -> None:
        if self._locked and self._lock_fd is not None and fcntl is not None:
            self._locked = False
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self._unlock()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._unlock()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._unlock()
            if self._lock_fd is not None:
                os.close(self._lock_fd)
                self._lock_fd = None


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see _sqlite_begin)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def begin_write(dbapi: Any) -> None:
    """Begin a write transaction on a sqlite3 connection: queue on the side lock (other
    processes' writers), then take SQLite's write lock up front (``BEGIN IMMEDIATE``:
    no deadlock on a lock upgrade)."""
    side_lock = isinstance(dbapi, _WriterLockedConnection)
    if side_lock:
        dbapi.lock_for_write()
    try:
        dbapi.execute("BEGIN IMMEDIATE")
    except Exception:
        if side_lock:
            dbapi._unlock()
        raise


WAIT_FOR_DISK = "wait_for_disk"  # execution option; False: see _sqlite_begin


def _sqlite_begin(connection: Any) -> None:
    """Every transaction through SQLAlchemy is a writer. It commits only once on disk
    (``synchronous=FULL``) unless the engine says ``wait_for_disk=False``: such a
    commit survives the process being killed, and reaches the disk with the next
    durable commit (the WAL is written in order); only a power cut in between loses
    it. The service uses that for what a user can simply try again (a challenge, a
    pending link request, an audit record of a refusal), never for a link."""
    dbapi = connection.connection.dbapi_connection
    durable = connection.get_execution_options().get(WAIT_FOR_DISK, True)
    dbapi.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
    begin_write(dbapi)


def make_engine(url: str, *, pool_size: int = 8) -> Engine:
    """An engine with the backend's durability and locking set up (every commit durable).

    At most ``pool_size`` connections: the portal's calls wait for a free one rather
    than open more, so a deployment can size the database's connection limit."""
    # SQL statements and result rows hold names, emails and Care Identity numbers: they
    # never reach a log, whatever level the process (or a host app, as in the sandbox) sets,
    # and a failed statement's error (logged as unexpected) names no parameter.
    logging.getLogger("sqlalchemy").setLevel(logging.WARNING)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        factory: type[sqlite3.Connection] = sqlite3.Connection
        if parsed.database and parsed.database != ":memory:":
            factory = type(
                "WriterLockedConnection",
                (_WriterLockedConnection,),
                {"lock_path": os.path.abspath(parsed.database) + "-writelock"},
            )
        engine = create_engine(
            parsed,
            connect_args={"timeout": 30, "check_same_thread": False, "factory": factory},
            pool_size=pool_size,
            max_overflow=0,
            hide_parameters=True,
        )
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(parsed, pool_size=pool_size, max_overflow=0, hide_parameters=True)
    raise ValueError(f"unsupported database {parsed.get_backend_name()!r} (sqlite, postgresql)")
