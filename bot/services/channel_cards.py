"""The bot's own cards in the group's channel: posted once by key, then refreshed in place.

A refresh is an outbox "update" of the posted card, rendered from the store when it is
delivered, so one pending refresh stands for any number of changes (`coalesce`).
"""

from __future__ import annotations

import uuid
from typing import Any

from bot.services.context import Context
from bot.services.outbox import Outgoing


def attendance_key(meeting_id: int) -> str:
    return f"meeting:{meeting_id}:attendance"


def adjuster_key(meeting_id: int) -> str:
    return f"meeting:{meeting_id}:adjuster"


def vote_key(vote_id: int) -> str:
    return f"vote:{vote_id}"


def post_card(ctx: Context, key: str, post: str, args: dict[str, Any], target: str | None = None) -> Outgoing:
    return Outgoing(key, "teams", "post", target or ctx.group.channel_id, {"post": post, "args": args})


def refresh_card(ctx: Context, key: str, post: str, args: dict[str, Any]) -> Outgoing:
    """An update of the card posted under `key`; only for a card whose post is in the outbox."""
    return Outgoing(
        f"{key}:update:{uuid.uuid4().hex}",
        "teams",
        "update",
        ctx.group.channel_id,
        {"post": post, "args": args, "replaces": key},
        coalesce=f"{key}:update",
    )
