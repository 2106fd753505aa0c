"""`möten`: the year plan with each meeting's deadlines and state."""

from __future__ import annotations

from bot.chat.markup import plain
from bot.chat.turn import Reply, Turn
from bot.services.context import Context
from bot.services.meetings import ScheduledMeeting, year_plan
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
