"""Delivers the outbox's Teams messages: posts and card updates, proactively, within Teams' limits.

What to send and when is decided here; each SDK's adapter has a `Sender` that sends one
activity and maps its SDK's errors to the outbox's `DeliveryError` and `RetryLater`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from bot.chat.turn import Reply
from bot.edge.ratelimit import ConversationLimiter
from bot.edge.references import Lookup
from bot.services.ports.delivery import RetryLater
from bot.services.ports.outbox import Pending

TRANSIENT = {408, 412, 429, 500, 502, 503, 504}  # the connector's answers worth trying again

Render = Callable[[str, dict[str, Any]], Awaitable[Reply]]


class Sender(Protocol):
    async def post(self, reference: dict[str, Any], reply: Reply) -> str | None:
        """Starts a new thread (a channel) or sends into the chat; the new activity's id."""
        ...

    async def update(self, reference: dict[str, Any], activity_id: str, reply: Reply) -> None:
        """Replaces the card the bot posted as `activity_id`."""
        ...


class TeamsDeliverer:
    def __init__(
        self, sender: Sender, render: Render, references: Lookup, results: Lookup,
        limiter: ConversationLimiter,
    ) -> None:  # fmt: skip
        self._sender = sender
        self._render, self._references, self._results = render, references, results
        self._limiter = limiter

    async def deliver(self, message: Pending) -> dict[str, Any] | None:
        reference = await self._references(message.target)
        if reference is None:
            # Teams has not yet told the bot where this conversation lives (it does at installation
            # and with every message); the post waits for that rather than being lost.
            raise RetryLater(f"no conversation reference for {message.target} yet", retry_after=60)
        reply = await self._render(str(message.payload["post"]), message.payload.get("args", {}))
        conversation_id = reference["conversation"]["id"]
        if message.operation == "update":
            original = await self._results(str(message.payload["replaces"]))
            if original is None:
                raise RetryLater("the card to update has not been posted yet", retry_after=1)
            await self._limiter.wait(message.target)
            await self._sender.update(reference, original["activity_id"], reply)
            return {"activity_id": original["activity_id"], "conversation_id": conversation_id}
        await self._limiter.wait(message.target)
        sent = await self._sender.post(reference, reply)
        return {"activity_id": sent, "conversation_id": conversation_id}


def retry_after(value: str | None) -> float | None:
    """A Retry-After header's seconds; None when it says none."""
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None
