"""`möten`: the year plan with each meeting's deadlines and state; and the secretary's
`nytt möte`, `flytta möte`, `ta bort möte`."""

from __future__ import annotations

from bot.chat.dates import parse_day, parse_times
from bot.chat.markup import plain
from bot.chat.turn import Reply, Turn
from bot.domain.errors import DomainError
from bot.services.context import Context
from bot.services.year_plan import (
    ScheduledMeeting,
    Slot,
    add_meeting,
    move_meeting,
    remove_meeting,
    year_plan,
)
from bot.texts import Texts


async def meetings(ctx: Context, turn: Turn, args: str) -> Reply:
    t = turn.texts
    plan = await year_plan(ctx, turn.actor_id or "")
    if not plan:
        return Reply(t("meetings.empty"))
    lines = [t("meetings.title", group=plain(ctx.group.name))]
    lines += [_line(t, entry) for entry in plan]
    return Reply("\n\n".join(lines))


def _count(t: Texts, n: int) -> str:
    if n == 0:
        return t("meetings.count.none")
    return t("meetings.count.one") if n == 1 else t("meetings.count.many", count=n)


def _line(t: Texts, entry: ScheduledMeeting) -> str:
    m, d = entry.meeting, entry.deadlines
    head = t(
        "meetings.line",
        day=t.day(m.starts_at),
        start=t.time(m.starts_at),
        end=t.time(m.ends_at),
        state=t(f"state.{m.state.value}"),
    )
    if m.is_cancelled:
        if not m.cancel_reason:
            why = t("meetings.removed")
        else:
            key = "meetings.cancelled_outside" if m.cancelled_outside_formalia else "meetings.cancelled"
            why = t(key, reason=plain(m.cancel_reason))
        return f"{head}  \n{why}"
    detail = t(
        "meetings.deadlines",
        agenda_at=t.moment(d.agenda_at),
        notice_at=t.moment(d.notice_at),
        count=_count(t, entry.item_count),
    )
    return f"{head}  \n{detail}"


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
