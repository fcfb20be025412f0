"""Group commit on SQLite: concurrent writes share a disk flush, a failing write takes
only itself out, and nothing is reported done before it is committed."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select
from sqlalchemy.engine import Engine

from link_portal.db import make_engine
from link_portal.driver_sql import DatabaseUnavailable, DriverSQL, Tx, UniqueViolation
from link_portal.transactions import GroupCommitTransactions

METADATA = MetaData()
NOTES = Table(
    "notes",
    METADATA,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("text", String(40), nullable=False),
)
INS_NOTE = DriverSQL(insert(NOTES), columns=("id", "text"))


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'notes.db'}")
    METADATA.create_all(engine)
    yield engine
    engine.dispose()


def _committed(engine_path: str) -> dict[int, str]:
    """What a separate engine (another process, after a crash) would read."""
    other = make_engine(engine_path)
    try:
        with other.connect() as conn:
            return {row.id: row.text for row in conn.execute(select(NOTES))}
    finally:
        other.dispose()


def _note(note_id: int, text: str) -> Any:
    async def work(tx: Tx) -> int:
        return await tx.execute(INS_NOTE, {"id": note_id, "text": text})

    return work


async def _write_all(transactions: GroupCommitTransactions, works: list[Any]) -> list[Any]:
    try:
        return await asyncio.gather(*(transactions.write(w) for w in works), return_exceptions=True)
    finally:
        await transactions.close()


def test_concurrent_writes_share_commits_and_are_all_durable(engine: Engine) -> None:
    transactions = GroupCommitTransactions(engine)
    results = asyncio.run(_write_all(transactions, [_note(i, f"n{i}") for i in range(200)]))
    assert results == [1] * 200
    assert _committed(str(engine.url)) == {i: f"n{i}" for i in range(200)}
    assert transactions.writes == 200
    assert transactions.batches < 200 / 4, "writes waiting together should share a commit"


def test_a_failing_write_rolls_back_only_itself(engine: Engine) -> None:
    async def half_then_clash(tx: Tx) -> None:
        await tx.execute(INS_NOTE, {"id": 1000, "text": "half-made"})
        await tx.execute(INS_NOTE, {"id": 5, "text": "clash"})  # the same key as a write before it

    async def refuses(tx: Tx) -> None:
        await tx.execute(INS_NOTE, {"id": 2000, "text": "refused"})
        raise ValueError("checked and refused")

    works = [_note(i, f"n{i}") for i in range(10)]
    works[6:6] = [half_then_clash, refuses]
    transactions = GroupCommitTransactions(engine)
    results = asyncio.run(_write_all(transactions, works))
    assert isinstance(results[6], UniqueViolation)
    assert isinstance(results[7], ValueError)
    assert [r for i, r in enumerate(results) if i not in (6, 7)] == [1] * 10
    assert transactions.batches < len(works), "the writes were expected to share a commit"
    committed = _committed(str(engine.url))
    assert committed == {i: f"n{i}" for i in range(10)}  # nothing of the failed two


def test_a_write_after_close_is_refused(engine: Engine) -> None:
    async def scenario() -> None:
        transactions = GroupCommitTransactions(engine)
        assert await transactions.write(_note(1, "before")) == 1
        await transactions.close()
        with pytest.raises(DatabaseUnavailable):
            await transactions.write(_note(2, "after"))

    asyncio.run(scenario())
    assert _committed(str(engine.url)) == {1: "before"}


def test_writes_one_after_another_each_commit(engine: Engine) -> None:
    """A write queued just as the previous batch's drain ends still gets committed."""

    async def one_after_another(transactions: GroupCommitTransactions) -> list[int]:
        return [await transactions.write(_note(i, f"n{i}")) for i in range(20)]

    async def scenario() -> list[int]:
        transactions = GroupCommitTransactions(engine)
        try:
            return await asyncio.wait_for(one_after_another(transactions), timeout=10)
        finally:
            await transactions.close()

    assert asyncio.run(scenario()) == [1] * 20
    assert _committed(str(engine.url)) == {i: f"n{i}" for i in range(20)}
