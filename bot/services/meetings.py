"""The year plan: meetings from the group file into the store, and the plan as the group sees it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.deadlines import Deadlines, deadlines_for, to_utc
from bot.domain.meetings import Meeting
from bot.domain.permissions import Action, actor
from bot.services.context import Context
from bot.services.ports import NewMeeting


@dataclass(frozen=True)
class ScheduledMeeting:
    meeting: Meeting
    deadlines: Deadlines
    item_count: int


async def sync_year_plan(ctx: Context) -> list[Meeting]:
    """Adds the group file's meetings that the store does not have yet; returns those added."""
    async with ctx.uow() as uow:
        known = await uow.meetings.plan_keys()
        added = []
        for planned in ctx.group.year_plan:
            if planned.date in known:
                continue
            day = date.fromisoformat(planned.date)
            added.append(
                await uow.meetings.add(
                    NewMeeting(
                        starts_at=to_utc(day, planned.start, ctx.tz),
                        ends_at=to_utc(day, planned.end, ctx.tz),
                        place=planned.place,
                        plan_key=planned.date,
                    )
                )
            )
        await uow.commit()
    return added


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
