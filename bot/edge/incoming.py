"""An activity read once, at the edge, from its JSON body: what the handlers and services need of it.

The body is read here, not from either SDK's model, so both adapters see exactly the same
activity. A message's text (the bot's mention removed) becomes a chat `Turn`, a card
action's verb and data a chat `Click`, and nothing further down digs in the activity again.
`bot.edge.shape` has checked the body's shape before: the fields read here are of their types.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.edge.references import reference_of

_AT_TAG = re.compile(r"<at[^>]*>.*?</at>", re.IGNORECASE | re.DOTALL)
SHARED = ("channel", "groupChat")  # conversations where everyone there reads the bot's answer
BOT_NAME = "Styrgruppsboten"
REMEMBERED = ("message", "conversationUpdate")  # the activities that tell the bot where it may post


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
    ]  # the conversation's tenant ids as given (Teams' `tenantId`, msrest's `tenantID`)
    actor_id: str | None  # the validated AAD object id
    channel_user_id: str | None  # who the sender is in the chat channel ("29:…")
    bot_name: str
    text: str  # a message's text without the bot's mention
    verb: str  # a card action's verb, "" when it sent none
    data: dict[str, Any]  # a card action's data, {} when it sent none
    # Where the bot may post later: the conversation's id (a channel's, not its thread's) and
    # the stored reference to it; read from messages and installations only (a click needs none).
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


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def message_text(body: dict[str, Any]) -> str:
    """The message without the bot's @mention (Teams puts `<at>Bot</at>` into channel messages).

    As both SDKs' `remove_recipient_mention` do: the text of each mention entity that names
    the recipient is cut out; whatever `<at>` tag is left (a malformed entity) goes too.
    """
    text = _str(body.get("text")) or ""
    recipient = _dict(body.get("recipient")).get("id")
    for entity in body.get("entities") or ():
        entity = _dict(entity)
        mentioned = _dict(entity.get("mentioned"))
        said = entity.get("text")
        names_bot = entity.get("type") == "mention" and recipient and mentioned.get("id") == recipient
        if names_bot and isinstance(said, str) and said:
            text = text.replace(said, "")
    return _AT_TAG.sub(" ", text).replace("&nbsp;", " ").strip()


def read_incoming(body: dict[str, Any]) -> Incoming:
    conversation = _dict(body.get("conversation"))
    sender = _dict(body.get("from"))
    recipient = _dict(body.get("recipient"))
    tenants = (conversation.get("tenantId"), conversation.get("tenantID")) if conversation else ()
    value = _dict(body.get("value"))
    action = _dict(value.get("action"))
    verb = action.get("verb")
    kind = _str(body.get("type"))
    return Incoming(
        type=kind,
        name=_str(body.get("name")),
        id=_str(body.get("id")),
        locale=_str(body.get("locale")),
        channel_id=body.get("channelId"),
        channel_data=body.get("channelData"),
        conversation_id=_str(conversation.get("id")),
        conversation_type=_str(conversation.get("conversationType")),
        tenants=tenants,
        actor_id=_str(sender.get("aadObjectId")),
        channel_user_id=_str(sender.get("id")),
        bot_name=_str(recipient.get("name")) or BOT_NAME,
        text=message_text(body) if kind == "message" else "",
        verb=verb if isinstance(verb, str) else "",
        data=_dict(action.get("data")),
        reference=reference_of(body) if kind in REMEMBERED else None,
    )
