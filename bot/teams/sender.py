"""botbuilder's sender for the outbox: one post or card update through the connector."""

from __future__ import annotations

import logging
from typing import Any

from botbuilder.core import BotAdapter, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ConversationReference
from msrest.exceptions import ClientRequestError, HttpOperationError

from bot.chat.turn import Reply
from bot.edge.delivery import TRANSIENT, retry_after
from bot.services.ports.delivery import DeliveryError, RetryLater
from bot.teams.activity_bot import reply_activity

log = logging.getLogger(__name__)


def conversation_reference(stored: dict[str, Any]) -> ConversationReference:
    """The stored form (`bot.edge.references`) as botbuilder's model; msrest keys the tenant `tenantID`."""
    reference = ConversationReference().deserialize(stored)
    if reference.conversation is not None and reference.conversation.tenant_id is None:
        reference.conversation.tenant_id = stored.get("conversation", {}).get("tenantId")
    return reference


class BotbuilderSender:
    def __init__(self, adapter: CloudAdapter, app_id: str) -> None:
        self._adapter, self._app_id = adapter, app_id

    async def post(self, reference: dict[str, Any], reply: Reply) -> str | None:
        return await self._send(conversation_reference(reference), reply_activity(reply), update=False)

    async def update(self, reference: dict[str, Any], activity_id: str, reply: Reply) -> None:
        activity = reply_activity(reply)
        activity.id = activity_id
        await self._send(conversation_reference(reference), activity, update=True)

    async def _send(
        self, reference: ConversationReference, activity: Activity, *, update: bool
    ) -> str | None:
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
            return RetryLater(f"Teams answered {status}", retry_after=retry_after(headers.get("Retry-After")))
        return DeliveryError(f"Teams answered {status}")
    if isinstance(error, ClientRequestError | TimeoutError | ConnectionError | OSError):
        return RetryLater(f"Teams could not be reached: {error}")
    log.exception("unexpected error while sending to Teams", exc_info=error)
    return DeliveryError(f"unexpected {type(error).__name__}: {error}")
