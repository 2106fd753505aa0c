"""Delivers the outbox's Teams messages: posts and card updates, proactively, within Teams' limits."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from botbuilder.core import BotAdapter, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ConversationReference
from msrest.exceptions import ClientRequestError, HttpOperationError

from bot.chat.turn import Reply
from bot.services.ports.delivery import DeliveryError, RetryLater
from bot.services.ports.outbox import Pending
from bot.teams.activity_bot import reply_activity
from bot.teams.ratelimit import ConversationLimiter

log = logging.getLogger(__name__)

TRANSIENT = {408, 412, 429, 500, 502, 503, 504}

Render = Callable[[str, dict[str, Any]], Awaitable[Reply]]
Lookup = Callable[[str], Awaitable[dict[str, Any] | None]]


class TeamsDeliverer:
    def __init__(
        self, adapter: CloudAdapter, app_id: str, render: Render, references: Lookup, results: Lookup,
        limiter: ConversationLimiter,
    ) -> None:  # fmt: skip
        self._adapter, self._app_id = adapter, app_id
        self._render, self._references, self._results = render, references, results
        self._limiter = limiter

    async def deliver(self, message: Pending) -> dict[str, Any] | None:
        stored = await self._references(message.target)
        if stored is None:
            # Teams has not yet told the bot where this conversation lives (it does at installation
            # and with every message); the post waits for that rather than being lost.
            raise RetryLater(f"no conversation reference for {message.target} yet", retry_after=60)
        reference = ConversationReference().deserialize(stored)
        activity = reply_activity(
            await self._render(str(message.payload["post"]), message.payload.get("args", {}))
        )
        if message.operation == "update":
            original = await self._results(str(message.payload["replaces"]))
            if original is None:
                raise RetryLater("the card to update has not been posted yet", retry_after=1)
            activity.id = original["activity_id"]
        await self._limiter.wait(message.target)
        update = message.operation == "update"
        sent = await self._send(reference, activity, update=update)
        return {"activity_id": activity.id if update else sent, "conversation_id": reference.conversation.id}

    async def _send(self, reference: ConversationReference, activity: Any, *, update: bool) -> str | None:
        outcome: dict[str, Any] = {}

        async def callback(turn_context: TurnContext) -> None:
            # Caught here: an error escaping the callback would reach the adapter's on_turn_error,
            # which is for conversations with people, not for the outbox.
            try:
                outcome["id"] = await _post_or_update(turn_context, reference, activity, update=update)
            except Exception as error:
                outcome["error"] = error

        await self._adapter.continue_conversation(reference, callback, self._app_id)
        if "error" in outcome:
            raise _mapped(outcome["error"])
        return outcome.get("id")


async def _post_or_update(
    turn_context: TurnContext, reference: ConversationReference, activity: Activity, *, update: bool
) -> str | None:
    """Straight through the connector: TurnContext would make every post a reply in a thread,
    while the bot's own posts start a thread of their own in the channel."""
    connector = turn_context.turn_state[BotAdapter.BOT_CONNECTOR_CLIENT_KEY]
    activity = TurnContext.apply_conversation_reference(activity, reference)
    activity.reply_to_id = None
    conversation_id = reference.conversation.id
    if update:
        response = await connector.conversations.update_activity(conversation_id, activity.id, activity)
    else:
        response = await connector.conversations.send_to_conversation(conversation_id, activity)
    return response.id if response else None


def _mapped(error: Exception) -> DeliveryError:
    if isinstance(error, HttpOperationError) and error.response is not None:
        status = getattr(error.response, "status_code", None) or getattr(error.response, "status", None)
        headers = getattr(error.response, "headers", {}) or {}
        if status in TRANSIENT:
            return RetryLater(f"Teams answered {status}", retry_after=_seconds(headers.get("Retry-After")))
        return DeliveryError(f"Teams answered {status}")
    if isinstance(error, ClientRequestError | TimeoutError | ConnectionError | OSError):
        return RetryLater(f"Teams could not be reached: {error}")
    log.exception("unexpected error while sending to Teams", exc_info=error)
    return DeliveryError(f"unexpected {type(error).__name__}: {error}")


def _seconds(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


def reference_lookup(load: Lookup, channel_id: str, tenant_id: str) -> Lookup:
    """The stored reference of a conversation; for the group's channel, one made from any stored one.

    The bot can post a new thread in its channel as soon as it has heard from Teams once
    (the installation, or any message): it needs only the service URL.
    """

    async def lookup(conversation_id: str) -> dict[str, Any] | None:
        stored = await load(conversation_id)
        if stored is not None or conversation_id != channel_id:
            return stored
        any_reference = await load("*")
        if any_reference is None:
            return None
        return {
            **any_reference,
            "activityId": None,
            "conversation": {
                "id": channel_id,
                "isGroup": True,
                "conversationType": "channel",
                "tenantId": tenant_id,
            },
        }

    return lookup
