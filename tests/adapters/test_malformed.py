"""What the fuzzer found, kept as plain tests: bodies that are no answerable activity, and long words.

Each of these once gave a 500, or a 201 with no answer at all.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from bot.domain.group import Group
from tests.support.activities import channel_message, personal_message
from tests.support.connector import TEAMS_MESSAGE_BYTES
from tests.support.harness import Conversation, card_text
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
        {"recipient": None},  # no bot to answer as: the Agents SDK could not address a reply (silence)
        {"recipient": {"name": "Styrgruppsboten"}},
        {"conversation": []},
        {"entities": {"type": "mention"}},
        {"timestamp": "i går"},
        {"conversation": None},  # nowhere to answer: 201 and silence
        {"conversation": {"conversationType": "personal"}},
        {"conversation": {"id": "a:\ufeff\u0017"}},  # no URL can carry it to the connector
        {"conversation": {"id": " | "}},  # no header can carry it: the reply failed, and nothing was said
        # The Agents SDK writes ids into the reply's path unquoted: "a:x%2Fy" was answered in "a:x/y".
        {"conversation": {"id": "a:x%2Fy"}},
        {"conversation": {"id": "a:x/y"}},
        {"conversation": {"id": "a:x?y"}},
        {"conversation": {"id": "a:x#y"}},
        {"id": "act-1/2"},
        {"id": "act-1?2"},
        {"serviceUrl": None},
        {"serviceUrl": "ingen-url"},
        {"id": {"x": 1}},
        {"id": "1" * 401},  # longer than the database keeps
        {"conversation": {"id": "a:" + "x" * 399}},
        # msrest wrote it as its repr, longer than the stored kind: "Något gick fel" on PostgreSQL.
        {"conversation": {"id": "a:1", "conversationType": {"x": "y" * 40}}},
        {"conversation": {"id": "a:1", "conversationType": "meeting"}},
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


def with_value(chat: Conversation, literal: str, key: str = "value") -> bytes:
    """A message whose `key` is the JSON text `literal`, written as it is (json.dumps would refuse some)."""
    text = json.dumps(a_message(chat, **{key: "@@"}))
    assert text.count('"@@"') == 1
    return text.replace('"@@"', literal).encode()


EDGES: dict[str, tuple[bytes | Callable[[Conversation], bytes], str]] = {
    "5000 digits": (lambda chat: with_value(chat, "7" * 5000), "ett tal med fler än 100 tecken"),
    "4000 digits, a float": (lambda chat: with_value(chat, "0." + "3" * 4000), "fler än 100 tecken"),
    "1e400": (lambda chat: with_value(chat, "[1e400]"), "talet 1e400 är för stort"),
    "-1.5e999": (lambda chat: with_value(chat, '{"x": -1.5e999}'), "talet -1.5e999 är för stort"),
    "NaN": (lambda chat: with_value(chat, "NaN"), "NaN är inget tal"),
    "Infinity": (lambda chat: with_value(chat, "[-Infinity]"), "-Infinity är inget tal"),
    "nested 65": (lambda chat: with_value(chat, "[" * 64 + "]" * 64), "djupare än 64 nivåer"),
    "nested 300": (lambda chat: with_value(chat, '{"a":' * 300 + "1" + "}" * 300), "djupare än 64"),
    "nested 100000": (lambda chat: with_value(chat, "[" * 100_000 + "]" * 100_000), "djupare än 64"),
    "lone surrogate": (lambda chat: with_value(chat, '"hj\\ud800lp"', "text"), "ensamt surrogattecken"),
    "lone low surrogate in a key": (lambda chat: with_value(chat, '{"\\udc00": 1}'), "surrogattecken"),
    "a key twice": (
        lambda chat: with_value(chat, '"hjälp", "text": "radera allt"', "text"),
        "nyckeln 'text' förekommer två gånger",
    ),
}


@pytest.mark.parametrize("edge", sorted(EDGES))
async def test_json_the_bot_cannot_keep_is_a_400_naming_the_problem(chat: Conversation, edge: str) -> None:
    body, problem = EDGES[edge]
    raw = body(chat) if callable(body) else body
    headers = {"Content-Type": "application/json"}
    async with chat.http.post(chat.bot_url, data=raw, headers=headers) as response:
        assert response.status == 400
        error = (await response.json())["error"]
    assert error.startswith("ogiltig JSON: ") and problem in error, error
    assert chat.connector.sent == []


async def test_a_paired_surrogate_written_as_escapes_is_read(chat: Conversation, group: Group) -> None:
    raw = with_value(chat, '"hjälp \\ud83d\\ude00"', "text")  # as json.dumps writes 😀
    async with chat.http.post(
        chat.bot_url, data=raw, headers={"Content-Type": "application/json"}
    ) as response:
        assert response.status == 201
    [reply] = chat.connector.sent
    assert "Det här kan du be mig om" in card_text(reply.activity)


async def test_an_unknown_charset_is_a_400(chat: Conversation) -> None:
    raw = json.dumps(a_message(chat)).encode()
    headers = {"Content-Type": "application/json; charset=klingon"}
    async with chat.http.post(chat.bot_url, data=raw, headers=headers) as response:
        assert response.status == 400
        assert (await response.json())["error"] == "ogiltig JSON: okänd teckenkodning 'klingon'"
    assert chat.connector.sent == []


async def test_a_lone_surrogate_a_charset_decodes_is_a_400(chat: Conversation) -> None:
    # raw_unicode_escape turns the bytes \ud800 into the surrogate itself, not a JSON escape.
    raw = with_value(chat, '"hj\\ud800lp"', "text")
    headers = {"Content-Type": "application/json; charset=raw_unicode_escape"}
    async with chat.http.post(chat.bot_url, data=raw, headers=headers) as response:
        assert response.status == 400
        assert "ensamt surrogattecken" in (await response.json())["error"]
    assert chat.connector.sent == []
