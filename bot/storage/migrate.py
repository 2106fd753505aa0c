"""Bring a database to the newest schema with Alembic, from sync or async code.

Every `serve` starts with an upgrade, and nearly always the database is at the newest schema
already. Alembic (its runtime and operations, and every migration script read and compiled)
took some 0.2 s of each start to say so; so the stored revision is read first, with one query,
and compared with HEAD, and Alembic is loaded only when they differ.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
MIGRATION_LOCK = 0x5374_7967_7275_7070  # any one number, the same in every process of the bot
# The newest migration's revision (migrations/versions/). A test holds it to Alembic's own head,
# so a migration added without it here fails the tests rather than being skipped at start.
HEAD = "0014_meeting_recordings"


def migration_config() -> Config:
    from alembic.config import Config  # only when migrating: see the module's docstring

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade_connection(connection: Connection, revision: str = "head") -> None:
    from alembic import command  # only when migrating: see the module's docstring

    config = migration_config()
    config.attributes["connection"] = connection
    command.upgrade(config, revision)


async def stored_revisions(engine: AsyncEngine) -> frozenset[str] | None:
    """The revisions in alembic_version; None when it cannot be read (a new database has none)."""
    try:
        async with engine.connect() as connection:
            result = await connection.execute(text("SELECT version_num FROM alembic_version"))
            return frozenset(row[0] for row in result)
    except DBAPIError:
        # No such table, or a fault the upgrade that follows will meet again and report.
        return None


async def upgrade(engine: AsyncEngine, revision: str = "head") -> None:
    if revision == "head" and await stored_revisions(engine) == {HEAD}:
        return
    async with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Two processes starting at once (`serve` migrates first) both created the tables and
            # one of them failed. Held until this transaction ends: the second finds the schema done.
            await connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
        await connection.run_sync(upgrade_connection, revision)
