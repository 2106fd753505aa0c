"""The upgrade at each start: Alembic only when the database is not at the newest schema."""

from __future__ import annotations

from alembic.script import ScriptDirectory

from bot.storage.engine import make_engine
from bot.storage.migrate import HEAD, migration_config, stored_revisions, upgrade


def test_the_known_head_is_alembics_head() -> None:
    # A new migration must name itself in HEAD too, or a database one behind it would not be upgraded.
    assert ScriptDirectory.from_config(migration_config()).get_heads() == [HEAD]


async def test_a_new_database_has_no_revision_and_is_brought_to_the_head(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        assert await stored_revisions(engine) is None
        await upgrade(engine)
        assert await stored_revisions(engine) == {HEAD}
    finally:
        await engine.dispose()


async def test_a_database_one_behind_the_head_is_upgraded(database_url: str) -> None:
    before = ScriptDirectory.from_config(migration_config()).get_revision(HEAD).down_revision
    assert isinstance(before, str)
    engine = make_engine(database_url)
    try:
        await upgrade(engine, before)
        assert await stored_revisions(engine) == {before}
        await upgrade(engine)
        assert await stored_revisions(engine) == {HEAD}
    finally:
        await engine.dispose()
