"""`övrig fråga` and `dagordning`: the items and the agenda they make."""

from __future__ import annotations

from bot.chat.markup import plain
from bot.chat.turn import Reply, Turn
from bot.services.context import Context
from bot.services.items import ItemAdded, ItemTooLate, next_agenda, submit_item


async def submit(ctx: Context, turn: Turn, args: str) -> Reply:
    t = turn.texts
    outcome = await submit_item(ctx, turn.actor_id or "", args)
    title = plain(outcome.item.title)
    if isinstance(outcome, ItemAdded):
        return Reply(
            t(
                "item.added",
                title=title,
                meeting=t.day(outcome.meeting.starts_at),
                deadline=t.moment(outcome.deadlines.notice_at),
            )
        )
    return Reply(_late(turn, outcome, title))


def _late(turn: Turn, outcome: ItemTooLate, title: str) -> str:
    t = turn.texts
    first = t(
        "item.late",
        meeting=t.day(outcome.late_for.starts_at),
        deadline=t.moment(outcome.late_deadlines.notice_at),
        title=title,
    )
    if outcome.offered_for is None or outcome.offered_deadlines is None:
        return f"{first} {t('item.late.no_next')}"
    second = t(
        "item.late.offered",
        next=t.day(outcome.offered_for.starts_at),
        next_deadline=t.moment(outcome.offered_deadlines.notice_at),
    )
    return f"{first} {second}"


async def agenda(ctx: Context, turn: Turn, args: str) -> Reply:
    t = turn.texts
    view = await next_agenda(ctx, turn.actor_id or "")
    lines = [
        t("agenda.title", meeting=t.moment(view.meeting.starts_at)),
        t("agenda.place", place=plain(view.meeting.place)),
    ]
    deadline = t.moment(view.deadlines.notice_at)
    lines.append(
        t("agenda.open", deadline=deadline) if view.open_for_items else t("agenda.closed", deadline=deadline)
    )
    if not view.items:
        lines.append(t("agenda.empty"))
    for number, item in enumerate(view.items, start=1):
        person = ctx.group.person(item.submitted_by)
        name = person.name if person else item.submitted_by
        lines.append(t("agenda.line", number=number, title=plain(item.title), name=plain(name)))
    return Reply("\n\n".join(lines))
