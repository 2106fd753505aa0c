"""Conversation references as the bot stores them: plain JSON that either SDK's adapter reads.

The stored form is the Bot Framework's own JSON for a conversation reference (`bot` for the
bot's account, `tenantId` in the conversation), holding only what a post needs. botbuilder
wrote the conversation's tenant as `tenantID` (msrest's key) and the Microsoft 365 Agents
SDK names the bot's account `agent` in Python; `stored_form` takes either and gives this
form, so a bot switched from one SDK to the other keeps posting where it could before.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

Lookup = Callable[[str], Awaitable[dict[str, Any] | None]]

_ACCOUNT = ("id", "name", "aadObjectId", "role")
_CONVERSATION = ("id", "name", "conversationType", "isGroup", "tenantId")
_REFERENCE = ("activityId", "channelId", "locale", "serviceUrl")


def _kept(data: Any, keys: tuple[str, ...]) -> dict[str, Any] | None:
    if not isinstance(data, dict):
        return None
    return {key: data[key] for key in keys if isinstance(data.get(key), str | bool)}


def stored_form(reference: dict[str, Any]) -> dict[str, Any]:
    """The reference in the stored form, from any of the forms the bot has stored or read."""
    conversation = dict(reference.get("conversation") or {})
    if "tenantId" not in conversation and "tenantID" in conversation:
        conversation["tenantId"] = conversation["tenantID"]
    form: dict[str, Any] = {key: reference[key] for key in _REFERENCE if isinstance(reference.get(key), str)}
    for key, source in (
        ("user", reference.get("user")),
        ("bot", reference.get("bot", reference.get("agent"))),
    ):
        account = _kept(source, _ACCOUNT)
        if account:
            form[key] = account
    form["conversation"] = _kept(conversation, _CONVERSATION) or {}
    return form


def reference_of(body: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    """Where a message or an installation came from: the conversation's id and its reference.

    A message in a channel arrives in its thread ("19:…;messageid=…"); the bot posts to the
    channel, so the reference is the channel's, without the message.
    """
    conversation = body.get("conversation")
    if not isinstance(conversation, dict) or not isinstance(conversation.get("id"), str):
        return None
    reference = stored_form(
        {
            "activityId": body.get("id"),
            "user": body.get("from"),
            "bot": body.get("recipient"),
            "conversation": conversation,
            "channelId": body.get("channelId"),
            "locale": body.get("locale"),
            "serviceUrl": body.get("serviceUrl"),
        }
    )
    conversation_id = conversation["id"]
    if conversation.get("conversationType") == "channel":
        conversation_id = conversation_id.split(";", 1)[0]
        reference["conversation"]["id"] = conversation_id
        reference.pop("activityId", None)
    return conversation_id, reference


def reference_lookup(load: Lookup, channel_id: str, tenant_id: str) -> Lookup:
    """The stored reference of a conversation; for the group's channel, one made from any stored one.

    The bot can post a new thread in its channel as soon as it has heard from Teams once
    (the installation, or any message): it needs only the service URL.
    """

    async def lookup(conversation_id: str) -> dict[str, Any] | None:
        stored = await load(conversation_id)
        if stored is not None:
            return stored_form(stored)
        if conversation_id != channel_id:
            return None
        any_reference = await load("*")
        if any_reference is None:
            return None
        reference = stored_form(any_reference)
        reference.pop("activityId", None)
        reference["conversation"] = {
            "id": channel_id,
            "isGroup": True,
            "conversationType": "channel",
            "tenantId": tenant_id,
        }
        return reference

    return lookup
