"""Mötets gång over real HTTP: the card at the start, Nästa punkt, who may press it, a stale press."""

from __future__ import annotations

from typing import Any

from bot.domain.group import Group
from tests.conftest import stockholm
from tests.support.harness import Conversation, card_of, card_text
from tests.support.meeting_day import CARD, CHAIR, MESSAGE, SECRETARY, check_in, executes, meeting_at, press
from tests.support.people import person
from tests.support.protocol import MEETING_TIME

HEADING = "Mötets gång – mötet torsdag 10 december 2026"


async def with_an_item(chat: Conversation) -> None:
    """An item in time for the meeting of 10 December (the clock goes back to the meeting after)."""
    chat.clock.set(stockholm(2026, 11, 27, 10, 0))
    reply = await chat.say(person(chat.group, "Marika Lyman"), "övrig fråga Budget för 2027\nFörslaget.")
    assert reply.startswith("Tack! Din övriga fråga ”Budget för 2027” är anmäld"), reply
    chat.clock.set(MEETING_TIME)


async def started_card(chat: Conversation, who: str = SECRETARY) -> dict[str, Any]:
    return card_of(await chat.say_for_reply(person(chat.group, who), "starta möte"))


def next_button(card: dict[str, Any]) -> dict[str, Any]:
    [button] = executes(card, "meeting.next_point")
    return dict(button["data"])


async def pressed_on(chat: Conversation, card: dict[str, Any]) -> dict[str, Any]:
    """The secretary's Nästa punkt on `card`: the card she gets back."""
    body = await press(chat, person(chat.group, SECRETARY), "meeting.next_point", next_button(card))
    return dict(body["value"])


def facts(card: dict[str, Any]) -> list[tuple[str, str]]:
    [fact_set] = [b for b in card["body"] if b["type"] == "FactSet"]
    # A title that begins "1." is escaped, or Teams would read it as a list.
    return [(f["title"].replace("\\.", "."), f["value"]) for f in fact_set["facts"]]


async def test_starting_the_meeting_gives_the_agenda_with_nasta_punkt(chat: Conversation) -> None:
    await with_an_item(chat)
    card = await started_card(chat)
    shown = card_text(card)
    assert shown.startswith(f"{HEADING}\nMötet torsdag 10 december 2026 är startat.")
    assert "Nu: 1. Mötets öppnande\nDärefter: 2. Utse justerare" in shown
    assert facts(card) == [
        ("1. Mötets öppnande", "sedan kl. 08:40"),
        ("2. Utse justerare", "–"),
        ("3. Budget för 2027", "–"),
        ("4. Mötets avslutande", "–"),
    ]
    meeting = await meeting_at(chat, MEETING_TIME)
    assert next_button(card) == {"meeting_id": meeting.id, "from": "opening"}
    assert [a["title"] for a in card["actions"]] == ["Nästa punkt"]


async def test_nasta_punkt_records_the_time_and_the_card_shows_the_current_point(chat: Conversation) -> None:
    await with_an_item(chat)
    card = await started_card(chat)
    chat.clock.set(stockholm(2026, 12, 10, 8, 44))
    body = await press(chat, person(chat.group, SECRETARY), "meeting.next_point", next_button(card))
    assert body["type"] == CARD
    card = body["value"]
    assert "Noterat kl. 08:44: mötet gick vidare till 2. Utse justerare." in card_text(card)
    assert "Nu: 2. Utse justerare\nDärefter: 3. Budget för 2027" in card_text(card)
    chat.clock.set(stockholm(2026, 12, 10, 8, 51))
    card = (await press(chat, person(chat.group, SECRETARY), "meeting.next_point", next_button(card)))[
        "value"
    ]
    assert facts(card)[:3] == [
        ("1. Mötets öppnande", "kl. 08:40"),
        ("2. Utse justerare", "kl. 08:44"),
        ("3. Budget för 2027", "sedan kl. 08:51"),
    ]
    card = (await press(chat, person(chat.group, SECRETARY), "meeting.next_point", next_button(card)))[
        "value"
    ]
    assert "Nu: 4. Mötets avslutande" in card_text(card)
    assert executes(card, "meeting.next_point") == []  # the last point: no button

    again = card_of(await chat.say_for_reply(person(chat.group, CHAIR), "mötets gång"))
    assert facts(again) == facts(card) and "Nu: 4. Mötets avslutande" in card_text(again)


async def test_pressing_twice_moves_one_point_and_the_second_press_is_told(chat: Conversation) -> None:
    await with_an_item(chat)
    data = next_button(await started_card(chat))
    first = await press(chat, person(chat.group, SECRETARY), "meeting.next_point", data)
    second = await press(chat, person(chat.group, CHAIR), "meeting.next_point", data)  # the same card
    assert first["type"] == CARD
    assert second == {
        "statusCode": 200,
        "type": MESSAGE,
        "value": "Mötet har redan gått vidare och är nu vid punkt 2 av 4, så ingen punkt hoppades över. "
        "Skriv mötets gång för att se kortet som det står nu.",
    }
    card = card_of(await chat.say_for_reply(person(chat.group, SECRETARY), "mötets gång"))
    assert "Nu: 2. Utse justerare" in card_text(card)


async def test_only_the_secretary_and_whoever_chairs_keep_it(chat: Conversation, group: Group) -> None:
    data = next_button(await started_card(chat))
    member = await press(chat, person(group, "Marika Lyman"), "meeting.next_point", data)
    assert member["value"] == "Det får bara ordförande eller sekreterare göra."
    typed = await chat.say(person(group, "Marika Lyman"), "mötets gång")
    assert typed == "Det får bara ordförande eller sekreterare göra."
    staff = await press(chat, person(group, "Anna-Maria Malmberg"), "meeting.next_point", data)
    assert staff["value"] == "Det får bara ordförande eller sekreterare göra."
    stranger = await press(chat, "00000000-0000-0000-0000-00000000dead", "meeting.next_point", data)
    assert stranger["value"].startswith("Hej! Jag känner inte igen dig som deltagare")
    assert "Nu: 1. Mötets öppnande" in card_text(
        card_of(await chat.say_for_reply(person(group, SECRETARY), "mötets gång"))
    )  # nothing moved


async def test_the_acting_chair_keeps_it_and_the_absent_chair_is_told_who_chairs(
    chat: Conversation, group: Group
) -> None:
    data = next_button(await started_card(chat))
    marika = person(group, "Marika Lyman")
    await check_in(chat, data["meeting_id"], marika)  # the chair is absent: the secretary appoints her
    appoint = {"meeting_id": data["meeting_id"], "person": marika.aad_id}
    await press(chat, person(group, SECRETARY), "meeting.acting_chair", appoint)
    chair = await press(chat, person(group, CHAIR), "meeting.next_point", data)
    assert chair["type"] == MESSAGE and "Marika Lyman" in chair["value"]
    acting = await press(chat, marika, "meeting.next_point", data)
    assert "Nu: 2. Utse justerare" in card_text(acting["value"])


async def test_a_card_of_a_meeting_no_longer_going_on_is_refused(chat: Conversation) -> None:
    data = next_button(await started_card(chat))
    chat.clock.set(stockholm(2026, 12, 11, 9, 0))
    body = await press(chat, person(chat.group, SECRETARY), "meeting.next_point", data)
    assert body["type"] == MESSAGE and body["value"].startswith("Inget möte pågår just nu.")
