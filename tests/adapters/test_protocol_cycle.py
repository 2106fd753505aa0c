"""The scheduler's protocol work by time travel: the reminder, the recording warned about and deleted.

The recording is deleted through the fake Graph exactly once: not before its time, not
before the protocol is adjusted, and not again however often the scheduler looks.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.domain.group import Group
from tests.conftest import stockholm
from tests.support.clock import FixedClock
from tests.support.fake_graph import DELETE_ITEM, PERMANENT_DELETE, FakeGraph
from tests.support.harness import Conversation, card_text
from tests.support.meeting_day import CHAIR, SECRETARY
from tests.support.people import person
from tests.support.protocol import (
    ADJUSTER,
    DRIVE,
    adjust,
    held_meeting,
    posted_to,
    protocol_bot,
    register_recording,
    secretary_card,
    submit,
    tick,
)

LINK = "https://contoso.sharepoint.com/:v:/s/styrgrupp/EaBcInspelning"


@pytest.fixture
async def chat(
    group: Group, sqlite_url: str, clock: FixedClock, tmp_path: Path, graph: FakeGraph
) -> AsyncIterator[Conversation]:
    async with protocol_bot(group, sqlite_url, clock, tmp_path / "var", graph) as conversation:
        await conversation.say(person(group, CHAIR), "hjälp", where="personal")  # the chair has a chat too
        conversation.connector.sent.clear()
        yield conversation


async def tick_at(chat: Conversation, *moment: int) -> list[str]:
    chat.clock.set(stockholm(*moment))
    return await tick(chat)


async def at(chat: Conversation, *moment: int) -> list[str]:
    """What the scheduler posts about the protocol and the recording then (not the agenda cycle's posts)."""
    posted = await tick_at(chat, *moment)
    return [p for p in posted if p.startswith(("Inspelningen", "Justering av protokollet"))]


async def test_the_adjuster_is_reminded_three_days_before_the_deadline_once(chat: Conversation) -> None:
    await held_meeting(chat)
    await submit(chat, await secretary_card(chat))
    marika = f"a:personal-{person(chat.group, ADJUSTER).aad_id}"
    assert len(posted_to(chat, marika)) == 1  # the review card
    assert await at(chat, 2026, 12, 21, 9, 59) == []
    [reminder] = await at(chat, 2026, 12, 21, 10, 0)
    assert "Påminnelse: protokollet ska vara justerat senast torsdag 24 december 2026 kl. 10:00." in reminder
    assert "Justera" in reminder and len(posted_to(chat, marika)) == 2
    assert await at(chat, 2026, 12, 22, 10, 0) == []


async def test_a_protocol_nobody_began_brings_the_secretary_a_reminder(chat: Conversation) -> None:
    await held_meeting(chat)
    [reminder] = [p for p in await tick_at(chat, 2026, 12, 21, 10, 0) if p.startswith("Påminnelse")]
    assert reminder == (
        "Påminnelse: protokollet ska vara justerat senast torsdag 24 december 2026 kl. 10:00, "
        "men har inte lämnats för justering ännu."
    )
    assert not [p for p in await tick_at(chat, 2026, 12, 23, 10, 0) if p.startswith("Påminnelse")]


async def test_the_recording_is_warned_about_then_deleted_once_when_its_time_is_up(
    chat: Conversation, graph: FakeGraph
) -> None:
    held = await held_meeting(chat)
    graph.add_file(DRIVE, "01RECORDING", web_url=LINK)
    registered = await register_recording(chat, f"inspelning {LINK}")
    assert registered.startswith(
        "Inspelningen av mötet torsdag 10 december 2026 är registrerad: inspelning.mp4 (3 B). "
        "Den gallras onsdag 10 februari 2027 (två månader efter mötet); "
        "sekreteraren och ordföranden påminns onsdag 3 februari 2027."
    )
    await adjust(chat, held)
    await tick(chat)  # the protocol goes out

    assert await at(chat, 2027, 2, 3, 8, 29) == []
    warnings = await at(chat, 2027, 2, 3, 8, 30)
    assert len(warnings) == 2  # the secretary (in the channel) and the chair (in her chat)
    assert all(
        w == "Inspelningen av mötet torsdag 10 december 2026 gallras onsdag 10 februari 2027, "
        "två månader efter mötet enligt styrgruppens formalia. Protokollet är justerat."
        for w in warnings
    )
    assert await at(chat, 2027, 2, 9, 8, 30) == []

    await at(chat, 2027, 2, 10, 8, 29)
    assert graph.calls(PERMANENT_DELETE) == []  # not a minute early
    await at(chat, 2027, 2, 10, 8, 30)
    assert len(graph.calls(PERMANENT_DELETE)) == 1 and graph.calls(DELETE_ITEM) == []
    assert (DRIVE, "01RECORDING") not in graph.files
    for later in ((2027, 2, 10, 9, 0), (2027, 3, 10, 8, 30), (2028, 2, 10, 8, 30)):
        await at(chat, *later)
    assert len(graph.calls(PERMANENT_DELETE)) == 1  # once

    log = await chat.say(person(chat.group, "Anna Karlsson"), "gallringslogg")
    assert log.startswith(
        "**Gallringslogg**\n\n- Mötet torsdag 10 december 2026: inspelning.mp4 (3 B) – gallrad onsdag "
        "10 februari 2027 kl. 08:30 (raderad permanent), enligt regeln att inspelningen sparas 2 månader "
        "efter mötet (gallringsdag onsdag 10 februari 2027); gallringsbeslut: "
    )
    graph.add_file(DRIVE, "01OTHER", web_url=f"{LINK}2")
    replaced = await chat.say(person(chat.group, SECRETARY), f"inspelning 2026-12-10 {LINK}2")
    assert replaced.startswith("Mötets inspelning är redan gallrad")


async def test_the_recording_waits_for_the_adjustment_and_the_chair_is_told_once(
    chat: Conversation, graph: FakeGraph
) -> None:
    held = await held_meeting(chat)
    graph.add_file(DRIVE, "01RECORDING")
    await register_recording(chat, f"inspelning {DRIVE} 01RECORDING")
    chair_chat = f"a:personal-{person(chat.group, CHAIR).aad_id}"

    [held_back] = await at(chat, 2027, 2, 10, 8, 30)  # found late: no warning, straight to the due date
    assert held_back == (
        "Inspelningen av mötet torsdag 10 december 2026 skulle ha gallrats onsdag 10 februari 2027, men "
        "protokollet är inte justerat. Den sparas tills protokollet är justerat och gallras då."
    )
    told = [card_text(a) for a in posted_to(chat, chair_chat) if card_text(a).startswith("Inspelningen")]
    assert told == [held_back]  # in the chair's own chat
    assert await at(chat, 2027, 2, 12, 8, 30) == [] and graph.calls(PERMANENT_DELETE) == []

    await adjust(chat, held)
    await at(chat, 2027, 2, 15, 9, 0)
    assert len(graph.calls(PERMANENT_DELETE)) == 1 and graph.files.get((DRIVE, "01RECORDING")) is None
    log = await chat.say(person(chat.group, CHAIR), "gallringslogg")
    assert "inspelning.mp4 (3 B) – gallrad måndag 15 februari 2027 kl. 09:00 (raderad permanent)" in log
    assert "(gallringsdag onsdag 10 februari 2027)" in log


async def test_only_the_secretary_registers_the_recording(chat: Conversation) -> None:
    await held_meeting(chat)
    refused = await chat.say(person(chat.group, "Minna Snabb"), f"inspelning {LINK}")
    assert refused == "Det får bara sekreterare göra."
    assert (await chat.say(person(chat.group, SECRETARY), "inspelning ftp://x")).startswith(
        "Länken förstod jag inte."
    )
    assert (await chat.say(person(chat.group, SECRETARY), "inspelning")).startswith(
        "Ingen inspelning är registrerad"
    )
