"""Engines for SQLite (the default, a file) and PostgreSQL (by URL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.dialects.sqlite.aiosqlite import SQLiteDialect_aiosqlite
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.storage import sqlite_driver
from bot.storage.checkpoints import Checkpointer

Engine = AsyncEngine  # what the composition root holds and disposes of, without knowing SQLAlchemy


def make_engine(url: str, **options: Any) -> AsyncEngine:
    # A connection goes back to the pool with its transaction ended, always: the unit of work
    # commits or rolls back, and SQLAlchemy's own close rolls back whatever it began. The pool's
    # extra rollback on return was one more trip to the database for every transaction.
    options.setdefault("pool_reset_on_return", None)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        # One connection, handed out in turn: SQLite has one writer at a time anyway, and a
        # transaction waiting in SQLAlchemy's queue is woken the moment the last one ends,
        # where one waiting on SQLite's busy handler sleeps in steps of up to 100 ms.
        options.setdefault("pool_size", 1)
        options.setdefault("max_overflow", 0)
        options.setdefault("pool_timeout", 60)
        arguments, keywords = SQLiteDialect_aiosqlite().create_connect_args(parsed)
        engine = create_async_engine(
            url,
            async_creator=lambda: sqlite_driver.connect(*arguments, **keywords, timeout=30),
            **options,
        )
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    options.setdefault("pool_pre_ping", True)
    return create_async_engine(url, **options)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers go on while one writer commits; foreign keys are off by default in SQLite.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    # The log is moved into the database beside the requests (`bot.storage.checkpoints`), where a
    # commit past 1,000 pages of it did it there and then, and kept every waiting ballot waiting.
    cursor.execute("PRAGMA wal_autocheckpoint=0")
    cursor.close()


def checkpointer_for(url: str) -> Checkpointer | None:
    """The serving process's checkpoints, for a SQLite file; PostgreSQL sees to its own."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Checkpointer(Path(parsed.database))
