"""The messages endpoint parses the body once and answers as botbuilder's CloudAdapter.process did.

Teams' own shapes (times with seven-digit fractions, clientInfo entities, a conversationUpdate)
go the whole way; bodies at the edges of JSON (integers past 64 bits, another charset) are read
as aiohttp's `request.json()` did; NaN, infinities and bytes that are no UTF-8 are refused.
"""

from __future__ import annotations

import json
import math
from typing import Any

from bot.domain.group import Group
from tests.support.harness import Conversation, card_text
from tests.support.people import person
from tests.teams.teams_payloads import (
    teams_card_action,
    teams_channel_message,
    teams_members_added,
    teams_personal_message,
)

MESSAGE = "application/vnd.microsoft.activity.message"


async def post(chat: Conversation, body: bytes, charset: str | None = None) -> tuple[int, str, Any]:
    content_type = "application/json" + (f"; charset={charset}" if charset else "")
    async with chat.http.post(chat.bot_url, data=body, headers={"Content-Type": content_type}) as response:
        text = await response.text()
        answer = json.loads(text) if response.content_type == "application/json" else text
        return response.status, response.headers.get("Content-Type", ""), answer


def replies_to(chat: Conversation, activity: dict[str, Any]) -> list[str]:
    return [
        card_text(s.activity) for s in chat.connector.sent if s.activity.get("replyToId") == activity["id"]
    ]


async def test_teams_messages_as_teams_sends_them_are_answered(chat: Conversation, group: Group) -> None:
    marika = person(group, "Marika Lyman").aad_id
    for build in (teams_channel_message, teams_personal_message):
        activity = build(group, marika, "<at>Styrgruppsboten</at> hjälp", chat.connector.url)
        status, _, _ = await post(chat, json.dumps(activity).encode())
        assert status == 201
        assert "Hej Marika Lyman!" in replies_to(chat, activity)[0]


async def test_a_card_action_is_answered_as_utf8_json(chat: Conversation, group: Group) -> None:
    activity = teams_card_action(
        group, person(group, "Marika Lyman").aad_id, "okänd.knapp", {}, chat.connector.url
    )
    status, content_type, answer = await post(chat, json.dumps(activity).encode())
    assert (status, content_type) == (200, "application/json; charset=utf-8")
    assert answer["statusCode"] == 200 and answer["type"] == MESSAGE and answer["value"]


async def test_the_bot_added_to_the_team_is_taken_quietly(chat: Conversation, group: Group) -> None:
    activity = teams_members_added(group, person(group, "Marika Lyman").aad_id, chat.connector.url)
    status, _, _ = await post(chat, json.dumps(activity).encode())
    assert status < 300


async def test_an_activity_with_an_empty_type_is_a_400_that_says_so(chat: Conversation, group: Group) -> None:
    activity = teams_personal_message(
        group, person(group, "Marika Lyman").aad_id, "hjälp", chat.connector.url
    )
    for empty in ("", "  "):
        status, _, answer = await post(chat, json.dumps(activity | {"type": empty}).encode())
        assert (status, answer) == (400, {"error": "type är tom"})
    assert chat.connector.sent == []


async def test_integers_past_64_bits_in_a_buttons_data_are_read(chat: Conversation, group: Group) -> None:
    # The stdlib reads them, and still parses the body (orjson would make such integers floats).
    for odd in (2**70, -(2**63) - 1):
        data = {"vote_id": odd, "option": "yes"}
        activity = teams_card_action(
            group, person(group, "Marika Lyman").aad_id, "vote.cast", data, chat.connector.url
        )
        status, _, answer = await post(chat, json.dumps(activity).encode())
        assert status == 200 and answer["value"], odd


async def test_nan_and_infinity_in_a_buttons_data_are_refused(chat: Conversation, group: Group) -> None:
    # No JSON, though the stdlib reads them: PostgreSQL's JSON and Teams take neither.
    for odd, literal in ((math.nan, "NaN"), (math.inf, "Infinity"), (-math.inf, "-Infinity")):
        data = {"vote_id": odd, "option": "yes"}
        activity = teams_card_action(
            group, person(group, "Marika Lyman").aad_id, "vote.cast", data, chat.connector.url
        )
        status, _, answer = await post(chat, json.dumps(activity).encode())
        assert (status, answer) == (400, {"error": f"ogiltig JSON: {literal} är inget tal i JSON"})


async def test_a_body_in_latin_1_is_read_in_latin_1(chat: Conversation, group: Group) -> None:
    activity = teams_personal_message(
        group, person(group, "Marika Lyman").aad_id, "hjälp", chat.connector.url
    )
    status, _, _ = await post(chat, json.dumps(activity, ensure_ascii=False).encode("latin-1"), "latin-1")
    assert status == 201
    assert "Hej Marika Lyman!" in replies_to(chat, activity)[0]


async def test_bodies_that_are_no_json_are_refused_in_words(chat: Conversation, group: Group) -> None:
    activity = teams_personal_message(
        group, person(group, "Marika Lyman").aad_id, "hjälp", chat.connector.url
    )
    raw = json.dumps(activity, ensure_ascii=False).encode()
    not_utf8 = raw.replace("hjälp".encode(), b"hj\xe4lp")
    assert await post(chat, not_utf8) == (
        400, "application/json; charset=utf-8", {"error": "ogiltig JSON: texten är inte utf-8"}
    )  # fmt: skip
    for body in (b"\xef\xbb\xbf" + raw, raw[:-1], b""):
        assert await post(chat, body) == (400, "application/json; charset=utf-8", {"error": "ogiltig JSON"})
