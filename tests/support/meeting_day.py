"""Driving a meeting day through the real HTTP path: check in, open a vote, read the channel's cards."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.app import CONTEXT, DELIVERY
from bot.domain.group import Group, Person
from bot.domain.meetings import Meeting
from bot.services.meeting_record import meeting_record
from tests.support.clock import FixedClock
from tests.support.connector import Sent
from tests.support.harness import Conversation, card_of, card_text, running_bot
from tests.support.people import person

CARD = "application/vnd.microsoft.card.adaptive"
MESSAGE = "application/vnd.microsoft.activity.message"


@asynccontextmanager
async def meeting_day(
    group: Group, database_url: str, clock: FixedClock, folder: Path, at: datetime
) -> AsyncIterator[Conversation]:
    """The bot with its outbox delivered by hand, Teams' channel known, the clock inside a meeting."""
    async with running_bot(group, database_url, clock, folder, outbox_worker=False) as chat:
        clock.set(at)
        await chat.say(person(group, "Joanna Karabay"), "hjälp")  # Teams has now told the bot its URL
        chat.connector.sent.clear()
        yield chat


async def meeting_at(chat: Conversation, moment: datetime) -> Meeting:
    async with chat.app[CONTEXT].uow() as uow:
        [found] = [m for m in await uow.meetings.all() if m.starts_at <= moment <= m.ends_at]
        return found


async def deliver(chat: Conversation) -> None:
    """Everything the outbox holds, delivered now (an update after its post in the same round)."""
    while await chat.app[DELIVERY].deliver_due():
        pass


async def check_in(chat: Conversation, meeting_id: int, *people: Person) -> None:
    for who in people:
        status, body = await chat.click(who, "attendance.check_in", {"meeting_id": meeting_id})
        assert status == 200 and body["type"] == CARD, body


def own_posts(chat: Conversation) -> list[Sent]:
    """What the bot posted on its own (from the outbox), not its replies to what people said."""
    return [s for s in chat.connector.sent if s.method == "POST" and not s.activity.get("replyToId")]


def posted(chat: Conversation, heading: str) -> str:
    """The activity id of the bot's post whose card starts with `heading`."""
    found = [s.id for s in own_posts(chat) if card_text(s.activity).startswith(heading)]
    assert len(found) == 1, f"expected one post starting {heading!r}, found {len(found)}"
    return found[0]


def channel_card(chat: Conversation, activity_id: str) -> dict[str, Any]:
    """The card as everyone in the channel sees it now: the post, or its latest update."""
    versions = [s.activity for s in chat.connector.sent if s.id == activity_id]
    return card_of(versions[-1])


def updates_of(chat: Conversation, activity_id: str) -> int:
    return sum(1 for s in chat.connector.sent if s.id == activity_id and s.method == "PUT")


def executes(card: dict[str, Any], verb: str) -> list[dict[str, Any]]:
    """Every Action.Execute with `verb`, wherever it sits in the card (action sets, show-cards)."""
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Action.Execute" and node.get("verb") == verb:
                found.append(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(card)
    return found


async def press(chat: Conversation, who: Person | str | None, verb: str, data: Any) -> dict[str, Any]:
    """Presses a card button; every click is answered with HTTP 200 and a card or a message."""
    status, body = await chat.click(who, verb, data)
    assert status == 200 and body.get("type") in (CARD, MESSAGE), (status, body)
    return body


# --- votes ---------------------------------------------------------------------------------------

CHAIR, SECRETARY = "Malin Karhu Birgersson", "Joanna Karabay"
FIVE = (
    CHAIR,
    "Marika Lyman",
    "Minna Snabb",
    "Anna Karlsson",
    "Hanna Dahlkvist",
)  # Säter Avesta Bollnäs Mora Älvdalen
QUESTION = "Ska vi ha en fysisk träff i mars?"


async def a_vote(chat: Conversation, present: tuple[str, ...], text: str = QUESTION) -> tuple[int, str]:
    """Everyone in `present` checks in, the secretary opens the vote; (vote id, the channel card's id)."""
    meeting = await meeting_at(chat, chat.clock.now())
    await check_in(chat, meeting.id, *(person(chat.group, name) for name in present))
    reply = await chat.say(person(chat.group, SECRETARY), f"omröstning {text}")
    assert reply.startswith("Omröstningen ”"), reply
    await deliver(chat)
    card_id = posted(chat, f"Omröstning: {text.split('|')[0].strip()}")
    [first, *_] = executes(channel_card(chat, card_id), "vote.cast")
    return int(first["data"]["vote_id"]), card_id


async def vote(chat: Conversation, who: str, option: str, vote_id: int) -> str:
    """What the voter sees after pressing the option's button: their card, or a refusal."""
    body = await press(chat, person(chat.group, who), "vote.cast", {"vote_id": vote_id, "option": option})
    return card_text(body["value"]) if body["type"] == CARD else str(body["value"])


async def ballots_of(chat: Conversation, vote_id: int) -> dict[str, tuple[str, str]]:
    """Municipality → (voter's name, option), as stored for the protocol."""
    meeting = await meeting_at(chat, chat.clock.now())
    record = await meeting_record(chat.app[CONTEXT], meeting.id)
    [found] = [v for v in record.votes if v.vote.id == vote_id]
    return {b.municipality: (b.voter.name if b.voter else "?", b.option.id) for b in found.ballots}
