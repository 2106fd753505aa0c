"""The same activity delivered twice (Teams resends it, same id, when the answer was late) is handled once.

Before, each delivery was handled as if new: an item sent once was stored twice, and the
person got two answers.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bot.app import ENGINE
from bot.domain.group import Group
from tests.conftest import stockholm
from tests.support.activities import channel_message, personal_message
from tests.support.clock import FixedClock
from tests.support.harness import Conversation, card_text, running_bot
from tests.support.meeting_day import FIVE, MESSAGE, a_vote, ballots_of, meeting_day
from tests.support.people import person

CARD = "application/vnd.microsoft.card.adaptive"
ALREADY = "Jag har redan fått ditt klick och arbetar med det. Titta på kortet igen om en stund."


async def count(chat: Conversation, table: str) -> int:
    async with chat.app[ENGINE].connect() as connection:
        return int((await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())


def an_item(chat: Conversation, where: str = "channel") -> dict[str, Any]:
    build = channel_message if where == "channel" else personal_message
    marika = person(chat.group, "Marika Lyman").aad_id
    return build(chat.group, chat.connector.url, marika, "övrig fråga Budget 2027")


def a_form(chat: Conversation) -> dict[str, Any]:
    activity = an_item(chat)
    activity.update(type="invoke", name="adaptiveCard/action", text=None, entities=None)
    data = {"title": "Arkivplan", "text": "Hur går det?"}
    activity["value"] = {"action": {"type": "Action.Execute", "verb": "item.submit", "data": data}}
    return activity


async def post(chat: Conversation, activity: dict[str, Any]) -> tuple[int, Any]:
    async with chat.http.post(chat.bot_url, json=activity) as response:
        return response.status, await response.json() if response.status == 200 else None


async def test_a_message_delivered_again_stores_nothing_and_sends_nothing(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    async with running_bot(group, database_url, clock, tmp_path / "var") as chat:
        for where in ("channel", "personal"):
            activity = an_item(chat, where)
            assert await post(chat, activity) == (201, None)
            assert await post(chat, json.loads(json.dumps(activity))) == (201, None)
            replies = [s for s in chat.connector.sent if s.activity.get("replyToId") == activity["id"]]
            assert [card_text(s.activity).split(" ")[0] for s in replies] == ["Tack!"]
        assert await count(chat, "agenda_items") == 2  # one per conversation


async def test_a_message_delivered_again_while_the_first_is_handled_is_handled_once(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    async with running_bot(group, database_url, clock, tmp_path / "var") as chat:
        activity = an_item(chat)
        chat.connector.hang_next()  # the first delivery's answer: so late that Teams tries again
        first = asyncio.create_task(post(chat, activity))
        await chat.connector.until_hanging()
        assert await post(chat, activity) == (201, None)
        assert chat.connector.sent == []  # the second did nothing, while the first is still under way
        chat.connector.let_go()
        await first
        assert await count(chat, "agenda_items") == 1


async def test_deliveries_at_the_same_moment_store_the_item_once(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    async with running_bot(group, database_url, clock, tmp_path / "var") as chat:
        activity = an_item(chat)
        assert await asyncio.gather(*(post(chat, activity) for _ in range(5))) == [(201, None)] * 5
        assert await count(chat, "agenda_items") == 1
        assert len([s for s in chat.connector.sent if s.activity.get("replyToId") == activity["id"]]) == 1


async def test_a_card_action_delivered_again_is_answered_but_done_once(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    async with running_bot(group, database_url, clock, tmp_path / "var") as chat:
        activity = a_form(chat)
        status, answer = await post(chat, activity)
        assert status == 200 and card_text(answer["value"]).startswith("Tack! Din övriga fråga ”Arkivplan”")
        status, answer = await post(chat, activity)
        assert (status, answer["value"]) == (200, ALREADY)
        assert await count(chat, "agenda_items") == 1


async def test_an_activity_id_is_forgotten_after_a_day(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    async with running_bot(group, database_url, clock, tmp_path / "var") as chat:
        activity = an_item(chat)
        assert await post(chat, activity) == (201, None)
        assert await count(chat, "handled_activities") == 1
        clock.advance(hours=25)
        assert await post(chat, an_item(chat, "personal")) == (201, None)
        assert await count(chat, "handled_activities") == 1  # the day-old one is gone, the new one kept
        assert await count(chat, "agenda_items") == 2


async def test_a_button_that_only_shows_is_answered_again_when_delivered_again(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    async with running_bot(group, database_url, clock, tmp_path / "var") as chat:
        activity = a_form(chat)
        activity["value"]["action"].update(verb="item.form", data={})
        first, again = await post(chat, activity), await post(chat, activity)
        assert first == again and first[0] == 200 and first[1]["type"] == CARD  # the form both times
        assert await count(chat, "handled_activities") == 0


def a_press(chat: Conversation, who: str, vote_id: int, option: str) -> dict[str, Any]:
    voter = person(chat.group, who)
    activity = channel_message(chat.group, chat.connector.url, voter.aad_id, "", name=voter.name)
    activity.update(type="invoke", name="adaptiveCard/action", text=None, entities=None)
    data = {"vote_id": vote_id, "option": option}
    activity["value"] = {"action": {"type": "Action.Execute", "verb": "vote.cast", "data": data}}
    return activity


VOTE_TIME = stockholm(2026, 12, 10, 8, 40)


async def test_a_vote_press_delivered_again_is_counted_once_and_its_answer_says_so(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    async with meeting_day(group, database_url, clock, tmp_path / "var", VOTE_TIME) as chat:
        vote_id, _ = await a_vote(chat, FIVE)
        press = a_press(chat, "Marika Lyman", vote_id, "yes")
        status, first = await post(chat, press)
        assert status == 200 and first["type"] == CARD
        # Delivered again, and meanwhile she pressed Nej: the repeat must not undo her Nej.
        assert (await post(chat, a_press(chat, "Marika Lyman", vote_id, "no")))[1]["type"] == CARD
        status, again = await post(chat, press)
        assert (status, again["value"]) == (200, ALREADY)
        assert (await ballots_of(chat, vote_id))["Avesta"] == ("Marika Lyman", "no")


async def test_a_vote_press_delivered_twice_at_once_is_counted_once(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    async with meeting_day(group, database_url, clock, tmp_path / "var", VOTE_TIME) as chat:
        vote_id, _ = await a_vote(chat, FIVE)
        others = [a_press(chat, name, vote_id, "no") for name in FIVE[2:]]
        press = a_press(chat, "Marika Lyman", vote_id, "yes")
        recorded = await count(chat, "handled_activities")
        # Counted in batches: the deliveries of one press may well share one.
        answers = await asyncio.gather(*(post(chat, a) for a in (*others, press, press, press)))
        mine = [body for _, body in answers[-3:]]
        assert sorted(body["type"] for body in mine) == sorted([CARD, MESSAGE, MESSAGE])
        assert [body["value"] for body in mine if body["type"] == MESSAGE] == [ALREADY, ALREADY]
        assert await count(chat, "handled_activities") == recorded + len(others) + 1
        assert len(await ballots_of(chat, vote_id)) == len(others) + 1
