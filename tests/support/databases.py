"""The databases tests run against: a SQLite file always, PostgreSQL when it is reachable.

Each PostgreSQL test gets a database of its own, created and dropped here, so tests
never see each other's rows. Without a server the PostgreSQL variants are skipped
with a reason that says so; with REQUIRE_POSTGRES=1 (as in CI) they fail instead.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")


async def _admin_execute(statement: str) -> None:
    engine = create_async_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


async def postgres_unavailable() -> str | None:
    try:
        await _admin_execute("SELECT 1")
    except Exception as error:  # any failure to connect means: no server for these tests
        return (
            f"PostgreSQL på {make_url(POSTGRES_URL).render_as_string(hide_password=True)} nås inte: {error}"
        )
    return None


@asynccontextmanager
async def fresh_database(kind: str, tmp_path: str) -> AsyncIterator[str]:
    """Yields the URL of an empty database of `kind` ("sqlite" or "postgresql")."""
    if kind == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path}/bot.db"
        return
    reason = await postgres_unavailable()
    if reason:
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(reason + " (REQUIRE_POSTGRES=1)")
        pytest.skip(reason)
    name = f"bot_test_{uuid.uuid4().hex[:12]}"
    await _admin_execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        await _admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
