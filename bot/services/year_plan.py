"""The year plan: meetings from the group file into the store, the plan as the group sees
it, and the secretary's changes to it (added, moved, removed), the calendar following."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from bot.domain.deadlines import Deadlines, deadlines_for, to_utc
from bot.domain.errors import DomainError
from bot.domain.group import PlannedMeeting
from bot.domain.meetings import Meeting, MeetingState
from bot.domain.permissions import Action, actor
from bot.domain.text import one_line
from bot.domain.year_plan import check_slot
from bot.services.calendar import cancel_event, create_event, update_event
from bot.services.context import Context
from bot.services.ports.meetings import NewMeeting
from bot.services.ports.store import UnitOfWork

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


@dataclass(frozen=True)
class ScheduledMeeting:
    meeting: Meeting
    deadlines: Deadlines
    item_count: int


async def sync_year_plan(ctx: Context) -> list[Meeting]:
    """Brings the group file's year plan into the store; returns the meetings added or moved.

    A line new in the file adds its meeting (and, if it lies ahead, the calendar invitation);
    a line whose times changed moves its meeting if that has not been held or cancelled.
    A line removed from the file leaves its meeting alone: cancelling is the chair's decision.
    """
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        known = {m.plan_key: m for m in await uow.meetings.all() if m.plan_key}
        changed = [
            m for p in ctx.group.year_plan if (m := await _sync_line(ctx, uow, known.get(p.date), p, now))
        ]
        await uow.commit()
    return changed


async def _sync_line(
    ctx: Context, uow: UnitOfWork, meeting: Meeting | None, planned: PlannedMeeting, now: datetime
) -> Meeting | None:
    day = date.fromisoformat(planned.date)
    starts_at, ends_at = to_utc(day, planned.start, ctx.tz), to_utc(day, planned.end, ctx.tz)
    if meeting is None:
        meeting = await uow.meetings.add_planned(NewMeeting(starts_at, ends_at, planned.place, planned.date))
        if meeting is None:  # another process, starting at the same moment, added it (and its invitation)
            return None
        if starts_at > now:  # past meetings of the plan are history, not invitations
            await uow.outbox.enqueue(create_event(meeting.id), now)
        return meeting
    unchanged = (meeting.starts_at, meeting.ends_at) == (starts_at, ends_at)
    if unchanged or starts_at <= now or not await uow.meetings.reschedule(meeting.id, starts_at, ends_at):
        return None
    await uow.outbox.enqueue(update_event(meeting.id, f"moved-{starts_at.isoformat()}"), now)
    return meeting


async def year_plan(ctx: Context, actor_id: str) -> list[ScheduledMeeting]:
    """Every meeting from the start of the current year on, with its deadlines and agenda size."""
    actor(ctx.group, actor_id, Action.READ)
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        meetings = [m for m in await uow.meetings.all() if m.starts_at.astimezone(ctx.tz).year >= now.year]
        return [
            ScheduledMeeting(
                m, deadlines_for(m, ctx.group.rules, ctx.tz), len(await uow.items.for_meeting(m.id))
            )
            for m in meetings
        ]
