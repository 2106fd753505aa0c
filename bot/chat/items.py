"""`övrig fråga`, its form, its withdrawal, and the one-click offer of a late item."""

from __future__ import annotations

from bot.cards.catalog import render
from bot.chat.clicks import Click, ClickAnswer, int_field
from bot.chat.items_card import next_open_deadline
from bot.chat.markup import card_plain
from bot.chat.turn import Reply, Turn
from bot.services.context import Context
from bot.services.items import ItemAdded, ItemTooLate, accept_offer, submit_item, withdraw_item
from bot.texts import Texts


async def submit(ctx: Context, turn: Turn, args: str) -> Reply:
    if not args.strip():
        return Reply(turn.texts("item.form.heading"), card=await form_card(ctx, turn.texts))
    return outcome_reply(turn.texts, await submit_item(ctx, turn.actor_id or "", args))


def outcome_reply(t: Texts, outcome: ItemAdded | ItemTooLate) -> Reply:
    if isinstance(outcome, ItemTooLate):
        return _late(t, outcome)
    text = t(
        "item.added",
        title=card_plain(outcome.item.title),
        meeting=t.day(outcome.meeting.starts_at),
        deadline=t.moment(outcome.deadlines.notice_at),
    )
    card = render(
        "item_added", {"text": text, "button": t("item.withdraw.button"), "item_id": outcome.item.id}
    )
    return Reply(text, card=card)


def _late(t: Texts, outcome: ItemTooLate) -> Reply:
    late = {
        "meeting": t.day(outcome.late_for.starts_at),
        "deadline": t.moment(outcome.late_deadlines.notice_at),
    }
    first = t("item.late", title=card_plain(outcome.item.title), **late)
    if outcome.offered_for is None or outcome.offered_deadlines is None:
        return Reply(f"{first} {t('item.late.no_next')}")
    offered = {
        "next": t.day(outcome.offered_for.starts_at),
        "next_deadline": t.moment(outcome.offered_deadlines.notice_at),
    }
    message = f"{first} {t('item.late.offered', **offered)}"
    data = {
        "heading": t("item.late.heading", meeting=late["meeting"]),
        "message": message,
        "button": t("item.offer.button", meeting=offered["next"]),
        "item_id": outcome.item.id,
    }
    return Reply(message, card=render("item_offer", data))


async def form_card(ctx: Context, t: Texts) -> dict[str, object]:
    deadline = await next_open_deadline(ctx, t)
    data = {
        "heading": t("item.form.heading"),
        "deadline": deadline,
        "labels": {
            "title": t("item.form.title"),
            "title_missing": t("item.form.title_missing"),
            "text": t("item.form.text"),
        },
        "button": t("item.form.button"),
    }
    return render("item_form", data)


async def form_click(ctx: Context, click: Click) -> ClickAnswer:
    return ClickAnswer(card=await form_card(ctx, click.texts))


async def submit_click(ctx: Context, click: Click) -> ClickAnswer:
    title, text = click.data.get("title"), click.data.get("text") or ""
    if not isinstance(title, str) or not isinstance(text, str):
        return ClickAnswer(message=click.texts("item.empty"))
    reply = outcome_reply(click.texts, await submit_item(ctx, click.actor_id or "", f"{title}\n{text}"))
    return ClickAnswer(card=reply.card or render("message", {"text": reply.text}))


async def withdraw_click(ctx: Context, click: Click) -> ClickAnswer:
    t = click.texts
    withdrawn = await withdraw_item(ctx, click.actor_id or "", int_field(click.data, "item_id"))
    text = t(
        "item.withdrawn", title=card_plain(withdrawn.item.title), meeting=t.day(withdrawn.meeting.starts_at)
    )
    return ClickAnswer(card=render("message", {"text": text}))


async def accept_offer_click(ctx: Context, click: Click) -> ClickAnswer:
    t = click.texts
    accepted = await accept_offer(ctx, click.actor_id or "", int_field(click.data, "item_id"))
    text = t(
        "item.offer.accepted",
        title=card_plain(accepted.item.title),
        meeting=t.day(accepted.meeting.starts_at),
        deadline=t.moment(accepted.deadlines.notice_at),
    )
    data = {"text": text, "button": t("item.withdraw.button"), "item_id": accepted.item.id}
    return ClickAnswer(card=render("item_added", data))
