"""The meeting day the fuzzer plays in, what it may send, and what it checks after each batch.

The world is built through the real HTTP path: a meeting started, five people checked
in, a closed vote (four Ja, Minna Snabb's Nej) and an open one, an item on the next
meeting's agenda. Its ids are what card payloads pick from, beside ids that exist nowhere.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import CONTEXT, ENGINE
from bot.domain.group import Group, Person
from bot.storage.tables import metadata
from bot.texts import texts_for
from tests.support.activities import channel_message, personal_message
from tests.support.harness import Conversation, card_text
from tests.support.meeting_day import (
    CARD,
    CHAIR,
    FIVE,
    MESSAGE,
    SECRETARY,
    a_vote,
    deliver,
    meeting_at,
    vote,
)
from tests.support.people import person

BODY_LIMIT = 256 * 1024  # the app's client_max_size: a bigger body is refused with 413
# Where people talk, remembered from any message of the group's people, and which activities
# the bot has taken (each one, to take it once): not the group's state.
NOT_STATE = frozenset({"conversations", "handled_activities"})
TRY_AGAIN = texts_for("sv", UTC)("fault.try_again")
AGAINST = "Minna Snabb"  # voted Nej in the closed vote, so may reserve herself against its decision
ITEM_AUTHOR = "Marika Lyman"


@dataclass(frozen=True)
class RawBody:
    """A body written by hand: JSON that `json.dumps` would not write, or bytes that are no UTF-8."""

    data: bytes


@dataclass(frozen=True)
class World:
    chat: Conversation
    meeting_id: int  # the meeting under way
    other_meetings: tuple[int, ...]
    closed_vote: int
    open_vote: int
    item_id: int
    present: frozenset[str]  # names checked in

    @property
    def group(self) -> Group:
        return self.chat.group

    def people(self, *, but: tuple[str, ...] = ()) -> list[Person]:
        return [p for p in self.group.people if p.name not in but]


async def build_world(chat: Conversation) -> World:
    assert (await chat.say(person(chat.group, SECRETARY), "starta möte")).strip()
    closed_vote, _ = await a_vote(chat, FIVE, "Ska vi träffas i mars?")
    for name in FIVE:
        assert (await vote(chat, name, "no" if name == AGAINST else "yes", closed_vote)).strip()
    reply = await chat.say(person(chat.group, SECRETARY), "omröstning Ska vi träffas i april?")
    assert reply.startswith("Omröstningen ”"), reply
    reply = await chat.say(person(chat.group, ITEM_AUTHOR), "övrig fråga Budget 2027\nSiffrorna.")
    assert "Budget 2027" in reply, reply
    await deliver(chat)
    ctx = chat.app[CONTEXT]
    current = await meeting_at(chat, chat.clock.now())
    async with ctx.uow() as uow:
        meetings = [m.id for m in await uow.meetings.all()]
        votes = await uow.votes.for_meeting(current.id)
        [item] = [i for m in meetings for i in await uow.items.for_meeting(m)]
    assert [v.is_open for v in votes] == [False, True]
    return World(
        chat=chat,
        meeting_id=current.id,
        other_meetings=tuple(m for m in meetings if m != current.id),
        closed_vote=votes[0].id,
        open_vote=votes[1].id,
        item_id=item.id,
        present=frozenset(FIVE),
    )


async def snapshot(engine: AsyncEngine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the group's state, in primary-key order."""
    rows: dict[str, list[tuple[Any, ...]]] = {}
    async with engine.connect() as connection:
        for table in metadata.sorted_tables:
            if table.name not in NOT_STATE:
                result = await connection.execute(select(table).order_by(*table.primary_key.columns))
                rows[table.name] = [tuple(row) for row in result]
    return rows


def message(world: World, sender: str | None, text: str, where: str, **kw: Any) -> dict[str, Any]:
    build = channel_message if where == "channel" else personal_message
    activity = build(world.group, world.chat.connector.url, sender, text, **kw)
    if where == "personal":
        # Teams' conversation ids are opaque and URL-safe, whatever the sender's id looks like.
        activity["conversation"]["id"] = f"a:{hashlib.sha256(repr(sender).encode()).hexdigest()[:32]}"
    return activity


def invoke(world: World, sender: str | None, verb: Any, data: Any, where: str, **kw: Any) -> dict[str, Any]:
    activity = message(world, sender, "", where, **kw)
    activity.update(type="invoke", name="adaptiveCard/action", text=None, entities=None)
    activity["value"] = {
        "action": {"type": "Action.Execute", "verb": verb, "data": data},
        "trigger": "manual",
    }
    return activity


async def post(world: World, activity: Any) -> tuple[int, bytes, Any]:
    """Posts the body as Teams would; returns the status, the serialized body and the answer."""
    body = activity.data if isinstance(activity, RawBody) else json.dumps(activity).encode()
    headers = {"Content-Type": "application/json"}
    async with world.chat.http.post(world.chat.bot_url, data=body, headers=headers) as response:
        answer = await response.json(content_type=None) if response.status == 200 else None
        return response.status, body, answer


def check_answered(world: World, activity: Any, status: int, body: bytes, answer: Any) -> None:
    """No 5xx; a message gets one reply in words, an invoke a card or a text; the rest a 4xx.

    A body written by hand (`RawBody`) is always a 400.
    """
    assert status < 500, (status, activity)
    if len(body) > BODY_LIMIT:
        assert status == 413, status
        return
    if isinstance(activity, RawBody):
        assert status == 400, (status, body[:300])
        return
    kind = activity.get("type") if isinstance(activity, dict) else None
    if status >= 400:
        assert status == 400, (status, activity)
        return
    # Only the ids the builder gave are known to be unique: a mutated one may repeat in the batch.
    if kind == "message" and str(activity.get("id")).startswith("act-"):
        replies = [
            s.activity for s in world.chat.connector.sent if s.activity.get("replyToId") == activity["id"]
        ]
        assert len(replies) == 1, (activity, replies)
        assert card_text(replies[0]).strip(), replies[0]
        # Nothing fails while fuzzing, so "try again" means the turn itself went wrong.
        assert card_text(replies[0]) != TRY_AGAIN, (activity, replies[0])
    elif kind == "invoke" and activity.get("name") == "adaptiveCard/action":
        assert status == 200 and isinstance(answer, dict), (status, answer)
        if answer.get("type") == CARD:
            assert answer["value"].get("type") == "AdaptiveCard" and card_text(answer["value"]).strip(), (
                answer
            )
        else:
            assert answer.get("type") == MESSAGE and str(answer.get("value") or "").strip(), answer
            assert answer["value"] != TRY_AGAIN, (activity, answer)


def state_engine(world: World) -> AsyncEngine:
    return world.chat.app[ENGINE]


__all__ = ["AGAINST", "CHAIR", "ITEM_AUTHOR", "SECRETARY", "RawBody", "World"]
