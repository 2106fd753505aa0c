"""The acting chair's card: the secretary appoints a tjänstgörande ordförande when the chair is absent."""

from __future__ import annotations

from typing import Any

from bot.cards.catalog import render
from bot.chat.attendance import place_of
from bot.chat.clicks import Click, ClickAnswer, int_field, text_field
from bot.chat.markup import card_plain
from bot.chat.turn import Reply
from bot.services.chairing import ActingChairView, acting_chair_of, appoint_acting_chair
from bot.services.context import Context
from bot.texts import Texts


async def acting_chair_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    data = acting_chair_card_data(t, await acting_chair_of(ctx, int(args["meeting_id"])))
    return Reply(data["heading"], card=render("acting_chair", data))


async def appoint_click(ctx: Context, click: Click) -> ClickAnswer:
    t, data = click.texts, click.data
    view = await appoint_acting_chair(
        ctx, click.actor_id or "", int_field(data, "meeting_id"), text_field(data, "person", 64)
    )
    name = card_plain(view.acting.name) if view.acting else ""
    notice = t("acting_chair.appointed", name=name)
    return ClickAnswer(card=render("acting_chair", acting_chair_card_data(t, view, notice)))


def _text(t: Texts, view: ActingChairView) -> str:
    if view.chair_present:
        return t("acting_chair.chair_leads")
    if view.acting is not None:
        return t("acting_chair.is", name=card_plain(view.acting.name))
    return t("acting_chair.ask") if view.candidates else t("acting_chair.nobody_present")


def acting_chair_card_data(t: Texts, view: ActingChairView, notice: str = "") -> dict[str, Any]:
    return {
        "heading": t("acting_chair.heading", meeting=t.day(view.meeting.starts_at)),
        "notice": notice,
        "has_notice": bool(notice),
        "text": _text(t, view),
        # The secretary may change the appointment while the chair is away.
        "can_appoint": not view.chair_present and bool(view.candidates),
        "person_label": t("acting_chair.person"),
        "person_missing": t("acting_chair.person_missing"),
        # Choice titles are shown as plain text (no Markdown), so they are not escaped.
        "people": [{"title": f"{p.name}, {place_of(p)}", "value": p.aad_id} for p in view.candidates],
        "appoint": t("acting_chair.appoint"),
        "meeting_id": view.meeting.id,
    }
