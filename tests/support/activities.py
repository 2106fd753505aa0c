"""Teams activities as the channel sends them, built for tests."""

from __future__ import annotations

import itertools
from typing import Any

from bot.domain.group import Group

BOT_ID = "28:styrgruppsboten"
BOT_NAME = "Styrgruppsboten"
_ids = itertools.count(1)


def _user(aad_id: str | None, name: str) -> dict[str, Any]:
    user: dict[str, Any] = {"id": f"29:{aad_id or 'unknown'}", "name": name}
    if aad_id:
        user["aadObjectId"] = aad_id
    return user


def channel_message(
    group: Group,
    service_url: str,
    aad_id: str | None,
    text: str,
    *,
    name: str = "Någon",
    tenant_id: str | None = None,
    team_id: str | None = None,
    locale: str = "sv-SE",
) -> dict[str, Any]:
    """A message in the group's channel that @mentions the bot."""
    mention = f"<at>{BOT_NAME}</at>"
    tenant = tenant_id or group.tenant_id
    return {
        "type": "message",
        "id": f"act-{next(_ids)}",
        "channelId": "msteams",
        "serviceUrl": service_url,
        "locale": locale,
        "from": _user(aad_id, name),
        "recipient": {"id": BOT_ID, "name": BOT_NAME},
        "conversation": {
            "id": f"{group.channel_id};messageid=1",
            "conversationType": "channel",
            "isGroup": True,
            "tenantId": tenant,
        },
        "text": f"{mention} {text}",
        "entities": [{"type": "mention", "mentioned": {"id": BOT_ID, "name": BOT_NAME}, "text": mention}],
        "channelData": {
            "tenant": {"id": tenant},
            "team": {"id": team_id or group.team_id},
            "channel": {"id": group.channel_id},
        },
    }


def personal_message(
    group: Group,
    service_url: str,
    aad_id: str | None,
    text: str,
    *,
    name: str = "Någon",
    tenant_id: str | None = None,
    locale: str = "sv-SE",
) -> dict[str, Any]:
    """A message in a one-to-one chat with the bot."""
    tenant = tenant_id or group.tenant_id
    return {
        "type": "message",
        "id": f"act-{next(_ids)}",
        "channelId": "msteams",
        "serviceUrl": service_url,
        "locale": locale,
        "from": _user(aad_id, name),
        "recipient": {"id": BOT_ID, "name": BOT_NAME},
        "conversation": {
            "id": f"a:personal-{aad_id or 'unknown'}",
            "conversationType": "personal",
            "tenantId": tenant,
        },
        "text": text,
        "channelData": {"tenant": {"id": tenant}},
    }
