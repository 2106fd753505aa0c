"""The agenda as a card: on `dagordning`, at T−14 (with the call for items) and as the notice at T−7."""

from __future__ import annotations

from typing import Any

from bot.cards.catalog import render
from bot.chat.markup import card_plain
from bot.chat.turn import Reply, Turn
from bot.domain.deadlines import deadlines_for
from bot.services.context import Context
from bot.services.items import AgendaView, agenda_of, next_agenda, next_open_meeting
from bot.texts import Texts


async def agenda(ctx: Context, turn: Turn, args: str) -> Reply:
    view = await next_agenda(ctx, turn.actor_id or "")
    data = agenda_card_data(ctx, turn.texts, view)
    return Reply(data["heading"], card=render("agenda", data))


async def agenda_published_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    """T−14: the agenda so far, and the call for övriga frågor with the deadline and a button."""
    view = await agenda_of(ctx, int(args["meeting_id"]))
    data = agenda_card_data(ctx, t, view)
    data["status"] = t("agenda.call", deadline=t.moment(view.deadlines.notice_at))
    return Reply(data["heading"], card=render("agenda", data))


async def notice_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    """T−7: the notice (kallelse) with the final agenda."""
    view = await agenda_of(ctx, int(args["meeting_id"]))
    data = agenda_card_data(ctx, t, view)
    data["heading"] = t("notice.heading", meeting=t.day(view.meeting.starts_at))
    data["status"] = t("notice.status")
    data["can_submit"] = False
    return Reply(data["heading"], card=render("agenda", data))


def agenda_card_data(ctx: Context, t: Texts, view: AgendaView) -> dict[str, Any]:
    meeting, deadline = view.meeting, t.moment(view.deadlines.notice_at)
    items = []
    for number, item in enumerate(view.items, start=1):
        person = ctx.group.person(item.submitted_by)
        who = (
            f"{person.name}, {person.municipality or person.organisation or ''}".rstrip(", ")
            if person
            else "?"
        )
        items.append(
            {
                "number": number,
                "title": card_plain(item.title),
                "byline": t("agenda.by", name=card_plain(who)),
            }
        )
    status = (
        t("agenda.open", deadline=deadline) if view.open_for_items else t("agenda.closed", deadline=deadline)
    )
    return {
        "heading": t("agenda.heading", meeting=t.day(meeting.starts_at)),
        "labels": {"when": t("agenda.when"), "place": t("agenda.place"), "deadline": t("agenda.deadline")},
        "when": f"{t.moment(meeting.starts_at)}–{t.time(meeting.ends_at)}",
        "place": card_plain(meeting.place),
        "deadline": deadline,
        "status": status,
        "has_items": bool(items),
        "items": items,
        "empty": t("agenda.empty"),
        "can_submit": view.open_for_items,
        "submit_button": t("item.form.open"),
    }


async def next_open_deadline(ctx: Context, t: Texts) -> str:
    """Which meeting a new item would go to, and by when, for the item form."""
    meeting = await next_open_meeting(ctx)
    if meeting is None:
        return t("item.form.no_meeting")
    notice_at = deadlines_for(meeting, ctx.group.rules, ctx.tz).notice_at
    return t("item.form.deadline", meeting=t.day(meeting.starts_at), deadline=t.moment(notice_at))
