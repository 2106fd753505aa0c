"""Statements the repositories share: an upsert and an insert-if-absent on PostgreSQL and SQLite alike."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Column, Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.dml import Insert


def upsert(db: AsyncConnection, table: Table, values: dict[str, Any], keys: list[str]) -> Insert:
    """INSERT … ON CONFLICT (keys) DO UPDATE the other columns, on PostgreSQL and SQLite alike."""
    return upsert_statement(db.dialect.name, table, tuple(values), tuple(keys)).values(**values)


@cache
def upsert_statement(dialect: str, table: Table, columns: tuple[str, ...], keys: tuple[str, ...]) -> Insert:
    """The same upsert without its values, built once: pass the values to `execute`.

    A statement object that is reused keeps its memoized cache key, so SQLAlchemy neither
    rebuilds it nor recomputes the key on each execution (the hot path's main cost).
    """
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(table)
    changed = {k: statement.excluded[k] for k in columns if k not in keys}
    return statement.on_conflict_do_update(index_elements=list(keys), set_=changed)


def insert_if_absent(db: AsyncConnection, table: Table, values: dict[str, Any]) -> Insert:
    insert = pg_insert if db.dialect.name == "postgresql" else sqlite_insert
    return insert(table).values(**values).on_conflict_do_nothing()


@cache
def _insert_if_absent_returning(dialect: str, table: Table, returning: tuple[Column[Any], ...]) -> Insert:
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    return insert(table).on_conflict_do_nothing().returning(*returning)


def insert_if_absent_returning(
    db: AsyncConnection, table: Table, returning: tuple[Column[Any], ...]
) -> Insert:
    """INSERT … ON CONFLICT DO NOTHING RETURNING the given columns of the rows it inserted, without
    its values (built once): pass a list of rows to `execute`, which sends them as one statement."""
    return _insert_if_absent_returning(db.dialect.name, table, returning)
