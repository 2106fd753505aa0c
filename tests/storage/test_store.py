"""The store on SQLite and on PostgreSQL: migrations, repositories, the unit of work."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from bot.domain.items import ItemState
from bot.domain.meetings import MeetingState
from bot.services.ports.items import NewItem
from bot.services.ports.meetings import NewMeeting
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from bot.storage.tables import metadata
from bot.storage.unit_of_work import SqlUnitOfWorkFactory

T0 = datetime(2027, 2, 11, 7, 30, tzinfo=UTC)


async def test_migrations_create_exactly_the_declared_schema(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        await upgrade(engine)
        await upgrade(engine)  # a second run is a no-op
        async with engine.connect() as connection:
            differences = await connection.run_sync(
                lambda c: compare_metadata(MigrationContext.configure(c), metadata)
            )
            tables = await connection.run_sync(lambda c: set(inspect(c).get_table_names()))
    finally:
        await engine.dispose()
    assert set(metadata.tables) <= tables
    assert differences == []


async def test_meetings_round_trip_as_aware_utc(uow: SqlUnitOfWorkFactory) -> None:
    local = T0.astimezone(timezone(timedelta(hours=1)))
    async with uow() as u:
        added = await u.meetings.add(
            NewMeeting(local, local + timedelta(hours=1, minutes=30), "Teams", "2027-02-11")
        )
        await u.commit()
    async with uow() as u:
        loaded = await u.meetings.get(added.id)
        keys = await u.meetings.plan_keys()
    assert loaded is not None
    assert loaded.starts_at == T0 and loaded.starts_at.tzinfo is not None
    assert loaded.starts_at.utcoffset() == timedelta(0)
    assert loaded.state is MeetingState.PLANNED
    assert keys == {"2027-02-11"}


async def test_a_unit_of_work_that_is_not_committed_leaves_nothing(uow: SqlUnitOfWorkFactory) -> None:
    async with uow() as u:
        await u.meetings.add(NewMeeting(T0, T0 + timedelta(hours=1), "Teams", "x"))
    async with uow() as u:
        assert await u.meetings.all() == []


async def test_an_error_inside_a_unit_of_work_rolls_back(uow: SqlUnitOfWorkFactory) -> None:
    with pytest.raises(RuntimeError):
        async with uow() as u:
            await u.meetings.add(NewMeeting(T0, T0 + timedelta(hours=1), "Teams", "x"))
            raise RuntimeError("boom")
    async with uow() as u:
        assert await u.meetings.all() == []


async def test_items_come_back_in_submission_order_filtered_by_state(uow: SqlUnitOfWorkFactory) -> None:
    async with uow() as u:
        meeting = await u.meetings.add(NewMeeting(T0, T0 + timedelta(hours=1), "Teams", None))
        for minutes, title, state in [
            (5, "andra", ItemState.ON_AGENDA),
            (1, "första", ItemState.ON_AGENDA),
            (3, "erbjuden", ItemState.OFFERED),
        ]:
            await u.items.add(
                NewItem(meeting.id, None, title, "", "aad", T0 - timedelta(days=9, minutes=-minutes), state)
            )
        await u.commit()
    async with uow() as u:
        on_agenda = await u.items.for_meeting(meeting.id)
        everything = await u.items.for_meeting(meeting.id, (ItemState.ON_AGENDA, ItemState.OFFERED))
    assert [i.title for i in on_agenda] == ["första", "andra"]
    assert [i.title for i in everything] == ["första", "erbjuden", "andra"]


async def test_two_first_messages_from_one_conversation_at_once_store_it_once(
    uow: SqlUnitOfWorkFactory,
) -> None:
    async def remember(service_url: str) -> bool:
        async with uow() as u:
            new = await u.conversations.remember("a:chat", "personal", "x", {"serviceUrl": service_url}, T0)
            await u.commit()
        return new

    # On PostgreSQL the two transactions overlap: both once found no row, and the second insert failed.
    assert sorted(await asyncio.gather(remember("a"), remember("b"))) == [False, True]
    async with uow() as u:
        assert await u.conversations.get("a:chat") in ({"serviceUrl": "a"}, {"serviceUrl": "b"})


async def test_conversation_references_are_upserted(uow: SqlUnitOfWorkFactory) -> None:
    async with uow() as u:
        await u.conversations.remember("19:c", "channel", None, {"serviceUrl": "a"}, T0)
        await u.conversations.remember("19:c", "channel", None, {"serviceUrl": "b"}, T0)
        await u.commit()
    async with uow() as u:
        assert await u.conversations.get("19:c") == {"serviceUrl": "b"}
        assert await u.conversations.get("19:none") is None
