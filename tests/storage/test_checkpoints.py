"""The write-ahead log is moved into the database by the checkpointer, never by a commit."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.storage.engine import checkpointer_for, make_engine


def size(path: Path | str) -> int:
    return os.path.getsize(path)


ROWS, ROW_BYTES = 300, 8000  # some 1,200 pages: past the 1,000 at which a commit would checkpoint


async def written(engine: AsyncEngine, rows: int) -> None:
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE IF NOT EXISTS t (n INTEGER, padding TEXT)"))
    for n in range(rows):
        async with engine.begin() as connection:
            await connection.execute(text("INSERT INTO t VALUES (:n, :p)"), {"n": n, "p": "x" * ROW_BYTES})


async def test_commits_leave_the_log_to_the_checkpointer_which_moves_it(tmp_path: Path) -> None:
    database = tmp_path / "bot.db"
    url = f"sqlite+aiosqlite:///{database}"
    engine, checkpointer = make_engine(url), checkpointer_for(url)
    assert checkpointer is not None
    try:
        await written(engine, ROWS)
        # Every row is still only in the log: no commit moved any of it into the database.
        assert size(database) < ROWS * ROW_BYTES / 10
        assert size(f"{database}-wal") > ROWS * ROW_BYTES
        busy, frames, moved = await asyncio.to_thread(checkpointer.checkpoint)
        assert (busy, moved) == (0, frames) and frames > 1000
        assert size(database) > ROWS * ROW_BYTES
        async with engine.connect() as connection:
            assert (await connection.execute(text("SELECT count(*) FROM t"))).scalar_one() == ROWS
    finally:
        checkpointer.close()
        await engine.dispose()


async def test_the_checkpointer_keeps_moving_the_log_until_it_is_stopped(tmp_path: Path) -> None:
    database = tmp_path / "bot.db"
    url = f"sqlite+aiosqlite:///{database}"
    engine, checkpointer = make_engine(url), checkpointer_for(url)
    assert checkpointer is not None
    await written(engine, 1)  # the database made, as the bot's start makes it before this runs
    stop = asyncio.Event()
    running = asyncio.create_task(checkpointer.run(stop, every=0.01))
    try:
        await written(engine, ROWS)
        async with asyncio.timeout(10):
            while size(database) < ROWS * ROW_BYTES:  # noqa: ASYNC110 (a file, polled)
                await asyncio.sleep(0.01)
    finally:
        stop.set()
        await running
        await engine.dispose()
    assert running.done() and running.exception() is None


def test_only_a_sqlite_file_has_a_checkpointer() -> None:
    assert checkpointer_for("postgresql+asyncpg://postgres@127.0.0.1:5432/test") is None
    assert checkpointer_for("sqlite+aiosqlite:///:memory:") is None
    assert checkpointer_for("sqlite+aiosqlite:///var/styrgrupp.db") is not None
