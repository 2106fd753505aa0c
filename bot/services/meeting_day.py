"""The meeting day: which meeting a card or a command means, and its start.

Which meeting is "current" is `bot.domain.meeting_day.current_meeting`: from 30 minutes
before its start to 3 hours after its end. Starting posts the check-in card and the
adjuster proposal in the channel, once; every change of attendance refreshes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.errors import DomainError
from bot.domain.meeting_day import current_ends_after, current_meeting
from bot.domain.meetings import Meeting
from bot.domain.permissions import Action, actor
from bot.services.context import Context
from bot.services.ports.store import UnitOfWork
from bot.services.posts import (
    adjuster_key,
    attendance_key,
    post_card,
)


@dataclass(frozen=True)
class MeetingStarted:
    meeting: Meeting
    first_time: bool  # False: it had started already, and nothing was posted again


async def meeting_by_id(uow: UnitOfWork, meeting_id: int) -> Meeting:
    meeting = await uow.meetings.get(meeting_id)
    if meeting is None:
        raise DomainError("meeting.not_found")
    return meeting


async def going_on(uow: UnitOfWork, now: datetime) -> Meeting | None:
    """The current meeting, if any: read from the meetings that may be, not the years before."""
    return current_meeting(await uow.meetings.ending_after(current_ends_after(now)), now)


async def the_current_meeting(uow: UnitOfWork, now: datetime) -> Meeting:
    meeting = await going_on(uow, now)
    if meeting is None:
        raise DomainError("meeting.none_current")
    return meeting


async def current_meeting_is(uow: UnitOfWork, meeting_id: int, now: datetime) -> Meeting:
    """The current meeting, if `meeting_id` (from a card) names it; a card of another meeting is refused."""
    meeting = await the_current_meeting(uow, now)
    if meeting.id != meeting_id:
        raise DomainError("meeting.not_current")
    return meeting


async def start_meeting(ctx: Context, meeting_id: int) -> MeetingStarted:
    """Posts the check-in card and the adjuster proposal; a second call posts nothing (for the scheduler)."""
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        meeting = await meeting_by_id(uow, meeting_id)
        if meeting.is_cancelled:
            raise DomainError("meeting.cancelled")
        first = await uow.meeting_days.start(meeting.id, now)
        if first:
            args = {"meeting_id": meeting.id}
            await uow.outbox.enqueue(post_card(ctx, attendance_key(meeting.id), "attendance", args), now)
            await uow.outbox.enqueue(post_card(ctx, adjuster_key(meeting.id), "adjuster", args), now)
        await uow.commit()
    return MeetingStarted(meeting, first)


async def start_current_meeting(ctx: Context, actor_id: str) -> MeetingStarted:
    actor(ctx.group, actor_id, Action.START_MEETING)
    async with ctx.uow() as uow:
        meeting = await the_current_meeting(uow, ctx.clock.now())
    return await start_meeting(ctx, meeting.id)


async def find_meeting(ctx: Context, meeting_id: int) -> Meeting | None:
    """The meeting a post names, if it is still in the year plan."""
    async with ctx.uow() as uow:
        return await uow.meetings.get(meeting_id)


async def meeting_of(ctx: Context, meeting_id: int) -> Meeting:
    async with ctx.uow() as uow:
        return await meeting_by_id(uow, meeting_id)
