"""What the bot posts on its own (from the outbox), rendered in words at the moment it is sent.

Rendering at delivery rather than at enqueueing means a card always shows the state
as it is when it reaches Teams, and an update of a card simply renders it again.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import tzinfo
from typing import Any

from bot.cards.catalog import render
from bot.chat import (
    adjuster,
    adjustment_posts,
    attendance,
    attendance_report,
    cancellation,
    chairing,
    recording,
    transcript,
    votes,
)
from bot.chat.items_card import agenda_card_data, agenda_published_post, notice_post
from bot.chat.turn import Reply
from bot.chat.undelivered import undelivered_post
from bot.services.context import Context
from bot.services.items import agenda_of
from bot.texts import Texts, texts_for

Post = Callable[[Context, Texts, dict[str, Any]], Awaitable[Reply]]


async def agenda_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    data = agenda_card_data(ctx, t, await agenda_of(ctx, int(args["meeting_id"])))
    return Reply(data["heading"], card=render("agenda", data))


async def text_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    return Reply(t(str(args["key"]), **args.get("params", {})))


POSTS: dict[str, Post] = {
    "agenda": agenda_post,
    "agenda_published": agenda_published_post,
    "notice": notice_post,
    "cancel_proposal": cancellation.proposal_post,
    "cancelled": cancellation.cancelled_post,
    "text": text_post,
    "attendance": attendance.attendance_post,
    "attendance_report": attendance_report.attendance_report_post,
    "adjuster": adjuster.adjuster_post,
    "acting_chair": chairing.acting_chair_post,
    "vote": votes.vote_post,
    "protocol_review": adjustment_posts.review_post,
    "protocol_change_requested": adjustment_posts.change_requested_post,
    "protocol_adjusted": adjustment_posts.adjusted_post,
    "protocol_reminder": adjustment_posts.reminder_post,
    "recording_notice": recording.recording_post,
    "recording_found": recording.recording_found_post,
    "transcript_read": transcript.transcript_read_post,
    "undelivered": undelivered_post,
}


def renderer(
    ctx: Context, tz: tzinfo, locale: str | None = None
) -> Callable[[str, dict[str, Any]], Awaitable[Reply]]:
    """The bot's own posts are written in the group's language (Swedish unless told otherwise)."""
    texts = texts_for(locale, tz)

    async def render_post(name: str, args: dict[str, Any]) -> Reply:
        return await POSTS[name](ctx, texts, args)

    return render_post
