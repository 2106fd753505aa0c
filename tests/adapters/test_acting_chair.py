"""The acting chair over real HTTP: the vice chair or the secretary's appointee chairs in the chair's absence.

They have the chair's buttons and the casting vote for that meeting; an absent chair's ballot
never decides a tie, and an absent chair's casting vote is refused.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from bot.domain.group import Group
from tests.conftest import stockholm
from tests.support.clock import FixedClock
from tests.support.fake_graph import FakeGraph
from tests.support.harness import Conversation, card_text
from tests.support.meeting_day import (
    CARD,
    CHAIR,
    SECRETARY,
    a_vote,
    channel_card,
    check_in,
    deliver,
    executes,
    meeting_at,
    meeting_day,
    posted,
    press,
    vote,
)
from tests.support.people import person
from tests.support.protocol import (
    ADJUSTER,
    DAY_AFTER,
    attachment_of,
    mails,
    pdf_text,
    posted_to,
    protocol_bot,
    secretary_card,
    submit,
    tick,
)
from tests.support.protocol import MEETING_TIME as PROTOCOL_MEETING

MEETING_TIME = stockholm(2026, 12, 10, 8, 40)  # ten minutes into the meeting
VICE = "Anna Karlsson"  # Mora
BY_ACTING = "Rösterna var lika; den tjänstgörande ordförandens utslagsröst avgjorde."
FOUR = ("Marika Lyman", "Minna Snabb", VICE, "Hanna Dahlkvist")  # Avesta Bollnäs Mora Älvdalen


@pytest.fixture
def vice_chaired(group: Group) -> Group:
    return replace(group, vice_chair_id=person(group, VICE).aad_id)


@pytest.fixture
async def chat(
    vice_chaired: Group, database_url: str, clock: FixedClock, tmp_path: Path
) -> AsyncIterator[Conversation]:
    async with meeting_day(vice_chaired, database_url, clock, tmp_path / "var", MEETING_TIME) as conversation:
        yield conversation


@pytest.fixture
async def no_vice(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path
) -> AsyncIterator[Conversation]:
    async with meeting_day(group, database_url, clock, tmp_path / "var", MEETING_TIME) as conversation:
        yield conversation


async def test_the_vice_chairs_ballot_decides_a_tie_when_the_chair_is_absent(chat: Conversation) -> None:
    vote_id, _ = await a_vote(chat, FOUR)
    for who, option in (("Marika Lyman", "yes"), ("Minna Snabb", "no"), (VICE, "yes")):
        await vote(chat, who, option, vote_id)
    result = await vote(chat, "Hanna Dahlkvist", "no", vote_id)
    assert f"Beslut: Ja. {BY_ACTING}" in result


async def test_an_absent_chairs_ballot_never_decides_a_tie(chat: Conversation) -> None:
    group = chat.group
    vote_id, _ = await a_vote(chat, (CHAIR, "Marika Lyman", "Minna Snabb", VICE))
    await vote(chat, CHAIR, "no", vote_id)
    meeting = await meeting_at(chat, chat.clock.now())
    chair = person(group, CHAIR)
    marked = {"meeting_id": meeting.id, "person": chair.aad_id, "present": False}
    await press(chat, person(group, SECRETARY), "attendance.mark", marked)  # the chair had to leave
    for who, option in (("Marika Lyman", "yes"), ("Minna Snabb", "no")):
        await vote(chat, who, option, vote_id)
    result = await vote(chat, VICE, "yes", vote_id)  # two against two, the chair's ballot among them
    assert f"Beslut: Ja. {BY_ACTING}" in result


async def test_the_secretary_appoints_an_acting_chair_who_has_the_casting_vote(no_vice: Conversation) -> None:
    chat, group = no_vice, no_vice.group
    meeting = await meeting_at(chat, chat.clock.now())
    await check_in(chat, meeting.id, *(person(group, n) for n in ("Marika Lyman", "Minna Snabb")))
    texts = await tick(chat)  # the meeting has begun, and the chair has not checked in
    assert any("Ordföranden har inte checkat in." in text for text in texts), texts
    card_id = posted(chat, "Tjänstgörande ordförande – mötet")
    [appoint] = executes(channel_card(chat, card_id), "meeting.acting_chair")
    marika = person(group, "Marika Lyman")
    refused = await press(chat, marika, "meeting.acting_chair", {**appoint["data"], "person": marika.aad_id})
    assert refused["value"] == "Det får bara sekreterare göra."
    body = await press(
        chat, person(group, SECRETARY), "meeting.acting_chair", {**appoint["data"], "person": marika.aad_id}
    )
    assert body["type"] == CARD
    assert "Marika Lyman är tjänstgörande ordförande" in card_text(body["value"])

    vote_id, _ = await a_vote(chat, (), "Var? | I Falun | Digitalt")
    await vote(chat, "Marika Lyman", "p1", vote_id)
    result = await vote(chat, "Minna Snabb", "p2", vote_id)  # a tie: the acting chair's ballot decides
    assert f"Beslut: I Falun. {BY_ACTING}" in result

    await check_in(chat, meeting.id, person(group, CHAIR))  # late: the chair takes over from now on
    await deliver(chat)
    assert "Ordföranden är närvarande och leder mötet." in card_text(channel_card(chat, card_id))
    assert executes(channel_card(chat, card_id), "meeting.acting_chair") == []
    again, _ = await a_vote(chat, (), "Igen? | Ja | Nej")
    await vote(chat, "Marika Lyman", "abstain", again)  # no longer chairing: her ballot is one of the others
    await vote(chat, "Minna Snabb", "p2", again)
    assert "Beslut: Ja. Rösterna var lika; ordförandens utslagsröst avgjorde." in await vote(
        chat, CHAIR, "p1", again
    )


async def test_an_absent_chair_may_not_give_the_casting_vote_the_acting_chair_gives(
    no_vice: Conversation,
) -> None:
    chat, group = no_vice, no_vice.group
    meeting = await meeting_at(chat, chat.clock.now())
    await check_in(
        chat, meeting.id, *(person(group, n) for n in ("Marika Lyman", "Minna Snabb", "Anna Karlsson"))
    )
    marika = person(group, "Marika Lyman")
    appoint = {"meeting_id": meeting.id, "person": marika.aad_id}
    await press(chat, person(group, SECRETARY), "meeting.acting_chair", appoint)
    vote_id, _ = await a_vote(chat, (), "Var? | I Falun | Digitalt")
    await vote(chat, "Marika Lyman", "abstain", vote_id)
    await vote(chat, "Minna Snabb", "p1", vote_id)
    waiting = await vote(chat, "Anna Karlsson", "p2", vote_id)
    assert "Lika röster mellan I Falun, Digitalt. Den tjänstgörande ordföranden avgör" in waiting
    digitally = {"vote_id": vote_id, "option": "p2"}
    body = await press(chat, person(group, CHAIR), "vote.casting", digitally)
    assert (
        body["value"] == "Marika Lyman är ordförande vid det här mötet, så det är Marika Lyman som gör det."
    )
    body = await press(chat, marika, "vote.casting", digitally)
    assert f"Beslut: Digitalt. {BY_ACTING}" in card_text(body["value"])


# --- the protocol ------------------------------------------------------------------------------------


@pytest.fixture
async def protocol_chat(
    vice_chaired: Group, database_url: str, clock: FixedClock, tmp_path: Path, graph: FakeGraph
) -> AsyncIterator[Conversation]:
    async with protocol_bot(vice_chaired, database_url, clock, tmp_path / "var", graph) as conversation:
        yield conversation


async def test_the_protocol_names_the_vice_chair_tjanstgorande_ordforande_who_signs_as_chair(
    protocol_chat: Conversation, graph: FakeGraph
) -> None:
    chat, group = protocol_chat, protocol_chat.group
    chat.clock.set(PROTOCOL_MEETING)
    meeting = await meeting_at(chat, PROTOCOL_MEETING)
    await check_in(chat, meeting.id, person(group, SECRETARY))
    vote_id, _ = await a_vote(chat, (ADJUSTER, "Minna Snabb", VICE))
    vice = person(group, VICE)
    await chat.say(vice, "hjälp", where="personal")  # the vice chair has a chat with the bot
    confirm = {"meeting_id": meeting.id, "municipality": "Avesta"}
    assert "Avesta" in card_text((await press(chat, vice, "adjuster.confirm", confirm))["value"])
    await vote(chat, ADJUSTER, "yes", vote_id)
    await vote(chat, "Minna Snabb", "no", vote_id)
    await press(chat, vice, "vote.close", {"vote_id": vote_id})
    await press(chat, vice, "vote.casting", {"vote_id": vote_id, "option": "yes"})  # one against one
    await deliver(chat)
    chat.clock.set(DAY_AFTER)
    version = await submit(chat, await secretary_card(chat))
    assert posted_to(chat, f"a:personal-{vice.aad_id}"), "the review goes to who chaired"
    data = {"meeting_id": meeting.id, "version": version}
    await press(chat, person(group, ADJUSTER), "protocol.approve", data)
    await tick(chat)
    [pdf] = {attachment_of(m) for m in mails(graph)}
    words = " ".join(pdf_text(pdf).split())
    assert "Mora, tjänstgörande ordförande)" in words, words
    assert "Tjänstgörande ordförande Anna Karlsson" in words, words
    assert "Anna Karlsson, tjänstgörande ordförande, hälsade välkommen och öppnade mötet." in words, words
    assert "Den tjänstgörande ordföranden tackade för mötet och avslutade det." in words, words
    assert "Ordföranden tackade" not in words, words
    assert BY_ACTING in words, words
    assert f"Frånvarande {CHAIR} (" in words, words  # the chair, absent, is listed as such


async def test_the_vice_chair_appoints_the_adjuster_and_their_municipality_is_passed_over(
    chat: Conversation,
) -> None:
    group = chat.group
    meeting = await meeting_at(chat, chat.clock.now())
    await check_in(chat, meeting.id, person(group, VICE), person(group, "Hanna Dahlkvist"))
    vice = person(group, VICE)
    choose = {"meeting_id": meeting.id, "person": vice.aad_id, "reason": "Jag kan."}
    body = await press(chat, vice, "adjuster.choose", choose)
    assert (
        body["value"]
        == "Ordförandens kommun (Mora) justerar inte: ordföranden skriver redan under protokollet."
    )
    confirm = {"meeting_id": meeting.id, "municipality": "Älvdalen"}  # Mora is passed over
    body = await press(chat, vice, "adjuster.confirm", confirm)
    assert body["type"] == CARD and "Älvdalen" in card_text(body["value"])
    refused = await press(chat, person(group, CHAIR), "adjuster.confirm", confirm)
    assert (
        refused["value"]
        == "Anna Karlsson är ordförande vid det här mötet, så det är Anna Karlsson som gör det."
    )
