"""What the endpoint takes for an activity: checked once, before botbuilder reads it.

botbuilder deserializes the body with msrest, which raises on a wrong type in the fields
it models (a string where `from` should be an object: Teams got a 500), and an activity
without a conversation or a service URL cannot be answered at all (the bot accepted it
and stayed silent). Teams always sends these fields well formed, so a body that lacks
them does not come from Teams: it gets a 400 saying what is wrong, and nothing runs.
"""

from __future__ import annotations

from typing import Any

_OBJECTS = ("from", "recipient", "channelData")  # absent is fine; present, they must be objects
MAX_ID_LENGTH = 400  # the database's columns for them; Teams' are under 200


_CONVERSATION_TYPES = (None, "personal", "groupChat", "channel")  # Teams' kinds; absent means personal


def malformed(body: Any) -> str | None:
    """Why `body` is not an activity the bot can answer, in Swedish; None when it is one."""
    if not isinstance(body, dict) or not isinstance(body.get("type"), str):
        return "en aktivitet (JSON-objekt med type) väntades"
    if not body["type"].strip():
        return "type är tom"
    conversation = body.get("conversation")
    if not isinstance(conversation, dict) or not _text(conversation.get("id")):
        return "conversation.id saknas"
    if not _id(conversation["id"]):
        # Teams' ids are printable ASCII without spaces at either end; another could not even be
        # written into the reply's URL, or into the header botbuilder names the conversation in.
        return "conversation.id är ingen giltig id"
    if len(conversation["id"]) > MAX_ID_LENGTH:
        return f"conversation.id är längre än {MAX_ID_LENGTH} tecken"
    if conversation.get("conversationType") not in _CONVERSATION_TYPES:
        # msrest would write any other value as its repr, and the bot stores the kind it names.
        return "conversation.conversationType ska vara personal, groupChat eller channel"
    if not _text(body.get("serviceUrl")) or not body["serviceUrl"].startswith(("https://", "http://")):
        return "serviceUrl saknas"
    for key in _OBJECTS:
        if body.get(key) is not None and not isinstance(body[key], dict):
            return f"{key} ska vara ett objekt"
    if not isinstance(body.get("recipient"), dict) or not _text(body["recipient"].get("id")):
        # Teams names the bot it writes to; an answer needs it as its sender (the Agents SDK
        # cannot even address a reply without it).
        return "recipient.id saknas"
    entities = body.get("entities")
    if entities is not None and not _objects(entities):
        return "entities ska vara en lista av objekt"
    if body.get("id") is not None and not isinstance(body["id"], str):
        return "id ska vara en sträng"
    if body.get("id") and not _id(body["id"]):
        return "id är ingen giltig id"
    if len(body.get("id") or "") > MAX_ID_LENGTH:
        return f"id är längre än {MAX_ID_LENGTH} tecken"
    return None


# Never in Teams' ids, and each would change the URL the reply goes to: the Agents SDK writes
# ids into the connector's path unquoted, so "a:x%2Fy" was answered in the conversation "a:x/y".
_NOT_IN_IDS = frozenset("/?#%\\")


def _id(value: str) -> bool:
    return (
        value.isascii()
        and value.isprintable()
        and value == value.strip()
        and not _NOT_IN_IDS.intersection(value)
    )


def _objects(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, dict) for item in value)


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())
