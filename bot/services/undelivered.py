"""A Teams message that failed for good is told to the secretary, in words, in the same transaction.

To the secretary's chat with the bot when there is one (and it is not where the message
failed), else to the channel. A notice that itself fails is not told of: no loop.
"""

from __future__ import annotations

from typing import Any

from bot.domain.group import Role
from bot.services.context import Context
from bot.services.ports.outbox import Outgoing, Pending
from bot.services.ports.store import UnitOfWork

NOTICE = "undelivered"  # the notice's post kind


async def tell_the_secretary(ctx: Context, uow: UnitOfWork, message: Pending) -> None:
    post = message.payload.get("post")
    if message.channel != "teams" or post == NOTICE:
        return
    args: dict[str, Any] = message.payload.get("args") or {}
    in_channel = message.target == ctx.group.channel_id
    told = {
        "post": post,
        "update": message.operation == "update",
        "meeting_id": args.get("meeting_id"),
        "where": "channel" if in_channel else "chat",
        "person": None if in_channel else await _person_in(ctx, uow, message.target),
    }
    secretary = next((p for p in ctx.group.people if p.role is Role.SECRETARY), None)
    chat = await uow.conversations.personal_of(secretary.aad_id) if secretary else None
    target = chat if chat and chat != message.target else ctx.group.channel_id
    notice = Outgoing(f"{NOTICE}:{message.key}", "teams", "post", target, {"post": NOTICE, "args": told})
    await uow.outbox.enqueue(notice, ctx.clock.now())


async def _person_in(ctx: Context, uow: UnitOfWork, conversation_id: str) -> str | None:
    """The name of the person whose chat with the bot this is, as the stored reference says."""
    reference = await uow.conversations.get(conversation_id) or {}
    person = ctx.group.person((reference.get("user") or {}).get("aadObjectId"))
    return person.name if person else None
