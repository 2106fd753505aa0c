"""What the fuzzer found, kept as plain tests: bodies that are no answerable activity, and long words.

Each of these once gave a 500, or a 201 with no answer at all.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.domain.group import Group
from tests.support.activities import channel_message, personal_message
from tests.support.connector import TEAMS_MESSAGE_BYTES
from tests.support.harness import Conversation
from tests.support.people import person


def a_message(chat: Conversation, **changes: Any) -> dict[str, Any]:
    activity = personal_message(
        chat.group, chat.connector.url, person(chat.group, "Marika Lyman").aad_id, "hjälp"
    )
    for key, value in changes.items():
        if value is None:
            activity.pop(key, None)
        else:
            activity[key] = value
    return activity


@pytest.mark.parametrize(
    "changes",
    [
        {"from": "Marika"},  # msrest could not read it: 500
        {"recipient": 5},
        {"conversation": []},
        {"entities": {"type": "mention"}},
        {"timestamp": "i går"},
        {"conversation": None},  # nowhere to answer: 201 and silence
        {"conversation": {"conversationType": "personal"}},
        {"conversation": {"id": "a:\ufeff\u0017"}},  # no URL can carry it to the connector
        {"serviceUrl": None},
        {"serviceUrl": "ingen-url"},
        {"id": {"x": 1}},
    ],
    ids=lambda changes: ",".join(f"{k}={v!r}" for k, v in changes.items()),
)
async def test_a_body_the_bot_cannot_answer_is_refused_with_400(
    chat: Conversation, changes: dict[str, Any]
) -> None:
    before = len(chat.connector.sent)
    async with chat.http.post(chat.bot_url, json=a_message(chat, **changes)) as response:
        assert response.status == 400
        assert (await response.json())["error"]
    assert len(chat.connector.sent) == before


async def test_an_invoke_the_bot_does_not_take_is_a_400_not_a_501(chat: Conversation) -> None:
    for name in ("composeExtension/query", None):
        activity = a_message(chat, type="invoke", name=name, text=None)
        async with chat.http.post(chat.bot_url, json=activity) as response:
            assert response.status == 400


async def test_a_long_unknown_command_is_read_back_cut_short(chat: Conversation, group: Group) -> None:
    said = "å" * 30_000  # more than Teams takes in one message
    reply = await chat.say(person(group, "Marika Lyman"), said)
    assert reply.startswith("Jag förstod inte ”" + "å" * 150)
    assert "å" * 200 not in reply and "…”" in reply
    assert len(reply.encode()) < TEAMS_MESSAGE_BYTES


async def test_the_groups_channel_message_still_gets_its_answer(chat: Conversation, group: Group) -> None:
    activity = channel_message(group, chat.connector.url, person(group, "Marika Lyman").aad_id, "hjälp")
    async with chat.http.post(chat.bot_url, json=activity) as response:
        assert response.status == 201
    assert any(s.activity.get("replyToId") == activity["id"] for s in chat.connector.sent)
