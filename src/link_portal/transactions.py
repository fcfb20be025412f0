"""Where the service's transactions run: group commit on SQLite, direct on PostgreSQL.

A durable commit waits for the disk (SQLite: an fsync of the WAL). On SQLite each
process runs every queued write in one transaction, each in its own savepoint, and
commits once: many writes share one disk flush, a write that fails rolls back only
its own savepoint, and nobody hears "done" before the commit is on disk. PostgreSQL
already groups the WAL flushes of concurrent commits, so there each transaction runs
on a thread with a connection of its own.
"""

from __future__ import annotations

import asyncio
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, TypeVar, cast

from sqlalchemy.engine import Engine
from sqlalchemy.pool import PoolProxiedConnection

from link_portal.driver_sql import DatabaseUnavailable, DriverErrors, Tx

T = TypeVar("T")
Work = Callable[[Tx], T]
log = logging.getLogger(__name__)

MAX_BATCH = 64  # writes per shared commit: bounds how long one batch holds the lock


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


class _Connections:
    """Driver connections taken from the engine's pool once and reused by any thread."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._idle: queue.SimpleQueue[PoolProxiedConnection] = queue.SimpleQueue()
        self._all: list[PoolProxiedConnection] = []
        self._lock = threading.Lock()
        self.errors = DriverErrors.of(engine.dialect)

    def get(self) -> PoolProxiedConnection:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        try:
            fairy = self._engine.raw_connection()
        except Exception as exc:  # the pool wraps the driver's error
            raise DatabaseUnavailable(f"cannot connect to the database: {exc}") from exc
        with self._lock:
            self._all.append(fairy)
        return fairy

    def put(self, fairy: PoolProxiedConnection, *, broken: bool = False) -> None:
        if broken:
            with self._lock:
                if fairy in self._all:
                    self._all.remove(fairy)
            fairy.invalidate()
            return
        self._idle.put(fairy)

    def close(self) -> None:
        with self._lock:
            fairies, self._all = self._all, []
        for fairy in fairies:
            try:
                fairy.close()
            except Exception:
                log.debug("closing a database connection failed", exc_info=True)

    def run(self, work: Work[T], commit: bool) -> T:
        """``work`` in its own transaction on an idle connection."""
        fairy = self.get()
        dbapi: Any = fairy.dbapi_connection
        try:
            cursor = dbapi.cursor()
            try:
                result = work(Tx(cursor, self._engine.dialect, self.errors))
            finally:
                cursor.close()
            if commit:
                dbapi.commit()
            else:
                dbapi.rollback()
        except self.errors.unavailable as exc:
            self.put(fairy, broken=True)
            raise DatabaseUnavailable(str(exc).splitlines()[0] if str(exc) else "") from exc
        except BaseException:
            try:
                dbapi.rollback()
            except self.errors.unavailable:
                self.put(fairy, broken=True)
                raise
            self.put(fairy)
            raise
        self.put(fairy)
        return result


class ThreadedTransactions:
    """Each transaction on a call thread of its own (PostgreSQL groups the WAL flushes
    of concurrent commits itself); the event loop never waits on the database."""

    def __init__(self, engine: Engine, threads: int = 8) -> None:
        self._writers = _Connections(engine)
        self._readers = _Connections(engine)
        self._threads = ThreadPoolExecutor(threads, thread_name_prefix="link-portal-db")

    async def write(self, work: Work[T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._threads, self._writers.run, work, True)

    async def read(self, work: Work[T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._threads, self._readers.run, work, False)

    async def close(self) -> None:
        self._threads.shutdown(wait=True)
        self._writers.close()
        self._readers.close()


class GroupCommitTransactions:
    """SQLite: queued writes share one transaction and one disk flush (module doc).

    The statements run on the event loop (each takes microseconds); taking the write
    lock and committing (waits on another process and on the disk) run on one helper
    thread, so the loop serves other requests meanwhile and the writes that arrive
    during a flush form the next batch.
    """

    def __init__(self, engine: Engine, max_batch: int = MAX_BATCH) -> None:
        self._engine = engine
        self._max_batch = max_batch
        self._connections = _Connections(engine)
        self._errors = self._connections.errors
        self._disk = ThreadPoolExecutor(1, thread_name_prefix="link-portal-commit")
        self._pending: list[tuple[Work[Any], asyncio.Future[Any]]] = []
        self._draining: asyncio.Task[None] | None = None
        self._writer: PoolProxiedConnection | None = None
        self._closed = False
        self.batches = 0  # commits so far, and the writes they carried (for benchmarks)
        self.writes = 0

    async def write(self, work: Work[T]) -> T:
        if self._closed:
            raise DatabaseUnavailable("the portal is shutting down")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._pending.append((work, future))
        if self._draining is None:
            self._draining = loop.create_task(self._drain())
        return await future

    async def read(self, work: Work[T]) -> T:
        # a WAL reader never waits for writers: run it right here
        return self._connections.run(work, False)

    async def close(self) -> None:
        self._closed = True
        if self._draining is not None:
            await self._draining
        self._disk.shutdown(wait=True)
        self._writer = None
        self._connections.close()  # the writer's connection among them

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self._pending:
                dbapi = self._connection()
                try:
                    await loop.run_in_executor(self._disk, self._begin, dbapi)
                except BaseException as exc:
                    batch, self._pending = self._pending, []
                    self._fail(batch, exc)
                    if isinstance(exc, asyncio.CancelledError):
                        raise
                    continue
                # everything queued while waiting for the lock joins this batch
                batch = self._pending[: self._max_batch]
                del self._pending[: self._max_batch]
                outcomes = self._run_batch(dbapi, batch)
                if outcomes is None:  # the transaction itself failed; _fail told them
                    continue
                try:
                    # shielded: once started, a commit's outcome is the one reported
                    await asyncio.shield(loop.run_in_executor(self._disk, dbapi.commit))
                except Exception as exc:
                    self._fail(batch, exc)
                    continue
                self.batches += 1
                self.writes += len(batch)
                for (_work, future), (ok, value) in zip(batch, outcomes, strict=True):
                    if future.done():  # the caller went away; the write stands
                        continue
                    if ok:
                        future.set_result(value)
                    else:
                        future.set_exception(value)
        finally:
            self._draining = None

    def _connection(self) -> Any:
        if self._writer is None:
            self._writer = self._connections.get()  # kept for the life of the app
        return self._writer.dbapi_connection

    @staticmethod
    def _begin(dbapi: Any) -> None:
        lock = getattr(dbapi, "lock_for_write", None)
        if lock is not None:
            lock()  # queue behind other processes' writers (see db._WriterLockedConnection)
        dbapi.execute("BEGIN IMMEDIATE")

    def _run_batch(
        self, dbapi: Any, batch: list[tuple[Work[Any], asyncio.Future[Any]]]
    ) -> list[tuple[bool, Any]] | None:
        """Each write in its own savepoint: one that fails leaves the others in."""
        outcomes: list[tuple[bool, Any]] = []
        cursor = dbapi.cursor()
        tx = Tx(cursor, self._engine.dialect, self._errors)
        try:
            if len(batch) == 1:
                try:
                    outcomes.append((True, batch[0][0](tx)))
                except Exception as exc:
                    dbapi.rollback()
                    self._settle(batch[0][1], exc)
                    return None
                return outcomes
            for work, _future in batch:
                cursor.execute("SAVEPOINT write")
                try:
                    outcomes.append((True, work(tx)))
                except Exception as exc:
                    cursor.execute("ROLLBACK TO write")
                    outcomes.append((False, exc))
                cursor.execute("RELEASE write")
            return outcomes
        except BaseException as exc:  # the transaction is unusable: nothing commits
            self._fail(batch, exc)
            return None
        finally:
            cursor.close()

    @staticmethod
    def _settle(future: asyncio.Future[Any], exc: BaseException) -> None:
        if not future.done():
            future.set_exception(exc)

    def _fail(self, batch: list[tuple[Work[Any], asyncio.Future[Any]]], exc: BaseException) -> None:
        """Roll back and tell every writer of the batch; an outage drops the connection."""
        writer = self._writer
        if writer is not None:
            try:
                cast(Any, writer.dbapi_connection).rollback()
            except Exception:
                log.debug("rollback after a failed batch failed", exc_info=True)
            if isinstance(exc, self._errors.unavailable):
                self._connections.put(writer, broken=True)
                self._writer = None
        failure: BaseException = exc
        if isinstance(exc, self._errors.unavailable):
            failure = DatabaseUnavailable(str(exc).splitlines()[0] if str(exc) else "")
            failure.__cause__ = exc
        for _work, future in batch:
            self._settle(future, failure)


def open_transactions(engine: Engine) -> Transactions:
    if engine.dialect.name == "sqlite":
        if engine.url.database in (None, "", ":memory:"):
            raise ValueError("the portal needs a database file, not an in-memory SQLite")
        return GroupCommitTransactions(engine)
    return ThreadedTransactions(engine)
