"""`ställ in`: the chair's cancellation, confirmed on a card; the proposal at T−7 and the announcement."""

from __future__ import annotations

from typing import Any

from bot.cards.catalog import render
from bot.chat.clicks import Click, ClickAnswer, flag_field, int_field
from bot.chat.dates import split_day
from bot.chat.markup import card_plain
from bot.chat.turn import Reply, Turn
from bot.domain.cancellation import Breach
from bot.domain.year_plan import check_reason
from bot.services.cancellation import (
    CancellationPlan,
    cancel_meeting,
    cancellation_plan,
    cancelled_meeting,
    meeting_to_cancel,
)
from bot.services.context import Context
from bot.texts import Texts


async def cancel_command(ctx: Context, turn: Turn, args: str) -> Reply:
    day, reason = split_day(args)
    plan = await meeting_to_cancel(ctx, turn.actor_id or "", day)
    t = turn.texts
    # A reason the cancellation would refuse is refused now, in words, rather than prefilled.
    # Outside the formalia the chair writes the reason: "nothing on the agenda" is not one.
    prefilled = "" if plan.breaches else t("cancel.default_reason")
    reason = check_reason(reason) if reason.strip() else prefilled
    card = confirm_card(t, plan, t("cancel.confirm.message"), reason)  # an input value: no Markdown
    return Reply(t("cancel.confirm.heading", meeting=t.day(plan.meeting.starts_at)), card=card)


_BREACH_ORDER = (Breach.HAS_ITEMS, Breach.TOO_EARLY)


def confirm_card(t: Texts, plan: CancellationPlan, message: str, reason: str) -> dict[str, Any]:
    meeting, outside = plan.meeting, bool(plan.breaches)
    why = [t(f"cancel.outside.{b.value}") for b in _BREACH_ORDER if b in plan.breaches]
    if plan.moves_to:
        moving = t("cancel.moving.to", meeting=t.day(plan.moves_to.starts_at))
    else:
        moving = t("cancel.moving.waiting")
    data = {
        "heading": t("cancel.confirm.heading", meeting=t.day(meeting.starts_at)),
        "message": message,
        "outside": outside,
        "outside_text": " ".join([t("cancel.outside.rule"), *why, t("cancel.outside.reason")]),
        "has_items": bool(plan.moving),
        "moving": moving,
        "items": [{"title": card_plain(item.title)} for item in plan.moving],
        "labels": {"reason": t("cancel.reason.label"), "reason_missing": t("cancel.reason.missing")},
        "reason": reason,
        "buttons": {"cancel": t("cancel.button"), "keep": t("cancel.keep")},
        "meeting_id": meeting.id,
    }
    return render("cancel_confirm", data)


async def cancel_click(ctx: Context, click: Click) -> ClickAnswer:
    t = click.texts
    reason = click.data.get("reason")
    # A card from before the formalia were told apart has no flag: it never said "outside".
    seen_outside = flag_field(click.data, "outside") if "outside" in click.data else False
    done = await cancel_meeting(
        ctx,
        click.actor_id or "",
        int_field(click.data, "meeting_id"),
        reason if isinstance(reason, str) else "",
        seen_outside=seen_outside,
    )
    key = "cancel.done_outside" if done.outside_formalia else "cancel.done"
    text = t(key, meeting=t.day(done.meeting.starts_at))
    return ClickAnswer(card=render("message", {"text": text}))


async def keep_click(ctx: Context, click: Click) -> ClickAnswer:
    """Keeping needs nothing from the card: not the reason, which the chair may have cleared."""
    return ClickAnswer(card=render("message", {"text": click.texts("cancel.kept")}))


async def proposal_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    """T−7 with nothing on the agenda: the chair is asked whether to cancel."""
    plan = await cancellation_plan(ctx, int(args["meeting_id"]))
    message = t("cancel.proposal", meeting=t.day(plan.meeting.starts_at))
    reason = "" if plan.breaches else t("cancel.default_reason")
    return Reply(message, card=confirm_card(t, plan, message, reason))


async def cancelled_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    meeting, moved_to = await cancelled_meeting(
        ctx, int(args["meeting_id"]), int(args["to"]) if args.get("to") else None
    )
    moved = int(args.get("moved", 0))
    facts = [{"title": t("cancel.fact.reason"), "value": card_plain(meeting.cancel_reason or "")}]
    if moved:
        where = t.day(moved_to.starts_at) if moved_to else t("cancel.fact.no_next")
        facts.append(
            {"title": t("cancel.fact.items"), "value": t("cancel.fact.moved", count=moved, meeting=where)}
        )
    heading = t("cancel.announcement.heading", meeting=t.day(meeting.starts_at))
    outside = meeting.cancelled_outside_formalia
    text = t("cancel.announcement.text_outside" if outside else "cancel.announcement.text")
    data = {"heading": heading, "text": text, "has_facts": True, "facts": facts}
    return Reply(heading, card=render("announcement", data))
