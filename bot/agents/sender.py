"""The Agents SDK's sender for the outbox: one post or card update through the connector."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import ClientError, ClientResponseError
from microsoft_agents.activity import Activity, ConversationReference

from bot.agents.agent import reply_activity
from bot.agents.connectors import Connectors
from bot.chat.turn import Reply
from bot.edge.delivery import TRANSIENT, retry_after
from bot.services.ports.delivery import DeliveryError, RetryLater

log = logging.getLogger(__name__)


def conversation_reference(stored: dict[str, Any]) -> ConversationReference:
    """The stored form (`bot.edge.references`) as the SDK's model, which reads the bot's account as `bot`."""
    return ConversationReference.model_validate(stored)


class AgentsSender:
    def __init__(self, connectors: Connectors) -> None:
        self._connectors = connectors

    def _addressed(self, stored: dict[str, Any], reply: Reply) -> tuple[ConversationReference, Activity]:
        # Straight to the conversation, not as a reply to the message the reference was taken
        # from: the bot's own posts start a thread of their own. (Set to None instead, replyToId
        # would be sent as null, which a connector may refuse.)
        reference = conversation_reference(stored).model_copy(update={"activity_id": None})
        addressed = reply_activity(reply).apply_conversation_reference(reference)
        # What the reference lacks (a channel's, from the installation, names no user) is set to
        # None by the SDK and would be sent as null, which a connector refuses: left unset instead.
        activity = Activity.model_validate(addressed.model_dump(by_alias=True, exclude_none=True))
        return reference, activity

    async def post(self, reference: dict[str, Any], reply: Reply) -> str | None:
        addressed, activity = self._addressed(reference, reply)
        try:
            connector = await self._connectors.connector(addressed.service_url)
            response = await connector.conversations.send_to_conversation(addressed.conversation.id, activity)
        except Exception as error:
            raise _mapped(error) from error
        return response.id if response else None

    async def update(self, reference: dict[str, Any], activity_id: str, reply: Reply) -> None:
        addressed, activity = self._addressed(reference, reply)
        activity.id = activity_id
        try:
            connector = await self._connectors.connector(addressed.service_url)
            await connector.conversations.update_activity(addressed.conversation.id, activity_id, activity)
        except Exception as error:
            raise _mapped(error) from error


def _mapped(error: Exception) -> DeliveryError:
    if isinstance(error, ClientResponseError):
        if error.status in TRANSIENT:
            headers = error.headers or {}
            return RetryLater(
                f"Teams answered {error.status}", retry_after=retry_after(headers.get("Retry-After"))
            )
        return DeliveryError(f"Teams answered {error.status}")
    if isinstance(error, ClientError | TimeoutError | ConnectionError | OSError):
        return RetryLater(f"Teams could not be reached: {error}")
    log.exception("unexpected error while sending to Teams", exc_info=error)
    return DeliveryError(f"unexpected {type(error).__name__}: {error}")
