"""Teams' attendance report after the meeting, through the bot's HTTP path and the real msgraph-sdk.

The meetings are Teams meetings in the group mailbox's calendar on the fake Graph; after the
meeting the scheduler finds the event's online meeting, reads its report and shows the secretary
what differs from the bot's attendance, one button a difference. Without permission, or without
a report, she is told so once, and the attendance stands as it is.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import CONTEXT
from bot.domain.group import Group
from bot.services.protocol import protocol_of
from tests.adapters.protocol.test_card_rights import tick_at
from tests.support.clock import FixedClock
from tests.support.fake_graph import (
    GET_ATTENDANCE_REPORT,
    LIST_ATTENDANCE_REPORTS,
    LIST_ONLINE_MEETINGS,
    FakeGraph,
    attendance_record,
)
from tests.support.harness import Conversation, card_of, card_text
from tests.support.meeting_day import CARD, CHAIR, SECRETARY, executes, press
from tests.support.people import person
from tests.support.protocol import HeldMeeting, held_meeting, posted_to, protocol_bot, secretary_card

HEADING = "Närvaro enligt Teams – mötet torsdag 10 december 2026"


@pytest.fixture
async def chat(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path, graph: FakeGraph
) -> AsyncIterator[Conversation]:
    async with protocol_bot(group, database_url, clock, tmp_path / "var", graph, teams_meetings=True) as chat:
        await chat.say(person(group, SECRETARY), "hjälp", where="personal")  # the secretary has a chat
        chat.connector.sent.clear()
        yield chat


async def event_of(chat: Conversation, meeting_id: int) -> str:
    async with chat.app[CONTEXT].uow() as uow:
        created = await uow.outbox.result_of(f"calendar:{meeting_id}:create")
    assert created is not None, "the meeting's Teams meeting was not created"
    return str(created["event_id"])


def in_teams(chat: Conversation, *names: str, guest: str | None = None) -> list[dict[str, Any]]:
    """The records of the people named, as Teams reports them (90 minutes each)."""
    records = []
    for name in names:
        who = person(chat.group, name)
        records.append(attendance_record(who.aad_id, who.name, who.email, 5400))
    if guest:
        records.append(attendance_record("5f2b8c11-3a7e-4d21-9c6b-0e4a1f7d8b90", guest, None, 1735))
    return records


# Checked in at `held_meeting`: the secretary, the chair, Marika Lyman, Minna Snabb, Anna Karlsson and
# Hanna Dahlkvist. In Teams: all of them but Hanna Dahlkvist, and Fredrik Holm (Borlänge) and the
# substitute Moa Bäckström (Hudiksvall, whose member Ulrika Wenn was not there), who did not check in.
IN_TEAMS = (SECRETARY, CHAIR, "Marika Lyman", "Minna Snabb", "Anna Karlsson", "Fredrik Holm", "Moa Bäckström")


def to_secretary(chat: Conversation) -> list[dict[str, Any]]:
    return posted_to(chat, f"a:personal-{person(chat.group, SECRETARY).aad_id}")


async def the_report_card(chat: Conversation, graph: FakeGraph) -> tuple[HeldMeeting, dict[str, Any]]:
    held = await held_meeting(chat)
    graph.add_attendance_report(
        await event_of(chat, held.meeting_id), in_teams(chat, *IN_TEAMS, guest="Per Ekström")
    )
    await tick_at(chat, 2026, 12, 11, 9, 0)
    [card] = [card_of(a) for a in to_secretary(chat) if card_text(a).startswith(HEADING)]
    return held, card


def button(card: dict[str, Any], name: str, chat: Conversation) -> dict[str, Any]:
    aad_id = person(chat.group, name).aad_id
    [found] = [b for b in executes(card, "attendance_report.mark") if b["data"]["person"] == aad_id]
    return found


async def test_the_secretary_sees_what_teams_saw_and_one_click_corrects_the_attendance_and_the_draft(
    chat: Conversation, graph: FakeGraph
) -> None:
    held, card = await the_report_card(chat, graph)

    shown = card_text(card)
    assert "Teams närvarorapport (8 deltagare, kl. 08:25–10:02) skiljer sig från närvaron i boten" in shown
    assert "**Fredrik Holm** (Borlänge) var med i Teams-mötet i 90 minuter men checkade inte in." in shown
    assert (
        "**Moa Bäckström** (ersättare, Hudiksvall) var med i Teams-mötet i 90 minuter men checkade inte in. "
        "Ulrika Wenn var inte med, så ersättaren blir tjänstgörande för Hudiksvall."
    ) in shown
    assert "**Hanna Dahlkvist** (Älvdalen) checkade in men finns inte i Teams närvarorapport." in shown
    assert "Även med i mötet, utanför gruppfilen: Per Ekström." in shown
    assert [b["title"] for b in executes(card, "attendance_report.mark")] == [
        "Markera närvarande", "Markera närvarande", "Markera frånvarande",
    ]  # fmt: skip
    assert "Närvarande\n6\nFrånvarande\n17" in card_text(await secretary_card(chat, "protokoll 2026-12-10"))

    body = await press(
        chat,
        person(chat.group, SECRETARY),
        "attendance_report.mark",
        button(card, "Fredrik Holm", chat)["data"],
    )

    assert body["type"] == CARD
    after = card_text(body["value"])
    assert after.startswith(f"{HEADING}\nFredrik Holm är markerad som närvarande.")
    assert "Bekräftat\nFredrik Holm (Borlänge): markerad närvarande" in after
    assert "**Fredrik Holm**" not in after and "**Hanna Dahlkvist**" in after
    draft = await protocol_of(chat.app[CONTEXT], held.meeting_id)
    assert draft is not None and "Fredrik Holm" in [p["name"] for p in draft.record["present"]]
    assert "Närvarande\n7\nFrånvarande\n16" in card_text(await secretary_card(chat, "protokoll 2026-12-10"))

    # The chair may confirm too: Hanna Dahlkvist goes to Frånvarande.
    body = await press(
        chat,
        person(chat.group, CHAIR),
        "attendance_report.mark",
        button(card, "Hanna Dahlkvist", chat)["data"],
    )
    assert "Hanna Dahlkvist (Älvdalen): markerad frånvarande" in card_text(body["value"])
    draft = await protocol_of(chat.app[CONTEXT], held.meeting_id)
    assert draft is not None and "Hanna Dahlkvist" in [p["name"] for p in draft.record["absent"]]


async def test_only_the_secretary_and_the_chair_correct_and_only_before_the_protocol_is_handed_over(
    chat: Conversation, graph: FakeGraph
) -> None:
    _, card = await the_report_card(chat, graph)
    data = button(card, "Fredrik Holm", chat)["data"]

    refused = await press(chat, person(chat.group, "Minna Snabb"), "attendance_report.mark", data)
    assert refused["value"] == "Det får bara ordförande eller sekreterare göra."

    [submit] = executes(await secretary_card(chat, "protokoll 2026-12-10"), "protocol.submit")
    await press(chat, person(chat.group, SECRETARY), "protocol.submit", submit["data"])
    late = await press(chat, person(chat.group, SECRETARY), "attendance_report.mark", data)
    assert (
        late["value"]
        == "Protokollet har redan lämnats för justering, så närvaron kan inte längre rättas här."
    )


async def test_the_report_is_read_once_and_the_meeting_found_once(
    chat: Conversation, graph: FakeGraph
) -> None:
    await the_report_card(chat, graph)
    reads = len(graph.calls(GET_ATTENDANCE_REPORT))

    await tick_at(chat, 2026, 12, 11, 12, 0)
    await tick_at(chat, 2026, 12, 12, 9, 0)

    assert len(graph.calls(GET_ATTENDANCE_REPORT)) == reads == 1
    assert len(graph.calls(LIST_ONLINE_MEETINGS)) == 1
    assert len([a for a in to_secretary(chat) if card_text(a).startswith(HEADING)]) == 1


async def test_a_report_not_there_yet_is_looked_for_again_and_shown_when_it_comes(
    chat: Conversation, graph: FakeGraph
) -> None:
    held = await held_meeting(chat)
    assert await tick_at(chat, 2026, 12, 10, 10, 15) == []  # the meeting ran over: no report yet

    graph.add_attendance_report(await event_of(chat, held.meeting_id), in_teams(chat, *IN_TEAMS))
    await tick_at(chat, 2026, 12, 10, 10, 30)
    assert to_secretary(chat) == []  # the next look is at 10:45
    await tick_at(chat, 2026, 12, 10, 10, 45)

    assert [card_text(a).split("\n")[0] for a in to_secretary(chat)] == [HEADING]
    assert len(graph.calls(LIST_ONLINE_MEETINGS)) == 1  # the meeting's id was kept
    assert len(graph.calls(LIST_ATTENDANCE_REPORTS)) == 2


async def test_without_the_permission_the_secretary_is_told_once_in_words_and_the_attendance_stands(
    chat: Conversation, graph: FakeGraph
) -> None:
    held = await held_meeting(chat)
    graph.add_attendance_report(await event_of(chat, held.meeting_id), in_teams(chat, *IN_TEAMS))
    graph.fail_next(LIST_ATTENDANCE_REPORTS, 403)

    await tick_at(chat, 2026, 12, 11, 9, 0)
    await tick_at(chat, 2026, 12, 11, 12, 0)
    await tick_at(chat, 2026, 12, 12, 9, 0)

    [told] = [card_text(a) for a in to_secretary(chat)]
    assert told.startswith(
        "Jag kunde inte läsa Teams närvarorapport för mötet torsdag 10 december 2026: "
        "boten saknar behörighet i Microsoft Graph."
    )
    assert "OnlineMeetings.Read.All och OnlineMeetingArtifact.Read.All" in told
    assert told.endswith("Närvaron i boten gäller som den är.")
    assert len(graph.calls(LIST_ATTENDANCE_REPORTS)) == 1  # not asked again
    assert "Närvarande\n6\nFrånvarande\n17" in card_text(await secretary_card(chat, "protokoll 2026-12-10"))


async def test_a_meeting_without_a_report_is_told_once_after_the_last_look(
    chat: Conversation, graph: FakeGraph
) -> None:
    await held_meeting(chat)
    for moment in ((10, 15), (10, 45), (12, 0), (16, 0)):
        await tick_at(chat, 2026, 12, 10, *moment)
    assert to_secretary(chat) == []

    await tick_at(chat, 2026, 12, 11, 10, 0)
    await tick_at(chat, 2026, 12, 12, 10, 0)

    told, *others = [card_text(a) for a in to_secretary(chat)]
    assert [o.split(",")[0] for o in others] == [  # the transcript and the recording were looked for too
        "Teams har ingen transkription av mötet torsdag 10 december 2026",
        "Jag hittade ingen inspelning av mötet torsdag 10 december 2026 i gruppbrevlådans OneDrive. "
        "Finns den någon annanstans skriver du inspelning och länken till den (Kopiera länk i Teams).",
    ]
    assert told == (
        "Teams har ingen närvarorapport för mötet torsdag 10 december 2026, så jag kan inte jämföra "
        "närvaron med den. Närvaron i boten gäller som den är."
    )
    assert len(graph.calls(LIST_ATTENDANCE_REPORTS)) == 5


async def test_a_local_run_without_a_tenant_shows_the_sample_report(
    group: Group, sqlite_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    async with protocol_bot(group, sqlite_url, clock, tmp_path / "var", None) as chat:  # no Graph
        await held_meeting(chat)
        posted = await tick_at(chat, 2026, 12, 11, 9, 0)

    [card] = [p for p in posted if p.startswith(HEADING)]
    assert "Teams närvarorapport (7 deltagare, kl. 08:25–10:02)" in card
    assert (
        "**Moa Bäckström** (ersättare, Hudiksvall) var med i Teams-mötet i 89 minuter men checkade inte in. "
        "Ulrika Wenn var inte med, så ersättaren blir tjänstgörande för Hudiksvall."
    ) in card
    assert "**Hanna Dahlkvist** (Älvdalen) checkade in men finns inte i Teams närvarorapport." in card
    assert "Även med i mötet, utanför gruppfilen: Per Ekström (Riksarkivet)." in card
