"""What the bot posts on its own about the protocol's adjustment, rendered when it is sent."""

from __future__ import annotations

from typing import Any

from bot.chat.adjustment import adjusted_reply, review_reply
from bot.chat.protocol import draft_reply, notice_reply, secretary_draft
from bot.chat.turn import Reply
from bot.domain.adjustment import ProtocolState
from bot.domain.deadlines import deadlines_for
from bot.domain.group import Role
from bot.services.context import Context
from bot.services.meeting_day import meeting_of
from bot.services.protocol import ProtocolView, protocol_of, submitted_protocol
from bot.texts import Texts


def _secretary(ctx: Context) -> str | None:
    """Whom a post "to the secretary" reaches (her chat with the bot): the draft's reader."""
    return next((p.aad_id for p in ctx.group.people if p.role is Role.SECRETARY), None)


async def _protocol(ctx: Context, meeting_id: int, frozen: bool) -> ProtocolView:
    view = await (submitted_protocol(ctx, meeting_id) if frozen else protocol_of(ctx, meeting_id))
    assert view is not None, f"no protocol for meeting {meeting_id}"
    return view


async def review_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    """To the adjuster or the chair: the protocol to read, and the buttons to approve or send it back."""
    view = await _protocol(ctx, int(args["meeting_id"]), frozen=True)
    if view.state is ProtocolState.ADJUSTED:  # a card sent earlier, refreshed: no more buttons
        return review_reply(ctx, t, view)
    if view.state is not ProtocolState.IN_REVIEW:  # edited again, or a change asked for
        return Reply(t("review.withdrawn", meeting=t.day(view.meeting.starts_at)))
    named = view.record.get(str(args["role"])) or {}
    notice = t(f"review.to.{args['role']}", name=named.get("name", "?"))
    if args.get("in_channel"):
        return notice_reply(ctx, t, view, notice, "review.heading")
    return review_reply(ctx, t, view, notice=notice)


async def change_requested_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    """To the secretary: the draft card, with what the adjuster or the chair wants changed."""
    view = await _protocol(ctx, int(args["meeting_id"]), frozen=False)
    if args.get("in_channel"):
        return notice_reply(ctx, t, view, t("protocol.changes_notice"))
    return await secretary_draft(ctx, t, _secretary(ctx), view, t("protocol.changes_notice"))


async def adjusted_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    view = await _protocol(ctx, int(args["meeting_id"]), frozen=True)
    return await adjusted_reply(ctx, t, view, args.get("url"))


async def reminder_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    """Before the adjustment deadline: the secretary gets the draft, the adjuster or chair the review card."""
    to, meeting_id = str(args["to"]), int(args["meeting_id"])
    if to == "secretary" and await protocol_of(ctx, meeting_id) is None:  # not even begun
        meeting = await meeting_of(ctx, meeting_id)
        due = deadlines_for(meeting, ctx.group.rules, ctx.tz).adjustment_due
        return Reply(t("reminder.secretary", due=t.moment(due)))
    view = await _protocol(ctx, meeting_id, frozen=to != "secretary")
    if view.state is ProtocolState.ADJUSTED:  # adjusted while the reminder waited to be sent
        return await adjusted_reply(ctx, t, view)
    notice = t(f"reminder.{to}", due=t.moment(view.deadlines.adjustment_due))
    if args.get("in_channel"):
        return notice_reply(ctx, t, view, notice)
    if to == "secretary":
        return await secretary_draft(ctx, t, _secretary(ctx), view, notice)
    if view.state is not ProtocolState.IN_REVIEW:
        return draft_reply(ctx, t, view, notice)
    return review_reply(ctx, t, view, notice=notice)
