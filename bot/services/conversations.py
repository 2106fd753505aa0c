"""Where the bot may later speak first: the group's channel and its people's personal chats."""

from __future__ import annotations

from typing import Any

from bot.services.context import Context


async def remember_conversation(
    ctx: Context, conversation_id: str, kind: str, actor_id: str | None, reference: dict[str, Any]
) -> None:
    """Keeps the conversation `reference` (as Teams gave it) to post to later.

    A personal chat is kept only for someone of the group, by their AAD id. Posts that waited
    for Teams to tell the bot where to send them can go once a conversation is new.
    """
    person = ctx.group.person(actor_id)
    if kind == "personal" and person is None:
        return
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        new = await uow.conversations.remember(
            conversation_id, kind, person.aad_id if kind == "personal" and person else None, reference, now
        )
        if new:
            await uow.outbox.wake_teams(now)
        await uow.commit()
