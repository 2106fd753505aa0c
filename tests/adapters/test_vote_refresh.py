"""The channel's vote card is one card for everyone; Teams refreshes it into each voter's own.

When the bot updates the channel's card after a ballot, every voter's view of it is replaced,
their own choice with it. The card therefore names the voters present (by the ids Teams gave
them when they checked in) in `refresh.userIds`, and Teams asks the bot for each one's card.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.domain.group import Group
from tests.conftest import stockholm
from tests.support.clock import FixedClock
from tests.support.harness import Conversation, card_text
from tests.support.meeting_day import (
    CARD,
    FIVE,
    SECRETARY,
    a_vote,
    channel_card,
    deliver,
    executes,
    meeting_at,
    meeting_day,
    press,
    vote,
)
from tests.support.people import person

MEETING_TIME = stockholm(2026, 12, 10, 8, 40)


@pytest.fixture
async def chat(
    group: Group, sqlite_url: str, clock: FixedClock, tmp_path: Path
) -> AsyncIterator[Conversation]:
    async with meeting_day(group, sqlite_url, clock, tmp_path / "var", MEETING_TIME) as conversation:
        yield conversation


async def refreshed(chat: Conversation, who: str, vote_id: int) -> dict:
    """The card Teams gets for `who` when it refreshes the channel's card for them."""
    body = await press(chat, person(chat.group, who), "vote.refresh", {"vote_id": vote_id})
    assert body["type"] == CARD, body
    return body["value"]


async def test_the_channels_card_is_refreshed_into_each_voters_own(chat: Conversation) -> None:
    vote_id, card_id = await a_vote(chat, FIVE)  # each of the five checked in by the card's button
    refresh = channel_card(chat, card_id)["refresh"]
    assert refresh["action"] == {
        "type": "Action.Execute",
        "verb": "vote.refresh",
        "data": {"vote_id": vote_id},
    }
    assert sorted(refresh["userIds"]) == sorted(f"29:{person(chat.group, n).aad_id}" for n in FIVE)

    assert "Din röst för Avesta: Ja." in await vote(chat, "Marika Lyman", "yes", vote_id)
    await deliver(chat)  # the channel's card, updated for everyone, says nothing of anyone's vote
    assert "Din röst" not in card_text(channel_card(chat, card_id))
    own = await refreshed(chat, "Marika Lyman", vote_id)
    assert "Din röst för Avesta: Ja." in card_text(own)
    assert "refresh" not in own  # a voter's own card is not refreshed again
    assert "Din röst" not in card_text(await refreshed(chat, "Minna Snabb", vote_id))  # has not voted


async def test_someone_the_secretary_marked_present_is_not_named(chat: Conversation) -> None:
    meeting = await meeting_at(chat, chat.clock.now())
    mark = {"meeting_id": meeting.id, "person": person(chat.group, "Marika Lyman").aad_id, "present": True}
    await press(chat, person(chat.group, SECRETARY), "attendance.mark", mark)
    _, card_id = await a_vote(chat, FIVE[2:])
    names = channel_card(chat, card_id)["refresh"]["userIds"]
    assert f"29:{person(chat.group, 'Marika Lyman').aad_id}" not in names  # Teams never told the bot her id
    assert len(names) == 3


async def test_only_a_voter_on_the_losing_side_is_offered_a_reservation(chat: Conversation) -> None:
    vote_id, card_id = await a_vote(chat, FIVE)
    for name, option in zip(FIVE, ("yes", "yes", "no", "yes", "abstain"), strict=True):
        await vote(chat, name, option, vote_id)
    await deliver(chat)
    assert executes(channel_card(chat, card_id), "vote.reserve")  # whoever sees the channel's card
    assert executes(await refreshed(chat, "Minna Snabb", vote_id), "vote.reserve")  # voted no
    assert not executes(await refreshed(chat, "Marika Lyman", vote_id), "vote.reserve")  # voted yes
    assert not executes(await refreshed(chat, "Hanna Dahlkvist", vote_id), "vote.reserve")  # abstained
