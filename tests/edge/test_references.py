"""Conversation references: one stored form that both SDKs read, from whatever form was stored."""

from __future__ import annotations

from typing import Any

import pytest

from bot.agents.sender import conversation_reference as agents_reference
from bot.edge.references import reference_of, stored_form
from bot.teams.sender import conversation_reference as botbuilder_reference

TENANT = "5a8e2a8c-1111-4222-8333-444455556666"
SERVICE = "https://smba.trafficmanager.net/emea/"

# What botbuilder (msrest's `serialize`) stored before: the tenant under msrest's key `tenantID`,
# the conversation's unknown keys kept beside it.
BOTBUILDER_STORED: dict[str, Any] = {
    "activityId": "1700000000000",
    "user": {"id": "29:abc", "name": "Marika Lyman", "aadObjectId": "aad-marika"},
    "bot": {"id": "28:bot", "name": "Styrgruppsboten"},
    "conversation": {"conversationType": "personal", "id": "a:personal", "tenantID": TENANT},
    "channelId": "msteams",
    "locale": "sv-SE",
    "serviceUrl": SERVICE,
}
# The Agents SDK's Python name for the bot's account, had anything stored it so.
AGENTS_NAMED = {
    **{k: v for k, v in BOTBUILDER_STORED.items() if k != "bot"},
    "agent": BOTBUILDER_STORED["bot"],
}


@pytest.mark.parametrize("stored", [BOTBUILDER_STORED, AGENTS_NAMED], ids=["botbuilder", "agent-named"])
def test_an_older_form_is_read_into_the_stored_form(stored: dict[str, Any]) -> None:
    form = stored_form(stored)
    assert form["bot"] == {"id": "28:bot", "name": "Styrgruppsboten"}
    assert form["conversation"] == {"conversationType": "personal", "id": "a:personal", "tenantId": TENANT}
    assert "agent" not in form and "tenantID" not in form["conversation"]
    assert stored_form(form) == form  # the stored form is its own


def test_both_sdks_read_the_stored_form_alike() -> None:
    form = stored_form(BOTBUILDER_STORED)
    agents = agents_reference(form)
    botbuilder = botbuilder_reference(form)
    assert agents.agent.id == botbuilder.bot.id == "28:bot"
    assert agents.user.id == botbuilder.user.id == "29:abc"
    assert agents.conversation.id == botbuilder.conversation.id == "a:personal"
    assert agents.conversation.tenant_id == botbuilder.conversation.tenant_id == TENANT
    assert agents.service_url == botbuilder.service_url == SERVICE


def test_a_channel_message_gives_the_channels_reference_without_the_message() -> None:
    body = {
        "type": "message",
        "id": "1700000000001",
        "channelId": "msteams",
        "serviceUrl": SERVICE,
        "from": {"id": "29:abc", "name": "Marika Lyman", "aadObjectId": "aad-marika", "extra": {"x": 1}},
        "recipient": {"id": "28:bot", "name": "Styrgruppsboten"},
        "conversation": {
            "id": "19:channel@thread.tacv2;messageid=1700000000000",
            "conversationType": "channel",
            "isGroup": True,
            "tenantId": TENANT,
        },
    }
    conversation_id, reference = reference_of(body) or ("", {})
    assert conversation_id == "19:channel@thread.tacv2"
    assert reference == {
        "channelId": "msteams",
        "serviceUrl": SERVICE,
        "user": {"id": "29:abc", "name": "Marika Lyman", "aadObjectId": "aad-marika"},
        "bot": {"id": "28:bot", "name": "Styrgruppsboten"},
        "conversation": {
            "id": "19:channel@thread.tacv2",
            "conversationType": "channel",
            "isGroup": True,
            "tenantId": TENANT,
        },
    }
