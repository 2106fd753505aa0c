"""`övrig fråga` and `dagordning`: the items, the agenda they make, and the one-click offer of a late item."""

from __future__ import annotations

from typing import Any

from bot.cards.catalog import render
from bot.chat.cards import Click, ClickAnswer, int_field
from bot.chat.markup import card_plain, plain
from bot.chat.turn import Reply, Turn
from bot.services.context import Context
from bot.services.items import AgendaView, ItemAdded, ItemTooLate, accept_offer, next_agenda, submit_item
from bot.texts import Texts


async def submit(ctx: Context, turn: Turn, args: str) -> Reply:
    t = turn.texts
    outcome = await submit_item(ctx, turn.actor_id or "", args)
    if isinstance(outcome, ItemAdded):
        meeting, deadline = t.day(outcome.meeting.starts_at), t.moment(outcome.deadlines.notice_at)
        return Reply(t("item.added", title=plain(outcome.item.title), meeting=meeting, deadline=deadline))
    return _late(t, outcome)


def _late(t: Texts, outcome: ItemTooLate) -> Reply:
    late = {
        "meeting": t.day(outcome.late_for.starts_at),
        "deadline": t.moment(outcome.late_deadlines.notice_at),
    }
    if outcome.offered_for is None or outcome.offered_deadlines is None:
        text = f"{t('item.late', title=plain(outcome.item.title), **late)} {t('item.late.no_next')}"
        return Reply(text)
    offered = {
        "next": t.day(outcome.offered_for.starts_at),
        "next_deadline": t.moment(outcome.offered_deadlines.notice_at),
    }
    message = (
        f"{t('item.late', title=card_plain(outcome.item.title), **late)} {t('item.late.offered', **offered)}"
    )
    card = render(
        "item_offer",
        {
            "heading": t("item.late.heading", meeting=late["meeting"]),
            "message": message,
            "button": t("item.offer.button", meeting=offered["next"]),
            "item_id": outcome.item.id,
        },
    )
    return Reply(message, card=card)


async def accept_offer_click(ctx: Context, click: Click) -> ClickAnswer:
    t = click.texts
    accepted = await accept_offer(ctx, click.actor_id or "", int_field(click.data, "item_id"))
    text = t(
        "item.offer.accepted",
        title=card_plain(accepted.item.title),
        meeting=t.day(accepted.meeting.starts_at),
        deadline=t.moment(accepted.deadlines.notice_at),
    )
    return ClickAnswer(card=render("message", {"text": text}))


async def agenda(ctx: Context, turn: Turn, args: str) -> Reply:
    view = await next_agenda(ctx, turn.actor_id or "")
    data = agenda_card_data(ctx, turn.texts, view)
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
    return {
        "heading": t("agenda.heading", meeting=t.day(meeting.starts_at)),
        "labels": {"when": t("agenda.when"), "place": t("agenda.place"), "deadline": t("agenda.deadline")},
        "when": f"{t.moment(meeting.starts_at)}–{t.time(meeting.ends_at)}",
        "place": card_plain(meeting.place),
        "deadline": deadline,
        "status": t("agenda.open", deadline=deadline)
        if view.open_for_items
        else t("agenda.closed", deadline=deadline),
        "has_items": bool(items),
        "items": items,
        "empty": t("agenda.empty"),
    }
