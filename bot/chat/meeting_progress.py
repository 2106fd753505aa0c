"""`mötets gång` and **Nästa punkt**: the agenda of the meeting going on, and when each point began."""

from __future__ import annotations

from typing import Any

from bot.cards.catalog import render
from bot.chat.clicks import Click, ClickAnswer, int_field, text_field
from bot.chat.markup import card_plain
from bot.chat.turn import Reply, Turn
from bot.domain.meeting_progress import AgendaPoint, PointKind
from bot.services.context import Context
from bot.services.meeting_progress import ProgressView, meeting_progress, take_up_next
from bot.texts import Texts

_TITLES = {
    PointKind.OPENING: "draft.opening.title",
    PointKind.ADJUSTER: "draft.adjuster.title",
    PointKind.CLOSING: "draft.closing.title",
}


def point_title(t: Texts, point: AgendaPoint) -> str:
    """The point as the first draft titles its paragraph (in `t`'s language)."""
    return point.item.title if point.item is not None else t(_TITLES[point.kind])


def _named(t: Texts, view: ProgressView, point: AgendaPoint) -> str:
    """ "3. Budget för 2027", inside a line (a line that began so would be read as a list)."""
    return f"{view.progress.number(point)}. {card_plain(point_title(t, point))}"


def _when(t: Texts, view: ProgressView, point: AgendaPoint) -> str:
    at = view.progress.at(point.key)
    if at is None:
        return "–"
    key = "progress.since" if point == view.progress.current else "progress.at"
    return t(key, time=t.time(at))


def progress_card_data(t: Texts, view: ProgressView, notice: str = "") -> dict[str, Any]:
    progress = view.progress
    current, following = progress.current, progress.next
    now = t("progress.now", point=_named(t, view, current)) if current else t("progress.not_started")
    return {
        "heading": t("progress.heading", meeting=t.day(view.meeting.starts_at)),
        "notice": notice,
        "has_notice": bool(notice),
        "now": now,
        "points": [
            {"title": card_plain(f"{progress.number(p)}. {point_title(t, p)}"), "value": _when(t, view, p)}
            for p in progress.agenda
        ],
        "has_next": current is not None and following is not None,
        "upcoming": t("progress.upcoming", point=_named(t, view, following)) if following else "",
        "next": t("progress.next"),
        "meeting_id": view.meeting.id,
        "from": current.key if current else "",
    }


def progress_reply(t: Texts, view: ProgressView, notice: str = "") -> Reply:
    data = progress_card_data(t, view, notice)
    return Reply(data["heading"], card=render("meeting_progress", data))


async def progress_command(ctx: Context, turn: Turn, args: str) -> Reply:
    return progress_reply(turn.texts, await meeting_progress(ctx, turn.actor_id or ""))


async def next_point_click(ctx: Context, click: Click) -> ClickAnswer:
    t, data = click.texts, click.data
    view = await take_up_next(
        ctx, click.actor_id or "", int_field(data, "meeting_id"), text_field(data, "from", 40)
    )
    current = view.progress.current
    assert current is not None  # a point was just taken up
    notice = t("progress.taken_up", point=_named(t, view, current), time=t.time(ctx.clock.now()))
    return ClickAnswer(card=render("meeting_progress", progress_card_data(t, view, notice)))
