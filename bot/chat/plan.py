"""The secretary's year-plan commands: `nytt möte`, `flytta möte`, `ta bort möte`."""

from __future__ import annotations

from bot.chat.dates import parse_day, parse_times
from bot.chat.markup import plain
from bot.chat.turn import Reply, Turn
from bot.domain.errors import DomainError
from bot.services.context import Context
from bot.services.year_plan import Slot, add_meeting, move_meeting, remove_meeting


async def add_command(ctx: Context, turn: Turn, args: str) -> Reply:
    """nytt möte 2027-03-18 08:30-10:00 [plats]"""
    parts = args.split(maxsplit=2)
    if len(parts) < 2 or (day := parse_day(parts[0])) is None:
        raise DomainError("plan.usage_add")
    start, end = parse_times(parts[1])
    place = parts[2] if len(parts) > 2 else "Teams"
    meeting = await add_meeting(ctx, turn.actor_id or "", Slot(day, start, end), place)
    t = turn.texts
    return Reply(t("plan.added", meeting=t.moment(meeting.starts_at), place=plain(meeting.place)))


async def move_command(ctx: Context, turn: Turn, args: str) -> Reply:
    """flytta möte 2027-02-11 2027-02-18 09:00-10:30"""
    parts = args.split()
    if len(parts) != 3 or (old := parse_day(parts[0])) is None or (new := parse_day(parts[1])) is None:
        raise DomainError("plan.usage_move")
    start, end = parse_times(parts[2])
    before, after = await move_meeting(ctx, turn.actor_id or "", old, Slot(new, start, end))
    t = turn.texts
    return Reply(t("plan.moved", before=t.moment(before.starts_at), after=t.moment(after.starts_at)))


async def remove_command(ctx: Context, turn: Turn, args: str) -> Reply:
    """ta bort möte 2027-02-11"""
    day = parse_day(args.strip())
    if day is None:
        raise DomainError("plan.usage_remove")
    removed = await remove_meeting(ctx, turn.actor_id or "", day)
    return Reply(turn.texts("plan.removed", meeting=turn.texts.moment(removed.starts_at)))
