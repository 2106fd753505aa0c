"""The bot's own cards in the group's channel: posted once by key, then refreshed in place.

A refresh is an outbox "update" of the posted card, rendered from the store when it is
delivered, so one pending refresh stands for any number of changes (`coalesce`).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from bot.services.context import Context
from bot.services.ports.outbox import OutboxRepository, Outgoing


def attendance_key(meeting_id: int) -> str:
    return f"meeting:{meeting_id}:attendance"


def adjuster_key(meeting_id: int) -> str:
    return f"meeting:{meeting_id}:adjuster"


def acting_chair_key(meeting_id: int) -> str:
    return f"meeting:{meeting_id}:acting_chair"


def attendance_report_key(meeting_id: int) -> str:
    """Not under `attendance_key`: keys are also looked up by prefix."""
    return f"report:{meeting_id}:attendance"


def vote_key(vote_id: int) -> str:
    return f"vote:{vote_id}"


def post_card(ctx: Context, key: str, post: str, args: dict[str, Any], target: str | None = None) -> Outgoing:
    return Outgoing(key, "teams", "post", target or ctx.group.channel_id, {"post": post, "args": args})


def refresh_card(
    ctx: Context, key: str, post: str, args: dict[str, Any], target: str | None = None
) -> Outgoing:
    """An update of the card posted under `key` (to `target`, the channel unless said); only for a
    card whose post is in the outbox."""
    return Outgoing(
        f"{key}:update:{uuid.uuid4().hex}",
        "teams",
        "update",
        target or ctx.group.channel_id,
        {"post": post, "args": args, "replaces": key},
        coalesce=f"{key}:update",
    )


async def refresh_posts(
    ctx: Context, outbox: OutboxRepository, key_prefix: str, post: str, now: datetime
) -> None:
    """Every card posted as `post` under a key starting `key_prefix`, refreshed where it was posted."""
    for posted in await outbox.posts(key_prefix):
        await _refresh(ctx, outbox, posted, post, now)


async def refresh_post(ctx: Context, outbox: OutboxRepository, key: str, post: str, now: datetime) -> None:
    """The card posted as `post` under exactly `key`, if it was, refreshed where it was posted."""
    posted = await outbox.post(key)
    if posted is not None:
        await _refresh(ctx, outbox, posted, post, now)


async def _refresh(
    ctx: Context, outbox: OutboxRepository, posted: Outgoing, post: str, now: datetime
) -> None:
    if posted.payload.get("post") == post:
        args = posted.payload.get("args", {})
        await outbox.enqueue(refresh_card(ctx, posted.key, post, args, target=posted.target), now)


async def refresh_reviews(ctx: Context, outbox: OutboxRepository, meeting_id: int, now: datetime) -> None:
    """The protocol's review cards already sent show it as it now stands (withdrawn, approved, adjusted)."""
    await refresh_posts(ctx, outbox, f"protocol:{meeting_id}:", "protocol_review", now)
