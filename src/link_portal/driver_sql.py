"""SQLAlchemy statements compiled once per dialect and run on the driver's own cursor.

The portal's statements are SQLAlchemy Core (same tables, same SQL on SQLite and
PostgreSQL). Running them through SQLAlchemy's ``Connection`` cost more CPU than
the database itself did (a profile of the flow showed it), so the
service compiles each statement once for the engine's dialect and executes the
compiled SQL on the DBAPI cursor, converting values with the same type processors
SQLAlchemy would use (UTC datetimes, booleans).
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Dialect
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import BindParameter

Processor = Callable[[Any], Any] | None
_NO_DEFAULT = object()


class UniqueViolation(Exception):
    """A unique constraint or index refused a write (either backend)."""


class DatabaseUnavailable(Exception):
    """The database cannot be reached or cannot write (disk, network, restart)."""


@dataclass(frozen=True)
class _Compiled:
    sql: str
    positional: bool
    names: tuple[str, ...]
    binds: tuple[tuple[str, Processor, Any], ...]  # name, processor, default value
    results: tuple[Processor, ...]
    row_type: Any  # namedtuple class, or None for statements that return no rows


class DriverSQL:
    """One Core statement; compiled on first use for each dialect."""

    def __init__(self, statement: ClauseElement, columns: Sequence[str] | None = None) -> None:
        self.statement = statement
        self.columns = list(columns) if columns is not None else None
        self._compiled: dict[int, _Compiled] = {}

    def compiled(self, dialect: Dialect) -> _Compiled:
        found = self._compiled.get(id(dialect))
        if found is None:
            found = self._compile(dialect)
            self._compiled[id(dialect)] = found
        return found

    def _compile(self, dialect: Dialect) -> _Compiled:
        compiled = cast(
            SQLCompiler, self.statement.compile(dialect=dialect, column_keys=self.columns)
        )
        # rendered name -> parameter (anonymous ones, like literals, get names like param_1)
        binds: dict[str, BindParameter[Any]] = {
            name: bind for bind, name in compiled.bind_names.items()
        }
        order = compiled.positiontup
        positional = order is not None
        names = tuple(order) if order is not None else tuple(binds)
        processed = []
        for name in names:
            bind = binds[name]
            processor = bind.type.dialect_impl(dialect).bind_processor(dialect)
            default = _NO_DEFAULT if bind.required else bind.effective_value
            processed.append((name, processor, default))
        columns = list(getattr(self.statement, "selected_columns", None) or ())
        if not columns:
            columns = list(getattr(self.statement, "exported_columns", None) or ())
        results = tuple(
            c.type.dialect_impl(dialect).result_processor(dialect, None) for c in columns
        )
        row_type = namedtuple("Row", [c.key for c in columns]) if columns else None
        return _Compiled(compiled.string, positional, names, tuple(processed), results, row_type)


def _arguments(compiled: _Compiled, params: Mapping[str, Any]) -> Any:
    values = []
    for name, processor, default in compiled.binds:
        value = params.get(name, default)
        if value is _NO_DEFAULT:
            raise KeyError(f"no value for bind parameter {name!r}")
        values.append(processor(value) if processor is not None and value is not None else value)
    if compiled.positional:
        return tuple(values)
    return dict(zip(compiled.names, values, strict=True))


class Tx:
    """Statements inside one transaction on a driver cursor: a blocking one (sqlite3)
    or an asyncio one (psycopg's ``AsyncCursor``, ``awaitable=True``)."""

    __slots__ = ("_awaitable", "_cursor", "_dialect", "_errors")

    def __init__(
        self, cursor: Any, dialect: Dialect, errors: DriverErrors, *, awaitable: bool = False
    ) -> None:
        self._cursor = cursor
        self._dialect = dialect
        self._errors = errors
        self._awaitable = awaitable

    @property
    def dialect_name(self) -> str:
        return str(self._dialect.name)

    async def _run(self, sql: DriverSQL, params: Mapping[str, Any]) -> _Compiled:
        compiled = sql.compiled(self._dialect)
        arguments = _arguments(compiled, params)
        try:
            if self._awaitable:
                await self._cursor.execute(compiled.sql, arguments)
            else:
                self._cursor.execute(compiled.sql, arguments)
        except self._errors.integrity as exc:
            if self._errors.is_unique(exc):
                raise UniqueViolation(str(exc).splitlines()[0]) from exc
            raise
        return compiled

    async def execute(self, sql: DriverSQL, params: Mapping[str, Any]) -> int:
        """Run a statement that returns no rows; the number of rows it changed."""
        await self._run(sql, params)
        return int(self._cursor.rowcount)

    async def all(self, sql: DriverSQL, params: Mapping[str, Any]) -> list[Any]:
        compiled = await self._run(sql, params)
        if self._awaitable:
            rows = await self._cursor.fetchall()
        else:
            rows = self._cursor.fetchall()
        processors = compiled.results
        make = compiled.row_type
        return [
            make(*(p(v) if p is not None else v for p, v in zip(processors, row, strict=True)))
            for row in rows
        ]

    async def first(self, sql: DriverSQL, params: Mapping[str, Any]) -> Any:
        """The first row (attribute access by column name), or None."""
        rows = await self.all(sql, params)
        return rows[0] if rows else None


@dataclass(frozen=True)
class DriverErrors:
    """The driver's exception classes, for telling conflicts from outages."""

    integrity: type[BaseException]
    unavailable: tuple[type[BaseException], ...]

    @staticmethod
    def is_unique(exc: BaseException) -> bool:
        sqlstate = getattr(exc, "sqlstate", None)
        if sqlstate is not None:
            return bool(sqlstate == "23505")
        return "UNIQUE constraint failed" in str(exc)

    @classmethod
    def of(cls, dialect: Dialect) -> DriverErrors:
        dbapi = dialect.loaded_dbapi
        return cls(dbapi.IntegrityError, (dbapi.OperationalError, dbapi.InterfaceError))
