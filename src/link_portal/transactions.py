"""Where the service's transactions run: group commit on SQLite, asyncio on PostgreSQL.

A durable commit waits for the disk (SQLite: an fsync of the WAL). On SQLite each
process runs every queued write in one transaction and commits once: many writes
share one disk flush, a write that fails is rolled back alone (the others run again
without it), and nobody hears "done" before the commit is on disk. On PostgreSQL
the writes waiting together share a transaction too (BEGIN and COMMIT are round trips
and server work of their own), on connections driven by psycopg's asyncio API so the
event loop serves other requests while one waits for the server.

A write's ``work`` may run more than once (a failed batch runs its writes again
alone), so it only runs statements and computes values; it must not touch anything
outside the transaction.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.pool import PoolProxiedConnection

from link_portal.db import begin_write
from link_portal.driver_sql import DatabaseUnavailable, DriverErrors, Tx

T = TypeVar("T")
Work = Callable[[Tx], Awaitable[T]]
log = logging.getLogger(__name__)

MAX_BATCH = 64  # writes per shared commit: bounds how long one batch holds the lock
PG_READ_CONNECTIONS = 8  # per worker process (config: database_connections)
# Every statement the calls run finds its rows by key. psycopg prepares a statement
# after a few runs and PostgreSQL then keeps one generic plan for it per connection,
# made from the table sizes of that moment: made while the tables are small (a new
# portal), it scans whole tables and goes on scanning them as they grow, until the
# next ANALYZE. Seq scans off makes that plan use the indexes at any size.
PG_SESSION_OPTIONS = "-c enable_seqscan=off"


class Transactions(Protocol):
    async def write(self, work: Work[T]) -> T:
        """Run ``work`` in a write transaction; return once it is committed and durable.
        If ``work`` raises, none of its writes stay and the exception propagates.
        ``work`` runs statements only: it must not wait on anything else."""
        ...

    async def read(self, work: Work[T]) -> T:
        """Run ``work`` against a consistent snapshot (no writes)."""
        ...

    async def close(self) -> None: ...


def _unavailable(exc: BaseException) -> DatabaseUnavailable:
    first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    failure = DatabaseUnavailable(first_line)
    failure.__cause__ = exc
    return failure


Job = tuple[Work[Any], asyncio.Future[Any]]


class _QueuedWrites:
    """Writes queued on the event loop and committed in batches by drain tasks (at most
    ``max_drains`` at a time); a subclass says how one batch is committed."""

    max_drains = 1

    def __init__(self, max_batch: int) -> None:
        self._max_batch = max_batch
        self._pending: list[Job] = []
        self._drains: set[asyncio.Task[None]] = set()
        self._closed = False
        self.batches = 0  # commits so far, and the writes they carried (tests read them)
        self.writes = 0

    async def write(self, work: Work[T]) -> T:
        if self._closed:
            raise DatabaseUnavailable("the portal is shutting down")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._pending.append((work, future))
        if len(self._drains) < self.max_drains:
            self._drains.add(loop.create_task(self._drain()))
        return await future

    async def _drain(self) -> None:
        try:
            while self._pending:
                await self._commit_next()
        finally:
            # at once, not in a done-callback: a write queued in between would otherwise
            # see this drain still counted, start none, and wait forever
            task = asyncio.current_task()
            if task is not None:
                self._drains.discard(task)

    async def _commit_next(self) -> None:
        """Take the next batch from ``_pending`` (when ready for it) and commit it."""
        raise NotImplementedError

    def _take_batch(self) -> list[Job]:
        batch = self._pending[: self._max_batch]
        del self._pending[: self._max_batch]
        return batch

    async def _stop_draining(self) -> None:
        self._closed = True
        if self._drains:
            await asyncio.gather(*self._drains, return_exceptions=True)

    def _settle(self, batch: list[Job], outcomes: list[tuple[bool, Any]]) -> None:
        """Tell each writer of a committed batch its result (or its own failure)."""
        self.batches += 1
        self.writes += len(batch)
        for (_work, future), (ok, value) in zip(batch, outcomes, strict=True):
            if future.done():  # the caller went away; the write stands
                continue
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)

    @staticmethod
    def _fail_all(batch: list[Job], failure: BaseException) -> None:
        for _work, future in batch:
            if not future.done():
                future.set_exception(failure)


class GroupCommitTransactions(_QueuedWrites):
    """SQLite: queued writes share one transaction and one disk flush (module doc).

    The statements run on the event loop (each takes microseconds); taking the write
    lock and committing (waits on another process and on the disk) run on one helper
    thread, so the loop serves other requests meanwhile and the writes that arrive
    during a flush form the next batch.
    """

    def __init__(self, engine: Engine, max_batch: int = MAX_BATCH) -> None:
        super().__init__(max_batch)
        self._engine = engine
        self._errors = DriverErrors.of(engine.dialect)
        self._disk = ThreadPoolExecutor(1, thread_name_prefix="link-portal-commit")
        self._writer: PoolProxiedConnection | None = None
        self._reader: PoolProxiedConnection | None = None

    async def read(self, work: Work[T]) -> T:
        """On the loop itself: a WAL reader never waits for writers, and the loop runs one
        read at a time, so one connection serves them all."""
        if self._reader is None:
            self._reader = self._connect()
        dbapi: Any = self._reader.dbapi_connection
        cursor = dbapi.cursor()
        try:
            return await work(Tx(cursor, self._engine.dialect, self._errors))
        except self._errors.unavailable as exc:
            raise _unavailable(exc) from exc
        finally:
            cursor.close()
            if dbapi.in_transaction:
                dbapi.rollback()

    async def close(self) -> None:
        await self._stop_draining()
        self._disk.shutdown(wait=True)
        for connection in (self._writer, self._reader):
            if connection is not None:
                connection.close()
        self._writer = self._reader = None

    def _connect(self) -> PoolProxiedConnection:
        try:
            return self._engine.raw_connection()  # kept for the life of the app
        except Exception as exc:  # the pool wraps the driver's error
            raise DatabaseUnavailable(f"cannot open the database: {exc}") from exc

    async def _commit_next(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            if self._writer is None:
                self._writer = self._connect()
            dbapi: Any = self._writer.dbapi_connection
            await loop.run_in_executor(self._disk, begin_write, dbapi)
        except BaseException as exc:
            batch, self._pending = self._pending, []
            self._fail(batch, exc)
            if isinstance(exc, asyncio.CancelledError):
                raise
            return
        # everything queued while waiting for the lock joins this batch
        batch = self._take_batch()
        outcomes = await self._run_batch(dbapi, batch)
        if outcomes is None:  # the transaction itself failed; _fail told them
            return
        try:
            # shielded: once started, a commit's outcome is the one reported
            await asyncio.shield(loop.run_in_executor(self._disk, dbapi.commit))
        except Exception as exc:
            self._fail(batch, exc)
            return
        self._settle(batch, outcomes)

    async def _run_batch(self, dbapi: Any, batch: list[Job]) -> list[tuple[bool, Any]] | None:
        """All writes in one savepoint; if one fails, that is undone and each write runs
        again in a savepoint of its own, so a failure takes only its own write out."""
        outcomes: list[tuple[bool, Any]] = []
        cursor = dbapi.cursor()
        tx = Tx(cursor, self._engine.dialect, self._errors)
        try:
            if len(batch) == 1:
                try:
                    outcomes.append((True, await batch[0][0](tx)))
                except Exception as exc:
                    self._fail(batch, exc)
                    return None
                return outcomes
            cursor.execute("SAVEPOINT batch")
            try:
                outcomes = [(True, await work(tx)) for work, _future in batch]
            except Exception:
                cursor.execute("ROLLBACK TO batch")
                outcomes = []
                for work, _future in batch:
                    cursor.execute("SAVEPOINT write")
                    try:
                        outcomes.append((True, await work(tx)))
                    except Exception as exc:
                        cursor.execute("ROLLBACK TO write")
                        outcomes.append((False, exc))
                    cursor.execute("RELEASE write")
            cursor.execute("RELEASE batch")
            return outcomes
        except BaseException as exc:  # the transaction is unusable: nothing commits
            self._fail(batch, exc)
            if isinstance(exc, asyncio.CancelledError):
                raise
            return None
        finally:
            cursor.close()

    def _fail(self, batch: list[Job], exc: BaseException) -> None:
        """Roll back and tell every writer of the batch; an outage drops the connection."""
        outage = isinstance(exc, self._errors.unavailable)
        writer = self._writer
        if writer is not None:
            try:
                dbapi: Any = writer.dbapi_connection
                dbapi.rollback()
            except Exception:
                log.debug("rollback after a failed batch failed", exc_info=True)
            if outage:
                writer.invalidate()
                self._writer = None
        self._fail_all(batch, _unavailable(exc) if outage else exc)


class _AsyncPgConnections:
    """psycopg asyncio connections, made from the engine's URL and reused."""

    def __init__(self, engine: Engine, size: int, *, autocommit: bool) -> None:
        import psycopg

        self._engine = engine
        self._connect_args = engine.dialect.create_connect_args(engine.url)
        self._autocommit = autocommit
        self._slots = asyncio.Semaphore(size)
        self._idle: list[psycopg.AsyncConnection[Any]] = []
        self._errors = DriverErrors.of(engine.dialect)

    async def _connect(self) -> Any:
        import psycopg

        cargs, cparams = self._connect_args
        params = dict(cparams)
        params["options"] = " ".join(filter(None, (params.get("options"), PG_SESSION_OPTIONS)))
        try:
            return await psycopg.AsyncConnection.connect(
                *cargs, autocommit=self._autocommit, **params
            )
        except self._errors.unavailable as exc:
            raise _unavailable(exc) from exc

    async def run(self, work: Work[T], *, commit: bool) -> T:
        async with self._slots:
            connection = self._idle.pop() if self._idle else await self._connect()
            try:
                async with connection.cursor() as cursor:
                    result = await work(
                        Tx(cursor, self._engine.dialect, self._errors, awaitable=True)
                    )
                if commit:
                    await connection.commit()
                elif not self._autocommit:
                    await connection.rollback()
            except self._errors.unavailable as exc:
                await self._discard(connection)
                raise _unavailable(exc) from exc
            except BaseException:
                try:
                    await connection.rollback()
                except self._errors.unavailable as exc:
                    await self._discard(connection)
                    raise _unavailable(exc) from exc
                self._idle.append(connection)
                raise
            self._idle.append(connection)
            return result

    @staticmethod
    async def _discard(connection: Any) -> None:
        try:
            await connection.close()
        except Exception:
            log.debug("closing a broken connection failed", exc_info=True)

    async def close(self) -> None:
        idle, self._idle = self._idle, []
        for connection in idle:
            await self._discard(connection)


class AsyncPgTransactions(_QueuedWrites):
    """PostgreSQL without threads: writes queued together share a transaction (BEGIN
    and COMMIT are round trips and server work of their own), reads run one statement
    each in autocommit.

    There are no savepoints (each would cost two more round trips): if any write of a
    batch fails, the batch is rolled back and each of its writes runs again alone, so a
    failure still takes only its own write out.
    """

    max_drains = 2  # one batch commits while the next runs its statements

    def __init__(
        self, engine: Engine, readers: int = PG_READ_CONNECTIONS, max_batch: int = MAX_BATCH
    ) -> None:
        super().__init__(max_batch)
        # each running batch holds one connection, so writes never need more
        self._writers = _AsyncPgConnections(engine, self.max_drains, autocommit=False)
        self._readers = _AsyncPgConnections(engine, readers, autocommit=True)

    async def read(self, work: Work[T]) -> T:
        # one statement per read here: autocommit saves the round trip of a ROLLBACK
        return await self._readers.run(work, commit=False)

    async def close(self) -> None:
        await self._stop_draining()
        await self._writers.close()
        await self._readers.close()

    async def _commit_next(self) -> None:
        await self._commit(self._take_batch())

    async def _commit(self, batch: list[Job]) -> None:
        async def together(tx: Tx) -> list[Any]:
            return [await work(tx) for work, _future in batch]

        try:
            results = await self._writers.run(together, commit=True)
        except DatabaseUnavailable as exc:
            self._fail_all(batch, exc)
            return
        except Exception as exc:
            if len(batch) == 1:
                self._fail_all(batch, exc)
                return
            for job in batch:  # rolled back: each again on its own, to isolate the failure
                await self._commit([job])
            return
        self._settle(batch, [(True, result) for result in results])


def open_transactions(engine: Engine, read_connections: int = PG_READ_CONNECTIONS) -> Transactions:
    """``read_connections``: PostgreSQL only, at most this many reads at once per process
    (each on its own connection; writes add ``AsyncPgTransactions.max_drains``)."""
    if engine.dialect.name == "sqlite":
        if engine.url.database in (None, "", ":memory:"):
            raise ValueError("the portal needs a database file, not an in-memory SQLite")
        return GroupCommitTransactions(engine)
    if engine.dialect.driver == "psycopg":
        return AsyncPgTransactions(engine, read_connections)
    raise ValueError(f"unsupported database driver {engine.dialect.driver!r} (psycopg)")
