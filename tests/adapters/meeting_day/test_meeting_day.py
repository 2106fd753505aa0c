"""The meeting day over real HTTP: the start, check-in, the secretary's marks, the adjuster (§2)."""

from __future__ import annotations

from bot.app import CONTEXT
from bot.domain.group import Group
from bot.services.meeting_day import start_meeting
from tests.conftest import stockholm
from tests.support.harness import Conversation, card_of, card_text
from tests.support.meeting_day import (
    CARD,
    MESSAGE,
    channel_card,
    check_in,
    deliver,
    executes,
    meeting_at,
    own_posts,
    posted,
    press,
    updates_of,
)
from tests.support.people import person
from tests.support.protocol import MEETING_TIME


async def started(chat: Conversation) -> int:
    reply = await chat.say(person(chat.group, "Joanna Karabay"), "starta möte")
    assert reply.startswith(
        "Mötets gång – mötet torsdag 10 december 2026\n"
        "Mötet torsdag 10 december 2026 är startat. Närvarokortet och förslaget till justerare"
    )
    await deliver(chat)
    return (await meeting_at(chat, MEETING_TIME)).id


async def test_starting_posts_the_check_in_card_and_the_adjuster_proposal_once(chat: Conversation) -> None:
    meeting_id = await started(chat)
    attendance = channel_card(chat, posted(chat, "Närvaro – mötet torsdag 10 december 2026"))
    assert (
        "0 av 22 kommuner är närvarande: mötet är inte beslutsmässigt ännu (minst 12 behövs)."
        in card_text(attendance)
    )
    assert "Ingen har checkat in ännu." in card_text(attendance)
    adjuster = channel_card(chat, posted(chat, "Utse justerare – mötet torsdag 10 december 2026"))
    assert "Kommer alla står Avesta i tur." in card_text(adjuster)

    again = await chat.say(person(chat.group, "Malin Karhu Birgersson"), "start meeting")
    assert "Mötet torsdag 10 december 2026 är redan startat" in again
    assert (await start_meeting(chat.app[CONTEXT], meeting_id)).first_time is False  # the scheduler's call
    await deliver(chat)
    assert len(own_posts(chat)) == 2


async def test_check_ins_update_the_channel_card_in_place(chat: Conversation, group: Group) -> None:
    meeting_id = await started(chat)
    card_id = posted(chat, "Närvaro")
    marika = person(group, "Marika Lyman")
    body = await press(chat, marika, "attendance.check_in", {"meeting_id": meeting_id})
    assert body["type"] == CARD
    assert card_text(body["value"]).startswith(
        "Närvaro – mötet torsdag 10 december 2026\nVälkommen, Marika Lyman! Du är incheckad."
    )
    await check_in(chat, meeting_id, person(group, "Lotta Daun Messing"), person(group, "Joanna Karabay"))
    await deliver(chat)
    assert updates_of(chat, card_id) == 1  # three check-ins, one refresh of the card
    shown = card_text(channel_card(chat, card_id))
    assert "2 av 22 kommuner är närvarande" in shown
    assert "Närvarande (3)" in shown
    assert "Marika Lyman (Administrativ chef, Avesta)" in shown
    assert "Lotta Daun Messing (Ludvika, tjänstgörande ersättare för Jessica Hedlund)" in shown
    assert "Joanna Karabay (Enhetschef, E-arkiv Mitt, sekreterare)" in shown
    assert "Frånvarande: Malin Karhu Birgersson (Säter), Minna Snabb (Bollnäs)" in shown


async def test_the_secretary_marks_people_and_nobody_else_may(chat: Conversation, group: Group) -> None:
    meeting_id = await started(chat)
    jessica = person(group, "Jessica Hedlund")
    mark = {"meeting_id": meeting_id, "present": True, "person": jessica.aad_id}
    body = await press(chat, person(group, "Marika Lyman"), "attendance.mark", mark)
    assert body == {"statusCode": 200, "type": MESSAGE, "value": "Det får bara sekreterare göra."}
    body = await press(chat, person(group, "Joanna Karabay"), "attendance.mark", mark)
    assert card_text(body["value"]).splitlines()[1] == "Jessica Hedlund är markerad som närvarande."
    body = await press(chat, person(group, "Joanna Karabay"), "attendance.mark", {**mark, "present": False})
    assert "Jessica Hedlund är markerad som frånvarande." in card_text(body["value"])
    assert "Ingen har checkat in ännu." in card_text(body["value"])
    bad = {**mark, "person": "11111111-2222-4333-8444-555555555555"}
    body = await press(chat, person(group, "Joanna Karabay"), "attendance.mark", bad)
    assert body["value"] == "Den personen finns inte i styrgruppen."


async def test_the_attendance_command_answers_with_the_card(chat: Conversation, group: Group) -> None:
    card = card_of(await chat.say_for_reply(person(group, "Anna-Maria Malmberg"), "närvaro"))
    assert card_text(card).startswith("Närvaro – mötet torsdag 10 december 2026")
    [check] = executes(card, "attendance.check_in")
    body = await press(chat, person(group, "Anna-Maria Malmberg"), check["verb"], check["data"])
    assert "Anna-Maria Malmberg (Systemförvaltare, E-arkiv Mitt, adjungerad)" in card_text(body["value"])


async def test_outside_a_meeting_there_is_nothing_to_check_in_to(chat: Conversation, group: Group) -> None:
    meeting_id = (await meeting_at(chat, MEETING_TIME)).id
    chat.clock.set(stockholm(2026, 12, 10, 7, 59))
    reply = await chat.say(person(group, "Marika Lyman"), "närvaro")
    assert reply.startswith(
        "Inget möte pågår just nu. Ett möte räknas som pågående från 30 minuter före start"
    )
    body = await press(chat, person(group, "Marika Lyman"), "attendance.check_in", {"meeting_id": meeting_id})
    assert body["value"].startswith("Inget möte pågår just nu.")
    chat.clock.set(MEETING_TIME)
    body = await press(chat, person(group, "Marika Lyman"), "attendance.check_in", {"meeting_id": 1})
    assert body["value"].startswith("Kortet gäller ett möte som inte pågår nu.")
    assert "Ingen har checkat in ännu." in await chat.say(person(group, "Marika Lyman"), "närvaro")


async def test_the_chair_confirms_the_proposed_adjuster(chat: Conversation, group: Group) -> None:
    meeting_id = await started(chat)
    card_id = posted(chat, "Utse justerare")
    chair, marika = person(group, "Malin Karhu Birgersson"), person(group, "Marika Lyman")
    await check_in(chat, meeting_id, chair, marika, person(group, "Minna Snabb"))
    await deliver(chat)
    proposal = channel_card(chat, card_id)
    assert "Förslag enligt turordningen: Marika Lyman, Avesta." in card_text(proposal)
    assert "Ingen justerare är registrerad sedan tidigare" in card_text(proposal)
    [confirm] = executes(proposal, "adjuster.confirm")
    assert confirm["title"] == "Bekräfta Avesta"

    body = await press(chat, marika, confirm["verb"], confirm["data"])
    assert body["value"] == "Det får bara ordförande göra."
    body = await press(chat, chair, confirm["verb"], confirm["data"])
    assert card_text(body["value"]).splitlines()[1] == "Justerare: Marika Lyman, Avesta."
    await deliver(chat)
    assert "Justerare: Marika Lyman, Avesta." in card_text(channel_card(chat, card_id))
    body = await press(chat, chair, confirm["verb"], confirm["data"])
    assert body["value"].startswith("Justerare är redan utsedd (Avesta).")

    reply = await chat.say(person(group, "Hanna Dahlkvist"), "justerare")
    assert "Justerare: Marika Lyman, Avesta." in reply


async def test_a_stale_proposal_is_not_confirmed(chat: Conversation, group: Group) -> None:
    meeting_id = await started(chat)
    chair = person(group, "Malin Karhu Birgersson")
    await check_in(chat, meeting_id, chair, person(group, "Minna Snabb"))
    data = {"meeting_id": meeting_id, "municipality": "Bollnäs"}
    await check_in(chat, meeting_id, person(group, "Marika Lyman"))  # Avesta arrives: it is Avesta's turn
    body = await press(chat, chair, "adjuster.confirm", data)
    assert body["value"].startswith(
        "Närvaron har ändrats sedan kortet visades: turordningen föreslår nu Avesta"
    )


async def test_the_chair_chooses_someone_else_with_a_reason(chat: Conversation, group: Group) -> None:
    meeting_id = await started(chat)
    chair, minna = person(group, "Malin Karhu Birgersson"), person(group, "Minna Snabb")
    await check_in(chat, meeting_id, chair, person(group, "Marika Lyman"), minna)
    choice = {"meeting_id": meeting_id, "person": minna.aad_id}
    body = await press(chat, chair, "adjuster.choose", choice)
    assert body["value"].startswith(
        "Skriv en motivering när du väljer någon annan än turordningens förslag (Avesta)"
    )
    body = await press(chat, chair, "adjuster.choose", {**choice, "reason": "Avesta justerade förra året"})
    shown = card_text(body["value"])
    assert "Justerare: Minna Snabb, Bollnäs." in shown
    assert "turordningens förslag (Avesta), med motiveringen: Avesta justerade förra året" in shown
    body = await press(chat, chair, "adjuster.choose", {**choice, "person": chair.aad_id, "reason": "x"})
    assert body["value"].startswith("Ordförandens kommun (Säter) justerar inte")


async def test_justerare_tells_who_is_next_and_why_before_the_meeting(
    chat: Conversation, group: Group
) -> None:
    chat.clock.set(stockholm(2026, 11, 30))
    reply = await chat.say(person(group, "Hanna Dahlkvist"), "adjuster")
    assert reply.startswith("**Utse justerare – mötet torsdag 10 december 2026**")
    assert "Kommer alla står Avesta i tur." in reply
    assert "turordningen börjar från början: kommunernas namn i bokstavsordning (a–ö)." in reply


async def test_english_clients_get_the_cards_in_english(chat: Conversation, group: Group) -> None:
    meeting_id = (await meeting_at(chat, MEETING_TIME)).id
    marika = person(group, "Marika Lyman")
    _, body = await chat.click(marika, "attendance.check_in", {"meeting_id": meeting_id}, locale="en-GB")
    assert card_text(body["value"]).startswith(
        "Attendance – meeting on Thursday 10 December 2026\nWelcome, Marika Lyman! You are checked in."
    )
    _, body = await chat.click(marika, "vote.cast", {"vote_id": 42, "option": "yes"}, locale="en-GB")
    assert body["value"] == "That vote does not exist."


async def test_help_offers_the_meeting_commands_by_role(chat: Conversation, group: Group) -> None:
    chair = await chat.say(person(group, "Malin Karhu Birgersson"), "hjälp")
    assert all(f"**{verb}**" in chair for verb in ("närvaro", "starta möte", "justerare", "omröstning"))
    member = await chat.say(person(group, "Marika Lyman"), "hjälp")
    assert "**närvaro**" in member and "**justerare**" in member
    assert "**omröstning**" not in member and "**starta möte**" not in member
