"""The secretary keeps the year plan: meetings added, moved and removed, the calendar following."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from bot.domain.deadlines import to_utc
from bot.domain.errors import DomainError
from bot.domain.meetings import Meeting, MeetingState
from bot.domain.permissions import Action, actor
from bot.domain.plan import check_slot
from bot.domain.text import one_line
from bot.services.calendar_sync import cancel_event, create_event, update_event
from bot.services.context import Context
from bot.services.ports import NewMeeting, UnitOfWork

PLACE_MAX = 200


@dataclass(frozen=True)
class Slot:
    day: date
    start: time
    end: time


async def add_meeting(ctx: Context, actor_id: str, slot: Slot, place: str = "Teams") -> Meeting:
    actor(ctx.group, actor_id, Action.EDIT_YEAR_PLAN)
    place = one_line(place)[:PLACE_MAX] or "Teams"  # a place is one line in every card and invitation
    now, tz = ctx.clock.now(), ctx.tz
    starts_at, ends_at = to_utc(slot.day, slot.start, tz), to_utc(slot.day, slot.end, tz)
    async with ctx.uow() as uow:
        check_slot(await uow.meetings.all(), starts_at, ends_at, now, tz)
        meeting = await uow.meetings.add(NewMeeting(starts_at, ends_at, place))
        await uow.outbox.enqueue(create_event(meeting.id), now)
        await uow.commit()
    return meeting


async def move_meeting(ctx: Context, actor_id: str, day: date, slot: Slot) -> tuple[Meeting, Meeting]:
    """Moves the meeting of `day`; its agenda and notice follow the new date (the cycle starts again)."""
    actor(ctx.group, actor_id, Action.EDIT_YEAR_PLAN)
    now, tz = ctx.clock.now(), ctx.tz
    starts_at, ends_at = to_utc(slot.day, slot.start, tz), to_utc(slot.day, slot.end, tz)
    async with ctx.uow() as uow:
        meeting = await _upcoming_on(ctx, uow, day)
        check_slot(await uow.meetings.all(), starts_at, ends_at, now, tz, moving=meeting.id)
        if not await uow.meetings.reschedule(meeting.id, starts_at, ends_at):
            raise DomainError("plan.not_movable")
        await uow.outbox.enqueue(update_event(meeting.id, f"moved-{starts_at.isoformat()}"), now)
        await uow.commit()
        moved = await _must(uow, meeting.id)
    return meeting, moved


async def remove_meeting(ctx: Context, actor_id: str, day: date) -> Meeting:
    """Removes a meeting that nobody has put anything on; one with items is cancelled instead."""
    actor(ctx.group, actor_id, Action.EDIT_YEAR_PLAN)
    async with ctx.uow() as uow:
        meeting = await _upcoming_on(ctx, uow, day)
        if await uow.items.for_meeting(meeting.id):
            raise DomainError("plan.has_items")
        if meeting.state is not MeetingState.PLANNED:
            raise DomainError("plan.already_announced")
        await uow.outbox.enqueue(cancel_event(meeting.id, ""), ctx.clock.now())
        await uow.meetings.cancel(meeting.id, "")
        await uow.commit()
    return meeting


async def _upcoming_on(ctx: Context, uow: UnitOfWork, day: date) -> Meeting:
    now = ctx.clock.now()
    for meeting in await uow.meetings.all():
        if (
            meeting.starts_at.astimezone(ctx.tz).date() == day
            and meeting.starts_at > now
            and not meeting.is_cancelled
        ):
            return meeting
    raise DomainError("plan.no_meeting_that_day", day=day.isoformat())


async def _must(uow: UnitOfWork, meeting_id: int) -> Meeting:
    meeting = await uow.meetings.get(meeting_id)
    assert meeting is not None
    return meeting
