"""The year plan: meetings from the group file into the store, and the plan as the group sees it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.deadlines import Deadlines, deadlines_for, to_utc
from bot.domain.group import PlannedMeeting
from bot.domain.meetings import Meeting
from bot.domain.permissions import Action, actor
from bot.services.calendar_sync import create_event, update_event
from bot.services.context import Context
from bot.services.ports import NewMeeting, UnitOfWork


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
