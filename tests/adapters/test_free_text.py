"""Every text a person writes is cleaned alike through real HTTP: NUL, control and bidi characters
never reach the database, and SQLite and PostgreSQL store and show the same.

PostgreSQL refuses NUL in text, so without the cleaning the bot answered "Något gick fel" on one
and stored the characters on the other. (A lone surrogate, "\\ud800" in the JSON, never gets this
far: the endpoint refuses such a body with a 400, `tests/adapters/test_malformed.py`.)
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import CONTEXT
from bot.domain.group import Group
from bot.domain.meetings import Meeting
from bot.domain.protocol_text import Section
from bot.services.meeting_record import meeting_record
from bot.services.protocol import protocol_of
from tests.support.clock import FixedClock
from tests.support.fake_graph import FakeGraph
from tests.support.harness import Conversation, card_of, card_text, running_bot
from tests.support.meeting_day import (
    CARD,
    CHAIR,
    SECRETARY,
    check_in,
    deliver,
    executes,
    meeting_at,
    own_posts,
    press,
    vote,
)
from tests.support.people import person
from tests.support.protocol import (
    ADJUSTER,
    DRIVE,
    MEETING_TIME,
    held_meeting,
    posted_to,
    protocol_bot,
    register_recording,
    secretary_card,
    submit,
)

ODD = "\x00\x07\x1b\x7f\x9b\u202a\u202b\u202d\u202e\u202c\u2066\u2067\u2068\u2069\u200e\u200f\u061c\ufeff"


@pytest.fixture
async def chat(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path
) -> AsyncIterator[Conversation]:
    async with running_bot(group, database_url, clock, tmp_path / "var") as conversation:
        yield conversation


def odd(text: str) -> str:
    """`text` with every one of the control and bidi characters after each of its words."""
    return " ".join(f"{word}{ODD}" for word in text.split(" "))


async def _meeting_on(chat: Conversation, day: str) -> Meeting:
    async with chat.app[CONTEXT].uow() as uow:
        [found] = [m for m in await uow.meetings.all() if m.starts_at.date().isoformat() == day]
        return found


async def test_a_place_a_reason_and_an_item_are_stored_and_shown_clean(chat: Conversation) -> None:
    secretary, chair, member = (person(chat.group, n) for n in (SECRETARY, CHAIR, "Anna Karlsson"))

    added = await chat.say(
        secretary, f"nytt möte 2027-03-18 08:30-10:00 {odd('Stadshuset, rum 3')}\nvåning 2"
    )
    assert added == (
        "Mötet torsdag 18 mars 2027 kl. 08:30 (Stadshuset, rum 3 våning 2) är tillagt i årsplanen; "
        "kalenderinbjudan går ut till gruppen."
    )
    meeting = await _meeting_on(chat, "2027-03-18")
    assert meeting.place == "Stadshuset, rum 3 våning 2"

    # Typed, with Windows line breaks; and through the item form's card.
    typed = await chat.say(member, f"övrig fråga {odd('Budget för 2027')}\r\n{odd('Rad ett')}\r\nRad\t två")
    assert typed.startswith("Tack! Din övriga fråga ”Budget för 2027” är anmäld"), typed
    form = {"title": odd("Nytt e-arkiv"), "text": f"{odd('Första raden')}\u2028Andra\x00 raden"}
    body = await press(chat, member, "item.submit", form)
    assert body["type"] == CARD and "Din övriga fråga ”Nytt e-arkiv” är anmäld" in card_text(body["value"])
    december = await _meeting_on(chat, "2026-12-10")
    async with chat.app[CONTEXT].uow() as uow:
        items = await uow.items.for_meeting(december.id)
    assert [(i.title, i.text) for i in items] == [
        ("Budget för 2027", "Rad ett\nRad två"),
        ("Nytt e-arkiv", "Första raden\nAndra raden"),
    ]

    # The chair cancels the new meeting, the reason written with the same characters in it;
    # months ahead, so from the card that said it is outside the formalia.
    reason = {"meeting_id": meeting.id, "outside": True, "reason": odd("Ordföranden är sjuk.")}
    body = await press(chat, chair, "meeting.cancel", reason)
    assert body["type"] == CARD, body["value"]
    assert (await _meeting_on(chat, "2027-03-18")).cancel_reason == "Ordföranden är sjuk."


@pytest.fixture
async def protocol_chat(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path, graph: FakeGraph
) -> AsyncIterator[Conversation]:
    async with protocol_bot(group, database_url, clock, tmp_path / "var", graph) as conversation:
        yield conversation


async def test_a_paragraph_and_a_change_request_are_stored_and_shown_clean(
    protocol_chat: Conversation,
) -> None:
    chat = protocol_chat
    held = await held_meeting(chat)
    secretary, adjuster = person(chat.group, SECRETARY), person(chat.group, ADJUSTER)
    [button] = [
        b for b in executes(await secretary_card(chat), "protocol.edit_form") if b["data"]["number"] == 3
    ]
    form = (await press(chat, secretary, "protocol.edit_form", button["data"]))["value"]
    [save] = executes(form, "protocol.edit")
    written = {
        "title": odd("Budget för 2027"),
        "text": f"{odd('Förslaget gicks igenom.')}\r\n\r\n{odd('Det finns')} frågor.",
        "decision": odd("Styrgruppen beslutar att anta budgeten."),
    }
    body = await press(chat, secretary, "protocol.edit", {**save["data"], **written})
    assert body["type"] == CARD, body["value"]
    [text] = [
        i["value"]
        for i in (await press(chat, secretary, "protocol.export", {"meeting_id": held.meeting_id}))["value"][
            "body"
        ]
        if i.get("id") == "text"
    ]
    assert (
        "§3 Budget för 2027\nFörslaget gicks igenom.\n\nDet finns frågor.\n\n"
        "Styrgruppens beslut:\nStyrgruppen beslutar att anta budgeten.\n"
    ) in text
    view = await protocol_of(chat.app[CONTEXT], held.meeting_id)
    assert view is not None and view.sections[2] == Section(
        "Budget för 2027",
        "Förslaget gicks igenom.\n\nDet finns frågor.",
        "Styrgruppen beslutar att anta budgeten.",
    )

    await submit(chat, body["value"])
    [review] = [card_of(a) for a in posted_to(chat, f"a:personal-{adjuster.aad_id}")]
    [change] = executes(review, "protocol.request_change")
    asked = {**change["data"], "comment": odd("Skriv att beslutet inte var enhälligt.")}
    assert (await press(chat, adjuster, change["verb"], asked))["type"] == CARD
    view = await protocol_of(chat.app[CONTEXT], held.meeting_id)
    assert view is not None and view.change_request is not None
    assert view.change_request.comment == "Skriv att beslutet inte var enhälligt."


async def test_a_question_reasons_and_a_link_of_the_meeting_day_are_stored_clean(
    protocol_chat: Conversation, graph: FakeGraph
) -> None:
    chat, group = protocol_chat, protocol_chat.group
    chair, secretary, minna = person(group, CHAIR), person(group, SECRETARY), person(group, "Minna Snabb")
    chat.clock.set(MEETING_TIME)
    meeting = await meeting_at(chat, MEETING_TIME)
    await check_in(chat, meeting.id, chair, person(group, ADJUSTER), minna, person(group, "Anna Karlsson"))
    reason = odd("Avesta justerade förra gången.")
    body = await press(
        chat, chair, "adjuster.choose", {"meeting_id": meeting.id, "person": minna.aad_id, "reason": reason}
    )
    assert "med motiveringen: Avesta justerade förra gången." in card_text(body["value"])

    opened = await chat.say(secretary, f"omröstning {odd('Ska vi ses i mars?')} | {odd('Ja, i Mora')} | Nej")
    assert opened.startswith("Omröstningen ”Ska vi ses i mars?”"), opened
    await deliver(chat)
    cards = [card_of(s.activity) for s in own_posts(chat)]
    [vote_id] = {b["data"]["vote_id"] for card in cards for b in executes(card, "vote.cast")}
    for who, option in ((ADJUSTER, "p1"), ("Anna Karlsson", "p1"), ("Minna Snabb", "p2")):
        await vote(chat, who, option, vote_id)
    await press(chat, chair, "vote.close", {"vote_id": vote_id})
    reason = odd("Resan är för lång.")
    reserved = await press(chat, minna, "vote.reserve", {"vote_id": vote_id, "reason": reason})
    assert reserved["type"] == CARD, reserved["value"]

    link = "https://contoso.sharepoint.com/sites/styrgrupp/Inspelning.mp4"
    graph.add_file(DRIVE, "01RECORDING", "Inspelning.mp4", web_url=link)
    registered = await register_recording(chat, f"inspelning {link[:30]}\x00\u202e{link[30:]}\u200f")
    assert "Inspelning.mp4" in registered, registered

    record = await meeting_record(chat.app[CONTEXT], meeting.id)
    assert record.adjuster is not None and record.adjuster.reason == "Avesta justerade förra gången."
    [held] = record.votes
    assert held.vote.question == "Ska vi ses i mars?"
    assert [o.text for o in held.vote.options][:2] == ["Ja, i Mora", "Nej"]
    assert [r.reservation.reason for r in held.reservations] == ["Resan är för lång."]
    async with chat.app[CONTEXT].uow() as uow:
        recording = await uow.recordings.get(meeting.id)
    assert recording is not None and recording.link == link
