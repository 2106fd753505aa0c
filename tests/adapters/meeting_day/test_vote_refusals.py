"""Votes that must not count, and what the protocol keeps: forged cards, refusals, reservations.

The voter is always the activity's validated AAD id: a card's data names only the vote
and the option, and whatever else it says is ignored.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from bot.app import CONTEXT
from bot.domain.group import Group
from bot.services.meeting_record import meeting_record, record_submission_for_adjustment
from tests.conftest import stockholm
from tests.support.clock import FixedClock
from tests.support.harness import Conversation, card_text
from tests.support.meeting_day import (
    CHAIR,
    FIVE,
    MESSAGE,
    QUESTION,
    SECRETARY,
    a_vote,
    ballots_of,
    channel_card,
    check_in,
    deliver,
    executes,
    meeting_at,
    meeting_day,
    press,
    updates_of,
    vote,
)
from tests.support.people import person
from tests.support.protocol import MEETING_TIME


async def test_a_payload_naming_another_voter_still_counts_as_the_clicker(
    chat: Conversation, group: Group
) -> None:
    vote_id, _ = await a_vote(chat, FIVE)
    minna = person(group, "Minna Snabb")
    as_minna = {"vote_id": vote_id, "option": "no", "aadObjectId": minna.aad_id, "voter": minna.aad_id,
                "municipality": "Bollnäs", "from": {"aadObjectId": minna.aad_id}}  # fmt: skip
    body = await press(chat, person(group, "Marika Lyman"), "vote.cast", as_minna)
    assert "Din röst för Avesta: Nej." in card_text(body["value"])
    assert await ballots_of(chat, vote_id) == {"Avesta": ("Marika Lyman", "no")}


async def test_a_vote_of_another_meeting_or_none_is_refused(
    chat: Conversation, group: Group, clock: FixedClock
) -> None:
    clock.set(stockholm(2024, 11, 12, 8, 45))  # an earlier meeting, with a vote left open
    earlier = await meeting_at(chat, clock.now())
    await check_in(chat, earlier.id, person(group, "Marika Lyman"))
    await chat.say(person(group, SECRETARY), "omröstning Gammal fråga")
    clock.set(MEETING_TIME)
    vote_id, _ = await a_vote(chat, FIVE)
    old = vote_id - 1
    for data, answer in [
        ({"vote_id": old, "option": "yes"}, "Den omröstningen hör till ett annat möte än det som pågår nu."),
        ({"vote_id": 9999, "option": "yes"}, "Den omröstningen finns inte."),
        ({"vote_id": vote_id, "option": "kanske"}, "Alternativet ”kanske” finns inte i den här omröstningen"),
        ({"vote_id": "sju", "option": "yes"}, "Knappen kunde inte läsas."),
        ({"vote_id": vote_id}, "Knappen kunde inte läsas."),
    ]:  # fmt: skip
        body = await press(chat, person(group, "Minna Snabb"), "vote.cast", data)
        assert body["type"] == MESSAGE and body["value"].startswith(answer), body
    assert await ballots_of(chat, vote_id) == {}


async def test_who_has_no_vote_is_told_why(chat: Conversation, group: Group) -> None:
    vote_id, _ = await a_vote(chat, FIVE)
    for who, answer in [
        ("11111111-2222-4333-8444-555555555555", "Du finns inte med i styrgruppen och kan inte rösta."),
        (person(group, SECRETARY), "Som sekreterare har du ingen rösträtt i styrgruppen."),
        (person(group, "Anna-Maria Malmberg"), "Som adjungerad har du ingen rösträtt i styrgruppen."),
        (person(group, "Fredrik Holm"), "Du är inte anmäld som närvarande för Borlänge. Checka in först."),
    ]:
        assert (await press(chat, who, "vote.cast", {"vote_id": vote_id, "option": "yes"}))["value"] == answer
    assert await ballots_of(chat, vote_id) == {}


async def test_opening_a_vote_is_for_the_chair_and_the_secretary(chat: Conversation, group: Group) -> None:
    reply = await chat.say(person(group, "Marika Lyman"), "omröstning Något")
    assert reply == "Det får bara ordförande eller sekreterare göra."
    assert (await chat.say(person(group, CHAIR), "vote")).startswith("Skriv frågan efter kommandot")
    assert (await chat.say(person(group, CHAIR), "vote A? | B")).startswith("Ge minst två förslag")
    reply = await chat.say(person(group, CHAIR), "vote **Budget**? | Ja | Nej, men")
    assert reply.startswith(r"Omröstningen ”\*\*Budget\*\*?” är öppnad med alternativen Ja, Nej, men, Avstår")


async def test_reservations_by_those_who_voted_against_until_the_protocol_is_submitted(
    chat: Conversation, group: Group
) -> None:
    vote_id, card_id = await a_vote(chat, FIVE[:4])
    for who, option in [
        ("Marika Lyman", "yes"),
        ("Minna Snabb", "no"),
        ("Anna Karlsson", "yes"),
        (CHAIR, "yes"),
    ]:
        await vote(chat, who, option, vote_id)
    await deliver(chat)
    card = channel_card(chat, card_id)
    [reserve] = executes(card, "vote.reserve")
    minna = person(group, "Minna Snabb")
    body = await press(chat, minna, "vote.reserve", {**reserve["data"], "reason": "Resorna är för långa."})
    reservation = "Bollnäs (Minna Snabb) reserverar sig: Resorna är för långa."
    assert f"Reservationer\n{reservation}" in card_text(body["value"])
    body = await press(chat, person(group, "Marika Lyman"), "vote.reserve", reserve["data"])
    assert body["value"] == "Du röstade inte emot beslutet, så det finns inget att reservera dig mot."

    ctx = chat.app[CONTEXT]
    meeting = await meeting_at(chat, MEETING_TIME)
    async with ctx.uow() as uow:
        await record_submission_for_adjustment(uow, meeting.id, ctx.clock.now())
        await uow.commit()
    body = await press(chat, person(group, CHAIR), "vote.reserve", reserve["data"])
    assert body["value"].startswith("Protokollet har redan lämnats för justering")
    record = await meeting_record(ctx, (await meeting_at(chat, MEETING_TIME)).id)
    [kept] = record.votes[0].reservations
    assert (kept.person and kept.person.name, kept.reservation.reason) == (
        "Minna Snabb",
        "Resorna är för långa.",
    )
    await deliver(chat)
    assert updates_of(chat, card_id) >= 1


async def test_the_record_for_the_protocol(chat: Conversation, group: Group) -> None:
    vote_id, _ = await a_vote(chat, (*FIVE[:3], "Lotta Daun Messing", SECRETARY))
    meeting_id = (await meeting_at(chat, MEETING_TIME)).id
    await press(
        chat, person(group, CHAIR), "adjuster.confirm", {"meeting_id": meeting_id, "municipality": "Avesta"}
    )
    await vote(chat, "Marika Lyman", "no", vote_id)
    record = await meeting_record(chat.app[CONTEXT], meeting_id)
    assert [a.person.name for a in record.attendance.present] == [
        CHAIR, "Marika Lyman", "Minna Snabb", "Lotta Daun Messing", SECRETARY,
    ]  # fmt: skip
    assert record.attendance.present[3].serving and "Jessica Hedlund" in [
        p.name for p in record.attendance.absent
    ]
    assert record.quorum.present_municipalities == ("Avesta", "Bollnäs", "Ludvika", "Säter")
    assert record.adjuster is not None and record.adjuster_person is not None
    assert (record.adjuster.municipality, record.adjuster_person.name) == ("Avesta", "Marika Lyman")
    [v] = record.votes
    assert (v.vote.question, v.vote.state.value, [b.municipality for b in v.ballots]) == (
        QUESTION,
        "open",
        ["Avesta"],
    )
    assert record.submitted_for_adjustment_at is None


async def test_the_group_file_can_require_a_quorum_for_votes(
    group: Group, sqlite_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    strict = replace(group, rules=replace(group.rules, quorum_required_for_votes=True))
    async with meeting_day(strict, sqlite_url, clock, tmp_path / "strict", MEETING_TIME) as chat:
        meeting = await meeting_at(chat, MEETING_TIME)
        await check_in(chat, meeting.id, *(person(strict, name) for name in FIVE))
        reply = await chat.say(person(strict, SECRETARY), "omröstning Fråga?")
        assert (
            reply
            == "Mötet är inte beslutsmässigt: 5 kommuner är närvarande, minst 12 behövs för en omröstning."
        )
        card = await chat.say(person(strict, SECRETARY), "närvaro")
        assert "(minst 12 behövs). Omröstningar kräver att mötet är beslutsmässigt." in card
