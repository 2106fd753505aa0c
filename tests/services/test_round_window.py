"""A scheduler round reads only the meetings that can have something due: years of meetings held
are left alone, and what is due (a meeting the bot missed, a reminder) is done as before."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Self

import pytest

from bot.domain.cycle import Step, watched_since
from bot.domain.group import Group
from bot.domain.meetings import Meeting, MeetingState
from bot.services.context import Context
from bot.services.cycle import StepDone, run_due
from bot.services.ports.meetings import NewMeeting
from bot.storage.engine import make_engine
from bot.storage.meetings import SqlMeetings
from bot.storage.migrate import upgrade
from bot.storage.unit_of_work import SqlUnitOfWork, SqlUnitOfWorkFactory
from tests.support.clock import FixedClock

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # between meetings
HOUR = timedelta(hours=1)


class HandedOut:
    """The store's meetings, noting each meeting they hand to the bot."""

    def __init__(self, real: SqlMeetings, seen: set[int]) -> None:
        self._real, self._seen = real, seen

    def __getattr__(self, name: str) -> Callable[..., Any]:
        method = getattr(self._real, name)

        async def read(*args: Any, **kwargs: Any) -> Any:
            found = await method(*args, **kwargs)
            self._seen.update(
                m.id for m in (found if isinstance(found, list) else [found]) if isinstance(m, Meeting)
            )
            return found

        return read


class Watching(SqlUnitOfWork):
    seen: set[int]

    async def __aenter__(self) -> Self:
        await super().__aenter__()
        self.meetings = HandedOut(self.meetings, self.seen)  # type: ignore[assignment]
        return self


@pytest.fixture
async def ctx(group: Group, database_url: str) -> AsyncIterator[Context]:
    engine = make_engine(database_url)
    await upgrade(engine)
    yield Context(group=group, clock=FixedClock(NOW), uow=SqlUnitOfWorkFactory(engine))
    await engine.dispose()


async def a_meeting(ctx: Context, ends_at: datetime, state: MeetingState) -> Meeting:
    async with ctx.uow() as uow:
        meeting = await uow.meetings.add(NewMeeting(ends_at - 1.5 * HOUR, ends_at, "Teams"))
        if state is not MeetingState.PLANNED:
            assert await uow.meetings.transition(meeting.id, frozenset({MeetingState.PLANNED}), state)
        await uow.commit()
    return meeting


async def test_a_round_leaves_the_meetings_held_long_ago_alone(ctx: Context) -> None:
    held = [
        await a_meeting(ctx, NOW - timedelta(days=30 * n), MeetingState.HELD) for n in range(2, 40)
    ]  # three years of them, the latest two months ago
    missed = await a_meeting(ctx, NOW - timedelta(days=400), MeetingState.PLANNED)  # the bot was down
    cancelled = await a_meeting(ctx, NOW - timedelta(days=3), MeetingState.CANCELLED)
    recent = await a_meeting(ctx, NOW - timedelta(days=12), MeetingState.HELD)  # its protocol due in 2 days
    upcoming = await a_meeting(ctx, NOW + timedelta(days=40), MeetingState.PLANNED)
    seen: set[int] = set()
    engine = ctx.uow.engine  # type: ignore[attr-defined]

    def watching() -> Watching:
        uow = Watching(engine)
        uow.seen = seen
        return uow

    watched = Context(group=ctx.group, clock=ctx.clock, uow=watching)

    done = await run_due(watched)

    assert seen == {missed.id, recent.id, upcoming.id}
    assert not seen & {m.id for m in [*held, cancelled]}
    assert done == [StepDone(missed.id, Step.MARK_HELD)]  # what was due is done as before
    async with ctx.uow() as uow:
        [reminder] = await uow.outbox.posts(f"protocol:{recent.id}:reminder")
        assert reminder.payload["post"] == "protocol_reminder"
        assert (await uow.meetings.get(missed.id)).state is MeetingState.HELD  # type: ignore[union-attr]


async def test_the_store_hands_out_the_meetings_watched_and_those_ending_later(ctx: Context) -> None:
    since = watched_since(NOW, ctx.group.rules)
    at_the_edge = await a_meeting(ctx, since, MeetingState.HELD)
    before = await a_meeting(ctx, since - timedelta(seconds=1), MeetingState.HELD)
    missed = await a_meeting(ctx, since - timedelta(days=100), MeetingState.NOTICE_FIXED)
    cancelled = await a_meeting(ctx, NOW + timedelta(days=1), MeetingState.CANCELLED)
    ends_now = await a_meeting(ctx, NOW, MeetingState.PLANNED)
    later = await a_meeting(ctx, NOW + timedelta(seconds=1), MeetingState.PLANNED)
    async with ctx.uow() as uow:
        watched = [m.id for m in await uow.meetings.watched(since)]
        ending = [m.id for m in await uow.meetings.ending_after(NOW)]
    assert watched == [missed.id, at_the_edge.id, ends_now.id, later.id]  # in the order they start
    assert before.id not in watched and cancelled.id not in watched
    assert ending == [later.id, cancelled.id]
