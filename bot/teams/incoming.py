"""An activity read once, at the edge, into what the handlers and the services need of it.

The handlers then work from this record only: the message's text (the bot's mention removed)
becomes a chat `Turn`, a card action's verb and data a chat `Click`, and nothing further down
digs in the activity again.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.schema import Activity

_AT_TAG = re.compile(r"<at[^>]*>.*?</at>", re.IGNORECASE | re.DOTALL)
SHARED = ("channel", "groupChat")  # conversations where everyone there reads the bot's answer
BOT_NAME = "Styrgruppsboten"
REMEMBERED = ("message", "conversationUpdate")  # the activities that tell the bot where it may post


def message_text(activity: Activity) -> str:
    """The message without the bot's @mention (Teams puts `<at>Bot</at>` into channel messages)."""
    text = activity.text or ""
    # A malformed mention entity makes botbuilder raise: then the tags are removed below.
    with contextlib.suppress(KeyError, TypeError, AttributeError):
        text = TurnContext.remove_recipient_mention(activity) or ""
    return _AT_TAG.sub(" ", text).replace("&nbsp;", " ").strip()


@dataclass(frozen=True)
class Incoming:
    type: str | None
    name: str | None  # an invoke's name ("adaptiveCard/action")
    id: str | None
    locale: str | None
    channel_id: Any  # as sent: the fence checks that it is Teams'
    channel_data: Any
    conversation_id: str | None
    conversation_type: str | None
    tenants: tuple[
        Any, ...
    ]  # the conversation's tenant ids as given (msrest's `tenantID`, Teams' `tenantId`)
    actor_id: str | None  # the validated AAD object id
    channel_user_id: str | None  # who the sender is in the chat channel ("29:…")
    bot_name: str
    text: str  # a message's text without the bot's mention
    verb: str  # a card action's verb, "" when it sent none
    data: dict[str, Any]  # a card action's data, {} when it sent none
    # Where the bot may post later: the conversation's id (a channel's, not its thread's) and
    # Teams' reference to it; read from messages and installations only (a click needs none).
    reference: tuple[str, dict[str, Any]] | None

    @property
    def shared(self) -> bool:
        return self.conversation_type in SHARED

    @property
    def kind(self) -> str:
        """The conversation's kind as the bot keeps it (Teams leaves a personal chat's unsaid)."""
        return self.conversation_type or "personal"


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def read_incoming(activity: Activity) -> Incoming:
    conversation = activity.conversation
    sender = activity.from_property
    tenants = (
        (conversation.tenant_id, (conversation.additional_properties or {}).get("tenantId"))
        if conversation
        else ()
    )
    action = _dict(_dict(activity.value).get("action"))
    verb = action.get("verb")
    return Incoming(
        type=activity.type,
        name=activity.name,
        id=activity.id,
        locale=activity.locale,
        channel_id=activity.channel_id,
        channel_data=activity.channel_data,
        conversation_id=conversation.id if conversation else None,
        conversation_type=conversation.conversation_type if conversation else None,
        tenants=tenants,
        actor_id=sender.aad_object_id if sender else None,
        channel_user_id=sender.id if sender else None,
        bot_name=activity.recipient.name if activity.recipient and activity.recipient.name else BOT_NAME,
        text=message_text(activity) if activity.type == "message" else "",
        verb=verb if isinstance(verb, str) else "",
        data=_dict(action.get("data")),
        reference=_reference(activity) if activity.type in REMEMBERED else None,
    )


def _reference(activity: Activity) -> tuple[str, dict[str, Any]] | None:
    conversation = activity.conversation
    if conversation is None or not conversation.id:
        return None
    reference = TurnContext.get_conversation_reference(activity).serialize()
    conversation_id = conversation.id
    if conversation.conversation_type == "channel":
        # A message in a channel arrives in its thread ("19:…;messageid=…"); the bot posts to the channel.
        conversation_id = conversation_id.split(";", 1)[0]
        reference["conversation"]["id"] = conversation_id
        reference.pop("activityId", None)
    return conversation_id, reference
