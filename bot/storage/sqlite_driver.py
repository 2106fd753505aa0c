"""aiosqlite with one trip to its thread per statement, where SQLAlchemy's adapter made four.

aiosqlite runs every call on the connection's own thread: SQLAlchemy's adapter asks it to
make a cursor, execute, fetch all rows and close the cursor, each a trip there and back
(a queue, a thread switch, a future resolved on the event loop). A trip waits for the event
loop's next turn, and a busy loop turns in a millisecond or so: a vote's transaction of a
dozen statements took some forty turns, and every ballot waiting for it waited through all
of them. Here one trip does all four (`_run`), and the cursor the adapter holds keeps what
came back: the rows, the description, the row count, the last row id.

SQLAlchemy is given these through `async_creator` (see `bot.storage.engine`); nothing else
of aiosqlite or of SQLAlchemy's adapter changes. The connection's own calls (commit,
rollback, close) are aiosqlite's, one trip each as before.
"""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Iterable
from functools import partial
from typing import Any

import aiosqlite
from aiosqlite.context import contextmanager

Outcome = tuple[list[Any], Any, int, int | None]  # rows, description, row count, last row id


def _run(connection: sqlite3.Connection, many: bool, sql: str, parameters: Any) -> Outcome:
    """On the connection's thread: the statement executed, its rows fetched, its cursor closed."""
    cursor = connection.cursor()
    try:
        if many:
            cursor.executemany(sql, parameters)
        else:
            cursor.execute(sql, parameters)
        rows = cursor.fetchall() if cursor.description else []
        return rows, cursor.description, cursor.rowcount, cursor.lastrowid
    finally:
        cursor.close()


class OneTripCursor(aiosqlite.Cursor):
    def __init__(self, connection: OneTripConnection) -> None:
        super().__init__(connection, None)  # type: ignore[arg-type]  # the sqlite3 cursor lives in `_run`
        self._rows: deque[Any] = deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None

    async def _trip(self, many: bool, sql: str, parameters: Any) -> OneTripCursor:
        connection = self._conn
        outcome = await connection._execute(lambda: _run(connection._conn, many, sql, parameters))
        rows, self._description, self._rowcount, self._lastrowid = outcome
        self._rows = deque(rows)
        return self

    async def execute(self, sql: str, parameters: Iterable[Any] | None = None) -> OneTripCursor:
        return await self._trip(False, sql, () if parameters is None else parameters)

    async def executemany(self, sql: str, parameters: Iterable[Iterable[Any]]) -> OneTripCursor:
        return await self._trip(True, sql, parameters)

    async def fetchone(self) -> Any:
        return self._rows.popleft() if self._rows else None

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        count = self.arraysize if size is None else size
        return [self._rows.popleft() for _ in range(min(count, len(self._rows)))]

    async def fetchall(self) -> list[Any]:
        rows, self._rows = list(self._rows), deque()
        return rows

    async def close(self) -> None:
        self._rows.clear()

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._lastrowid

    @property
    def arraysize(self) -> int:
        return 1

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        pass


class OneTripConnection(aiosqlite.Connection):
    @contextmanager
    async def cursor(self) -> OneTripCursor:  # type: ignore[override]
        return OneTripCursor(self)


def connect(database: str, **options: Any) -> OneTripConnection:
    """What `aiosqlite.connect` makes, with the one-trip cursor; started by awaiting it."""
    connection = OneTripConnection(partial(sqlite3.connect, database, **options), iter_chunk_size=64)
    connection._thread.daemon = True  # as SQLAlchemy's adapter does: a forgotten one ends with the process
    return connection
