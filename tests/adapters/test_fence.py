"""The fence: only Teams (`msteams`), only the group's tenant, said the same in both places Teams says it.

An activity names its tenant in `conversation.tenantId` and in `channelData.tenant.id`. Before,
only the second was read: an activity that put the group's tenant there and another in the
conversation was taken as the group's. And the channel was not looked at at all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import pytest

from bot.domain.group import Group
from tests.support.activities import channel_message, personal_message
from tests.support.harness import Conversation, card_text
from tests.support.people import person

OTHER_TENANT = "99999999-9999-4999-8999-999999999999"
REFUSAL = "Jag arbetar bara för Styrgruppen E-arkiv Mitt och kan inte svara här."


def conversation_tenant(tenant: str | None) -> Callable[[dict[str, Any]], None]:
    def change(activity: dict[str, Any]) -> None:
        if tenant is None:
            activity["conversation"].pop("tenantId")
        else:
            activity["conversation"]["tenantId"] = tenant

    return change


def set_key(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(activity: dict[str, Any]) -> None:
        if value is None:
            activity.pop(key)
        else:
            activity[key] = value

    return change


def channel_data_tenant(activity: dict[str, Any]) -> None:
    activity["channelData"]["tenant"]["id"] = OTHER_TENANT


def msrest_key(activity: dict[str, Any]) -> None:
    activity["conversation"]["tenantID"] = OTHER_TENANT  # the key msrest's model reads


def another_team(activity: dict[str, Any]) -> None:
    activity["channelData"]["team"]["id"] = "19:annat-team@thread.tacv2"


OUTSIDE = {
    "conversation.tenantId of another tenant": conversation_tenant(OTHER_TENANT),
    "conversation.tenantId missing": conversation_tenant(None),
    "conversation.tenantId empty": conversation_tenant(""),
    "conversation.tenantID of another tenant": msrest_key,
    "channelData.tenant.id of another tenant": channel_data_tenant,
    "channelId webchat": set_key("channelId", "webchat"),
    "channelId emulator": set_key("channelId", "emulator"),
    "channelId MSTEAMS": set_key("channelId", "MSTEAMS"),
    "channelId missing": set_key("channelId", None),
    "the channel of another team": another_team,
}


def activity_for(chat: Conversation, where: str, kind: str, change: Callable[[dict[str, Any]], None]) -> Any:
    build = channel_message if where == "channel" else personal_message
    activity = build(chat.group, chat.connector.url, person(chat.group, "Marika Lyman").aad_id, "")
    if kind == "message":
        activity["text"] = "övrig fråga Från fel håll"
    else:
        activity.update(type="invoke", name="adaptiveCard/action", text=None, entities=None)
        activity["value"] = {"action": {"type": "Action.Execute", "verb": "item.form", "data": {}}}
    change(activity)
    return activity


CASES = [
    (outside, where, kind)
    for outside in sorted(OUTSIDE)
    for where in ("channel", "personal")
    for kind in ("message", "invoke")
    if where == "channel" or outside != "the channel of another team"  # a personal chat has no team
]


@pytest.mark.parametrize(("outside", "where", "kind"), CASES)
async def test_an_activity_from_outside_is_refused_in_words_logged_and_changes_nothing(
    chat: Conversation, group: Group, caplog: pytest.LogCaptureFixture, outside: str, where: str, kind: str
) -> None:
    activity = activity_for(chat, where, kind, OUTSIDE[outside])
    with caplog.at_level(logging.WARNING, logger="bot.teams.activity_bot"):
        async with chat.http.post(chat.bot_url, json=activity) as response:
            assert response.status in (200, 201)
            answer = await response.json() if response.status == 200 else None
    if kind == "message":
        # One reply, addressed to the activity (botbuilder leaves replyToId out for Web Chat).
        assert [card_text(s.activity) for s in chat.connector.sent] == [REFUSAL]
    else:
        assert answer is not None and answer["value"] == REFUSAL
    assert any(r.message.startswith(f"refused {kind} from outside the group") for r in caplog.records)
    assert "Inga övriga frågor" in await chat.say(person(group, "Marika Lyman"), "dagordning")


async def test_the_groups_tenant_in_both_places_in_any_case_is_inside(
    chat: Conversation, group: Group
) -> None:
    activity = activity_for(chat, "personal", "message", lambda _: None)
    activity["conversation"]["tenantId"] = group.tenant_id.upper()
    async with chat.http.post(chat.bot_url, json=activity) as response:
        assert response.status == 201
    [reply] = [s.activity for s in chat.connector.sent if s.activity.get("replyToId") == activity["id"]]
    assert card_text(reply).startswith("Tack! Din övriga fråga ”Från fel håll”")
