"""`ställ in`: the chair's cancellation, confirmed on a card; the proposal at T−7 and the announcement."""

from __future__ import annotations

from typing import Any

from bot.cards.catalog import render
from bot.chat.cards import Click, ClickAnswer, int_field
from bot.chat.dates import split_day
from bot.chat.markup import card_plain
from bot.chat.turn import Reply, Turn
from bot.domain.meetings import Meeting
from bot.domain.plan import check_reason
from bot.services.cancellation import cancel_meeting, meeting_to_cancel
from bot.services.context import Context
from bot.texts import Texts


async def cancel_command(ctx: Context, turn: Turn, args: str) -> Reply:
    day, reason = split_day(args)
    meeting = await meeting_to_cancel(ctx, turn.actor_id or "", day)
    t = turn.texts
    # A reason the cancellation would refuse is refused now, in words, rather than prefilled.
    reason = check_reason(reason) if reason.strip() else t("cancel.default_reason")
    card = confirm_card(t, meeting, t("cancel.confirm.message"), reason)  # an input value: no Markdown
    return Reply(t("cancel.confirm.heading", meeting=t.day(meeting.starts_at)), card=card)


def confirm_card(t: Texts, meeting: Meeting, message: str, reason: str) -> dict[str, Any]:
    data = {
        "heading": t("cancel.confirm.heading", meeting=t.day(meeting.starts_at)),
        "message": message,
        "labels": {"reason": t("cancel.reason.label"), "reason_missing": t("cancel.reason.missing")},
        "reason": reason,
        "buttons": {"cancel": t("cancel.button"), "keep": t("cancel.keep")},
        "meeting_id": meeting.id,
    }
    return render("cancel_confirm", data)


async def cancel_click(ctx: Context, click: Click) -> ClickAnswer:
    t = click.texts
    reason = click.data.get("reason")
    done = await cancel_meeting(
        ctx,
        click.actor_id or "",
        int_field(click.data, "meeting_id"),
        reason if isinstance(reason, str) else "",
    )
    text = t("cancel.done", meeting=t.day(done.meeting.starts_at))
    return ClickAnswer(card=render("message", {"text": text}))


async def keep_click(ctx: Context, click: Click) -> ClickAnswer:
    return ClickAnswer(card=render("message", {"text": click.texts("cancel.kept")}))


async def proposal_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    """T−7 with nothing on the agenda: the chair is asked whether to cancel."""
    async with ctx.uow() as uow:
        meeting = await uow.meetings.get(int(args["meeting_id"]))
    assert meeting is not None
    message = t("cancel.proposal", meeting=t.day(meeting.starts_at))
    return Reply(message, card=confirm_card(t, meeting, message, t("cancel.default_reason")))


async def cancelled_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    async with ctx.uow() as uow:
        meeting = await uow.meetings.get(int(args["meeting_id"]))
        moved_to = await uow.meetings.get(int(args["to"])) if args.get("to") else None
    assert meeting is not None
    moved = int(args.get("moved", 0))
    facts = [{"title": t("cancel.fact.reason"), "value": card_plain(meeting.cancel_reason or "")}]
    if moved:
        where = t.day(moved_to.starts_at) if moved_to else t("cancel.fact.no_next")
        facts.append(
            {"title": t("cancel.fact.items"), "value": t("cancel.fact.moved", count=moved, meeting=where)}
        )
    heading = t("cancel.announcement.heading", meeting=t.day(meeting.starts_at))
    data = {"heading": heading, "text": t("cancel.announcement.text"), "has_facts": True, "facts": facts}
    return Reply(heading, card=render("announcement", data))
