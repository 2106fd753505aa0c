"""Activities as Teams sends them, with the fields tests/support/activities.py leaves out.

Shapes from Teams' traffic: seven-digit fractions in the timestamps, a clientInfo entity,
`tenantId` in the conversation (which msrest keeps as an unknown key: its model says `tenantID`).
"""

from __future__ import annotations

from typing import Any

from bot.domain.group import Group
from tests.support.activities import BOT_ID, BOT_NAME, channel_message, personal_message

SERVICE_URL = "https://smba.trafficmanager.net/emea/"
TIMESTAMP = "2026-11-27T09:00:01.1234567Z"
LOCAL_TIMESTAMP = "2026-11-27T10:00:01.1234567+01:00"


def _as_teams_sends(activity: dict[str, Any], platform: str = "Web") -> dict[str, Any]:
    activity.update(timestamp=TIMESTAMP, localTimestamp=LOCAL_TIMESTAMP, localTimezone="Europe/Stockholm")
    client = {"locale": "sv-SE", "country": "SE", "platform": platform, "timezone": "Europe/Stockholm"}
    activity["entities"] = [*(activity.get("entities") or []), {**client, "type": "clientInfo"}]
    return activity


def teams_channel_message(group: Group, aad_id: str, text: str, url: str = SERVICE_URL) -> dict[str, Any]:
    activity = _as_teams_sends(channel_message(group, url, aad_id, text))
    activity["textFormat"] = "plain"
    activity["attachments"] = [
        {
            "contentType": "text/html",
            "content": f'<div><div><span itemtype="Mention">{BOT_NAME}</span></div></div>',
        }
    ]
    activity["channelData"].update(teamsChannelId=group.channel_id, teamsTeamId=group.team_id)
    return activity


def teams_personal_message(group: Group, aad_id: str, text: str, url: str = SERVICE_URL) -> dict[str, Any]:
    activity = _as_teams_sends(personal_message(group, url, aad_id, text), platform="Windows")
    activity["textFormat"] = "plain"
    return activity


def teams_card_action(
    group: Group, aad_id: str, verb: str, data: dict[str, Any], url: str = SERVICE_URL
) -> dict[str, Any]:
    activity = _as_teams_sends(channel_message(group, url, aad_id, ""))
    activity.update(type="invoke", name="adaptiveCard/action", replyToId="1732698001123")
    del activity["text"]
    activity["entities"] = activity["entities"][1:]  # no mention in a button's press
    activity["channelData"].update(source={"name": "message"}, legacy={"replyToId": "1:1ab2cd"})
    activity["value"] = {
        "action": {"type": "Action.Execute", "title": "Ja", "verb": verb, "data": data},
        "trigger": "manual",
    }
    return activity


def teams_members_added(group: Group, aad_id: str, url: str = SERVICE_URL) -> dict[str, Any]:
    """The bot added to the group's team: a conversationUpdate in its General channel."""
    return {
        "membersAdded": [{"id": BOT_ID}, {"id": f"29:{aad_id}", "aadObjectId": aad_id}],
        "type": "conversationUpdate",
        "timestamp": TIMESTAMP,
        "id": "f:5d3a1b2c-0000-4000-8000-000000000001",
        "channelId": "msteams",
        "serviceUrl": url,
        "from": {"id": f"29:{aad_id}", "aadObjectId": aad_id},
        "conversation": {
            "isGroup": True,
            "conversationType": "channel",
            "tenantId": group.tenant_id,
            "id": group.channel_id,
        },
        "recipient": {"id": BOT_ID, "name": BOT_NAME},
        "channelData": {
            "team": {
                "aadGroupId": "0b7e2f52-0000-4000-8000-000000000002",
                "name": "Styrgruppen",
                "id": group.team_id,
            },
            "eventType": "teamMemberAdded",
            "tenant": {"id": group.tenant_id},
            "settings": {"selectedChannel": {"id": group.channel_id}},
        },
    }
