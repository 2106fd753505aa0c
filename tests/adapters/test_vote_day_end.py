"""A vote still open when the meeting day ends (three hours after the meeting's end).

The scheduler closes it with the ballots as cast, once however often it looks and however
many processes look, and the channel's card says so. Until the protocol is submitted the
chair (and the secretary) may still close the meeting's votes, and the chair give a casting
vote; after it, neither. All through real HTTP, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import CONTEXT
from bot.domain.group import Group
from bot.services.cycle import run_due
from bot.services.meeting_record import meeting_record, record_submission_for_adjustment
from tests.conftest import stockholm
from tests.support.clock import FixedClock
from tests.support.harness import Conversation, card_text
from tests.support.meeting_day import (
    CARD,
    CHAIR,
    FIVE,
    QUESTION,
    SECRETARY,
    a_vote,
    channel_card,
    deliver,
    executes,
    meeting_at,
    meeting_day,
    own_posts,
    press,
    updates_of,
    vote,
)
from tests.support.people import person

MEETING_TIME = stockholm(2026, 12, 10, 8, 40)  # the meeting of 10 December 2026, 08:30–10:00
DAY_ENDS = stockholm(2026, 12, 10, 13, 0)
DAY_ENDED = (
    "Mötesdagen tog slut medan omröstningen var öppen, så boten stängde den med rösterna som de var avgivna."
)


@pytest.fixture
async def chat(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path
) -> AsyncIterator[Conversation]:
    async with meeting_day(group, database_url, clock, tmp_path / "var", MEETING_TIME) as conversation:
        yield conversation


async def scheduler_round(chat: Conversation) -> None:
    await run_due(chat.app[CONTEXT])
    await deliver(chat)


async def protocol_submitted(chat: Conversation) -> None:
    """As `Lämna för justering` records it (the submission itself is in test_protocol_votes)."""
    ctx, meeting = chat.app[CONTEXT], await meeting_at(chat, MEETING_TIME)
    async with ctx.uow() as uow:
        await record_submission_for_adjustment(uow, meeting.id, ctx.clock.now())
        await uow.commit()


async def test_the_bot_closes_an_open_vote_when_the_meeting_day_ends(chat: Conversation) -> None:
    vote_id, card_id = await a_vote(chat, FIVE)
    for who, option in (("Marika Lyman", "yes"), ("Minna Snabb", "no"), ("Anna Karlsson", "yes")):
        await vote(chat, who, option, vote_id)
    chat.clock.set(stockholm(2026, 12, 10, 12, 59))  # the meeting has ended, its day not yet
    await scheduler_round(chat)
    assert "Omröstningen pågår: 3 av 5" in card_text(channel_card(chat, card_id))

    chat.clock.set(stockholm(2026, 12, 11, 9, 0))  # the bot looks only the next morning
    await scheduler_round(chat)
    card = channel_card(chat, card_id)
    assert f"Omröstning: {QUESTION}\n{DAY_ENDED} Beslut: Ja." in card_text(card)
    assert "Ja\n2\nNej\n1\nAvstår\n0\n3 röster avgivna" in card_text(card)
    assert "Bollnäs (Minna Snabb)" in card_text(card) and executes(card, "vote.cast") == []
    record = await meeting_record(chat.app[CONTEXT], (await meeting_at(chat, MEETING_TIME)).id)
    [closed] = record.votes
    assert (closed.vote.state.value, closed.vote.closed_by, closed.vote.closed_at) == (
        "closed",
        None,
        DAY_ENDS,
    )
    assert [b.municipality for b in closed.ballots] == ["Avesta", "Bollnäs", "Mora"]

    updates = updates_of(chat, card_id)
    await scheduler_round(chat)
    assert updates_of(chat, card_id) == updates  # closed once: the next round finds nothing to do
    assert await vote(chat, "Hanna Dahlkvist", "yes", vote_id) == (
        f"Omröstningen ”{QUESTION}” är stängd; rösten räknades inte."
    )


async def test_two_processes_close_it_once(
    chat: Conversation,
    group: Group,
    database_url: str,
    clock: FixedClock,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    vote_id, _ = await a_vote(chat, FIVE)
    await vote(chat, "Marika Lyman", "yes", vote_id)
    async with meeting_day(group, database_url, clock, tmp_path / "other", MEETING_TIME) as other:
        clock.set(DAY_ENDS)
        with caplog.at_level(logging.INFO, logger="bot.services.cycle"):
            for _ in range(2):  # both schedulers at the same moment, twice
                await asyncio.gather(run_due(chat.app[CONTEXT]), run_due(other.app[CONTEXT]))
        closings = [
            r
            for r in caplog.records
            if r.getMessage() == f"vote {vote_id}: closed at the end of its meeting day"
        ]
        assert len(closings) == 1
    record = await meeting_record(chat.app[CONTEXT], (await meeting_at(chat, MEETING_TIME)).id)
    assert [(v.vote.state.value, v.vote.closed_at) for v in record.votes] == [("closed", DAY_ENDS)]


async def test_the_chair_and_the_secretary_close_votes_after_the_day_until_the_protocol_is_submitted(
    chat: Conversation, group: Group
) -> None:
    first, first_card = await a_vote(chat, FIVE)
    second, _ = await a_vote(chat, FIVE, "Ska vi byta mötesdag?")
    await vote(chat, "Marika Lyman", "yes", first)
    await vote(chat, "Marika Lyman", "no", second)
    chat.clock.set(stockholm(2026, 12, 10, 13, 30))  # the day is over; the scheduler has not looked yet
    body = await press(chat, person(group, CHAIR), "vote.close", {"vote_id": first})
    assert body["type"] == CARD, body["value"]
    assert f"Omröstning: {QUESTION}\nBeslut: Ja." in card_text(
        body["value"]
    )  # the chair closed it, not the bot
    await deliver(chat)
    assert DAY_ENDED not in card_text(channel_card(chat, first_card))
    body = await press(chat, person(group, SECRETARY), "vote.close", {"vote_id": first})
    assert body["value"] == f"Omröstningen ”{QUESTION}” är redan stängd."

    await protocol_submitted(chat)
    body = await press(chat, person(group, SECRETARY), "vote.close", {"vote_id": second})
    assert body["value"] == (
        "Protokollet har redan lämnats för justering, så omröstningen ”Ska vi byta mötesdag?” "
        "kan inte längre stängas eller avgöras."
    )


async def test_a_tie_at_the_end_of_the_day_waits_for_the_casting_vote_until_the_protocol_is_submitted(
    chat: Conversation, group: Group
) -> None:
    chair = person(group, CHAIR)
    await chat.say(chair, "hjälp", where="personal")  # the chair has a chat with the bot
    first, first_card = await a_vote(chat, FIVE)
    second, _ = await a_vote(chat, FIVE, "Ska vi byta mötesdag?")
    for vote_id in (first, second):
        await vote(chat, "Marika Lyman", "yes", vote_id)
        await vote(chat, "Minna Snabb", "no", vote_id)
    chat.clock.set(DAY_ENDS)
    await scheduler_round(chat)
    channel = channel_card(chat, first_card)
    assert f"{DAY_ENDED} Lika röster mellan Ja, Nej. Ordföranden avgör med sin utslagsröst." in card_text(
        channel
    )
    to_the_chair = [s for s in own_posts(chat) if s.conversation_id == f"a:personal-{chair.aad_id}"]
    assert len(to_the_chair) == 2  # each tie's casting-vote card, in the chair's chat

    [yes, _] = executes(channel, "vote.casting")
    body = await press(chat, chair, "vote.casting", yes["data"])
    assert f"{DAY_ENDED} Beslut: Ja. Rösterna var lika; ordförandens utslagsröst avgjorde." in card_text(
        body["value"]
    )
    await protocol_submitted(chat)
    body = await press(chat, chair, "vote.casting", {"vote_id": second, "option": "yes"})
    assert body["value"] == (
        "Protokollet har redan lämnats för justering, så omröstningen ”Ska vi byta mötesdag?” "
        "kan inte längre stängas eller avgöras."
    )
