"""The SQLite driver: every statement one trip to aiosqlite's thread, with the same results as before."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.storage.engine import make_engine
from bot.storage.sqlite_driver import OneTripConnection

metadata = MetaData()
things = Table(
    "things", metadata, Column("id", Integer, primary_key=True), Column("name", String, unique=True)
)


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path}/driver.db")
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
    yield engine
    await engine.dispose()


async def counted(connection: AsyncConnection) -> list[Any]:
    """Each trip to the connection's thread, as it is made."""
    return await counted_on((await connection.get_raw_connection()).driver_connection)


async def counted_on(raw: Any) -> list[Any]:
    assert isinstance(raw, OneTripConnection)
    trips: list[Any] = []
    real = raw._execute

    async def execute(fn: Any, *args: Any, **kwargs: Any) -> Any:
        trips.append(fn)
        return await real(fn, *args, **kwargs)

    raw._execute = execute  # type: ignore[method-assign]
    return trips


async def test_a_select_and_an_insert_are_one_trip_each(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))  # the transaction begun before counting
        trips = await counted(connection)
        inserted = await connection.execute(insert(things).values(name="a"))
        assert len(trips) == 1 and inserted.rowcount == 1 and inserted.inserted_primary_key == (1,)
        rows = (await connection.execute(select(things.c.name).order_by(things.c.id))).all()
        assert len(trips) == 2 and [r.name for r in rows] == ["a"]


async def test_results_are_as_the_statements_give_them(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        many = await connection.execute(insert(things), [{"name": n} for n in ("b", "c", "d")])
        assert many.rowcount == 3
        returned = await connection.execute(
            insert(things).values(name="e").returning(things.c.id, things.c.name)
        )
        assert returned.one() == (4, "e")
        updated = await connection.execute(text("UPDATE things SET name = name || '!' WHERE id > 2"))
        assert updated.rowcount == 2
        result = await connection.execute(select(things.c.name).order_by(things.c.id))
        assert result.fetchone() == ("b",)
        assert result.fetchmany(2) == [("c",), ("d!",)]
        assert result.fetchall() == [("e!",)]
        assert (await connection.execute(select(things).where(things.c.id == 99))).first() is None


async def test_a_refused_statement_raises_and_the_transaction_is_rolled_back(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await connection.execute(insert(things).values(name="same"))
    with pytest.raises(IntegrityError):
        async with engine.begin() as connection:
            await connection.execute(insert(things).values(name="other"))
            await connection.execute(insert(things).values(name="same"))
    async with engine.connect() as connection:
        names = (await connection.execute(select(things.c.name))).scalars().all()
        assert names == ["same"]


async def test_a_unit_of_work_is_its_statements_and_its_commit_and_nothing_more(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        raw = (await connection.get_raw_connection()).driver_connection
    trips = await counted_on(raw)
    async with engine.connect() as connection:
        await connection.execute(insert(things).values(name="one"))
        await connection.commit()
    assert len(trips) == 2  # no rollback as the connection goes back to the pool
    async with engine.connect() as connection:
        await connection.execute(insert(things).values(name="two"))
    assert len(trips) == 4  # not committed: rolled back, once
    async with engine.connect() as connection:
        assert (await connection.execute(select(things.c.name))).scalars().all() == ["one"]
