"""The year plan from the group file into the store, once, at the right local times."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, time

import pytest

from bot.domain.group import Group
from bot.services.calendar import create_event, update_event
from bot.services.context import Context
from bot.services.year_plan import sync_year_plan, year_plan
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from bot.storage.unit_of_work import SqlUnitOfWorkFactory
from tests.support.clock import FixedClock
from tests.support.people import person


@pytest.fixture
async def ctx(group: Group, database_url: str, clock: FixedClock) -> AsyncIterator[Context]:
    engine = make_engine(database_url)
    await upgrade(engine)
    yield Context(group=group, clock=clock, uow=SqlUnitOfWorkFactory(engine))
    await engine.dispose()


async def test_the_year_plan_is_added_once(ctx: Context) -> None:
    first = await sync_year_plan(ctx)
    second = await sync_year_plan(ctx)
    assert len(first) == len(ctx.group.year_plan) and second == []
    async with ctx.uow() as uow:
        assert len(await uow.meetings.all()) == len(ctx.group.year_plan)


async def test_meetings_start_at_local_time_in_winter_and_in_summer(ctx: Context) -> None:
    added = {m.starts_at for m in await sync_year_plan(ctx)}
    assert datetime(2024, 2, 15, 7, 30, tzinfo=UTC) in added  # 08:30 CET
    assert datetime(2024, 9, 26, 6, 30, tzinfo=UTC) in added  # 08:30 CEST


async def test_the_plan_shown_starts_with_this_year(ctx: Context) -> None:
    await sync_year_plan(ctx)
    plan = await year_plan(ctx, person(ctx.group, "Anna-Maria Malmberg").aad_id)
    years = {entry.meeting.starts_at.year for entry in plan}
    assert years == {2026, 2027}
    first = plan[0]
    assert first.deadlines.notice_at == datetime(2026, 12, 3, 7, 30, tzinfo=UTC)
    assert first.item_count == 0


async def test_a_time_changed_in_the_group_file_moves_the_meeting_and_its_invitation(ctx: Context) -> None:
    await sync_year_plan(ctx)
    later = tuple(
        replace(p, start=time(9, 0), end=time(11, 0)) if p.date == "2027-02-11" else p
        for p in ctx.group.year_plan
    )
    moved_ctx = replace(ctx, group=replace(ctx.group, year_plan=later))
    [moved] = await sync_year_plan(moved_ctx)
    assert moved.plan_key == "2027-02-11"
    async with ctx.uow() as uow:
        meeting = await uow.meetings.get(moved.id)
        assert meeting is not None and meeting.starts_at == datetime(2027, 2, 11, 8, 0, tzinfo=UTC)
        assert (
            await uow.outbox.enqueue(
                update_event(moved.id, "moved-2027-02-11T08:00:00+00:00"), ctx.clock.now()
            )
            is False
        )
    assert await sync_year_plan(moved_ctx) == []


async def test_only_meetings_ahead_get_calendar_invitations(ctx: Context) -> None:
    added = await sync_year_plan(ctx)
    async with ctx.uow() as uow:
        invited = [
            m.id for m in added if await uow.outbox.enqueue(create_event(m.id), ctx.clock.now()) is False
        ]
    assert [m.starts_at.year for m in added if m.id in invited] == [2026, 2027, 2027, 2027, 2027]


async def test_two_processes_starting_at_once_add_the_plan_once(ctx: Context, database_url: str) -> None:
    other = make_engine(database_url)  # the second process's own pool
    try:
        second = replace(ctx, uow=SqlUnitOfWorkFactory(other))
        added = await asyncio.gather(sync_year_plan(ctx), sync_year_plan(second))
    finally:
        await other.dispose()
    assert sorted(len(a) for a in added) == [0, len(ctx.group.year_plan)]
    async with ctx.uow() as uow:
        assert len(await uow.meetings.all()) == len(ctx.group.year_plan)
        invitations = [await uow.outbox.result_of(create_event(m.id).key) for m in await uow.meetings.all()]
    assert invitations == [None] * len(invitations)  # enqueued (once: the key is unique), not yet sent
