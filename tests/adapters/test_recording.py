"""Only a recording is ever deleted, and the log tells the truth: through the bot's HTTP path, both databases.

The secretary's `inspelning` is looked up in the fake Graph by the real msgraph-sdk; what is not
a video file of the meeting in the group mailbox's OneDrive or the team's drive is refused at
once. At deletion the file must still carry the eTag she confirmed.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert

from bot.app import ENGINE
from bot.domain.group import Group
from bot.storage.tables import recordings
from tests.adapters.test_protocol_cycle import adjust, at
from tests.support.clock import FixedClock
from tests.support.fake_graph import DELETE_ITEM, PERMANENT_DELETE, RESOLVE_SHARE, FakeGraph
from tests.support.harness import Conversation, card_of, card_text, running_bot
from tests.support.meeting_day import CHAIR, SECRETARY, deliver, executes, press
from tests.support.people import person
from tests.support.protocol import (
    DAY_AFTER,
    DRIVE,
    MAILBOX,
    MEETING_TIME,
    held_meeting,
    posted_to,
    protocol_bot,
    register_recording,
)

LINK = "https://contoso.sharepoint.com/:v:/s/styrgrupp/EaBcInspelning"
NAME = "Styrgruppsmöte 20261210-Mötesinspelning.mp4"
DECISION = "Gallringsbeslut för styrgruppens mötesinspelningar, Avesta kommun, dnr KS 2023/0412"


@pytest.fixture
async def chat(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path, graph: FakeGraph
) -> AsyncIterator[Conversation]:
    async with protocol_bot(group, database_url, clock, tmp_path / "var", graph) as conversation:
        await conversation.say(person(group, CHAIR), "hjälp", where="personal")  # the chair has a chat
        conversation.connector.sent.clear()
        yield conversation


def the_recording(graph: FakeGraph, **kw: object) -> None:
    graph.add_file(DRIVE, "01RECORDING", NAME, web_url=LINK, size=412_345_678, **kw)  # type: ignore[arg-type]


async def test_the_secretary_sees_the_file_and_only_her_confirmation_registers_it(
    chat: Conversation, graph: FakeGraph
) -> None:
    await held_meeting(chat)
    the_recording(graph)
    secretary = person(chat.group, SECRETARY)

    card = card_of(await chat.say_for_reply(secretary, f"inspelning {LINK}"))

    shown = card_text(card)
    assert "Är det här inspelningen av mötet torsdag 10 december 2026?" in shown
    assert f"Fil\n{NAME}" in shown and "Storlek\n412,3 MB" in shown
    assert "Skapad\ntorsdag 10 december 2026 kl. 08:35" in shown
    assert (await chat.say(secretary, "inspelning")).startswith("Ingen inspelning är registrerad")
    [button] = executes(card, "recording.confirm")
    refused = await press(chat, person(chat.group, CHAIR), "recording.confirm", button["data"])
    assert refused["value"] == "Det får bara sekreterare göra."
    assert (await chat.say(secretary, "inspelning")).startswith("Ingen inspelning är registrerad")

    confirmed = await press(chat, secretary, "recording.confirm", button["data"])
    assert card_text(confirmed["value"]).startswith(
        f"Inspelningen av mötet torsdag 10 december 2026 är registrerad: {NAME} (412,3 MB). "
        "Den gallras onsdag 10 februari 2027"
    )


@pytest.mark.parametrize(
    ("file", "refusal"),
    [
        ({"folder": True}, f"”{NAME}” är inte en fil utan till exempel en mapp."),
        (
            {"content_type": "application/pdf"},
            f"”{NAME}” är ingen videofil, så det är inte mötets inspelning.",
        ),
        ({"drive_id": "b!someone-elses-onedrive"}, f"”{NAME}” ligger varken i mötesorganisatörens OneDrive"),
        (
            {"created": "2026-11-02T09:00:00Z"},
            f"”{NAME}” skapades måndag 2 november 2026 kl. 10:00, "
            "men mötet var torsdag 10 december 2026 kl. 08:30.",
        ),
        ({"web_url": f"{LINK}-another"}, "Jag hittar ingen fil på den länken."),
    ],
    ids=["folder", "not-a-video", "elsewhere", "made-before-the-meeting", "no-such-link"],
)
async def test_what_is_not_the_meetings_recording_is_refused_at_once_with_the_reason(
    chat: Conversation, graph: FakeGraph, file: dict[str, object], refusal: str
) -> None:
    await held_meeting(chat)
    given = {"web_url": LINK, "size": 9} | file  # a copy: each database's run gets the same case
    graph.add_file(str(given.pop("drive_id", DRIVE)), "01RECORDING", NAME, **given)  # type: ignore[arg-type]

    answer = await chat.say(person(chat.group, SECRETARY), f"inspelning {LINK}")

    assert answer.startswith(refusal), answer
    assert (await chat.say(person(chat.group, SECRETARY), "inspelning")).startswith("Ingen inspelning")


async def test_a_recording_in_the_group_mailboxs_onedrive_is_accepted(
    chat: Conversation, graph: FakeGraph
) -> None:
    await held_meeting(chat)
    graph.user_drives[MAILBOX] = "b!onedrive-of-the-group-mailbox"
    graph.add_file("b!onedrive-of-the-group-mailbox", "01MINE", NAME, web_url=LINK)

    registered = await register_recording(chat, f"inspelning {LINK}")

    assert registered.startswith(f"Inspelningen av mötet torsdag 10 december 2026 är registrerad: {NAME}")


async def test_a_file_changed_between_the_card_and_the_confirmation_is_not_registered(
    chat: Conversation, graph: FakeGraph
) -> None:
    await held_meeting(chat)
    the_recording(graph)
    secretary = person(chat.group, SECRETARY)
    [button] = executes(
        card_of(await chat.say_for_reply(secretary, f"inspelning {LINK}")), "recording.confirm"
    )
    graph.files[(DRIVE, "01RECORDING")].version += 1

    refused = await press(chat, secretary, "recording.confirm", button["data"])

    assert refused["value"].startswith(f"”{NAME}” har ändrats sedan jag visade den.")
    assert (await chat.say(secretary, "inspelning")).startswith("Ingen inspelning är registrerad")


async def _registered_and_adjusted(chat: Conversation, graph: FakeGraph) -> None:
    held = await held_meeting(chat)
    the_recording(graph)
    await register_recording(chat, f"inspelning {LINK}")
    await adjust(chat, held)
    await at(chat, 2026, 12, 28, 9, 0)  # the protocol goes out


async def test_the_recording_is_deleted_for_good_and_the_log_names_file_size_rule_and_decision(
    chat: Conversation, graph: FakeGraph
) -> None:
    await _registered_and_adjusted(chat, graph)
    confirmed = graph.files[(DRIVE, "01RECORDING")].etag

    assert await at(chat, 2027, 2, 10, 8, 30) == []  # nobody is told of a deletion that went as planned

    [delete] = graph.calls(PERMANENT_DELETE)
    assert delete.headers["If-Match"] == confirmed
    assert graph.calls(DELETE_ITEM) == [] and (DRIVE, "01RECORDING") not in graph.files
    log = await chat.say(person(chat.group, "Anna Karlsson"), "gallringslogg")
    assert log == (
        f"**Gallringslogg**\n\n- Mötet torsdag 10 december 2026: {NAME} (412,3 MB) – "
        "gallrad onsdag 10 februari 2027 kl. 08:30 (raderad permanent), enligt regeln att inspelningen "
        f"sparas 2 månader efter mötet (gallringsdag onsdag 10 februari 2027); gallringsbeslut: {DECISION}."
    )


async def test_a_file_changed_before_its_deletion_is_kept_and_the_secretary_and_the_chair_are_told(
    chat: Conversation, graph: FakeGraph
) -> None:
    await _registered_and_adjusted(chat, graph)
    graph.files[(DRIVE, "01RECORDING")].version += 1  # replaced under the same name, or edited

    told = await at(chat, 2027, 2, 10, 8, 30)

    assert graph.calls(PERMANENT_DELETE) == [] and (DRIVE, "01RECORDING") in graph.files
    changed = [t for t in told if t.startswith("Inspelningen av mötet torsdag 10 december 2026 (")]
    assert len(changed) == 2 and all("gallrades inte" in t and "ingenting raderades" in t for t in changed)
    chair_chat = f"a:personal-{person(chat.group, CHAIR).aad_id}"
    assert any("gallrades inte" in card_text(a) for a in posted_to(chat, chair_chat))
    log = await chat.say(person(chat.group, CHAIR), "gallringslogg")
    assert (
        "inte gallrad onsdag 10 februari 2027 kl. 08:30: filen hade ändrats" in log and "permanent" not in log
    )
    await at(chat, 2027, 2, 11, 8, 30)
    assert await at(chat, 2027, 2, 12, 9, 0) == [] and graph.calls(PERMANENT_DELETE) == []  # told once

    # The secretary checks the file and registers it again: that one is deleted, and logged on its own line.
    await register_recording(chat, f"inspelning 2026-12-10 {LINK}")
    await at(chat, 2027, 2, 12, 10, 0)
    assert len(graph.calls(PERMANENT_DELETE)) == 1 and (DRIVE, "01RECORDING") not in graph.files
    lines = (await chat.say(person(chat.group, CHAIR), "gallringslogg")).split("\n- ")[1:]
    assert len(lines) == 2 and "inte gallrad" in lines[0] and "(raderad permanent)" in lines[1]


async def test_a_file_already_gone_is_logged_as_not_found_never_as_deleted_and_the_secretary_told(
    chat: Conversation, graph: FakeGraph
) -> None:
    await _registered_and_adjusted(chat, graph)
    del graph.files[(DRIVE, "01RECORDING")]

    told = await at(chat, 2027, 2, 10, 8, 30)

    assert graph.calls(PERMANENT_DELETE) == []
    [not_found] = [t for t in told if t.startswith("Inspelningen av mötet torsdag 10 december 2026 (")]
    assert "filen finns inte längre" in not_found and "Boten raderade ingenting" in not_found
    log = await chat.say(person(chat.group, "Anna Karlsson"), "gallringslogg")
    assert "hittades inte onsdag 10 februari 2027 kl. 08:30; filen var redan borta" in log
    assert "gallrad " not in log
    status = await chat.say(person(chat.group, SECRETARY), "inspelning 2026-12-10")
    assert "filen finns inte längre" in status and "gallrades" not in status


@pytest.mark.parametrize(("content_type", "deleted"), [("video/mp4", True), ("application/pdf", False)])
async def test_a_recording_registered_before_the_checks_is_checked_when_it_is_deleted(
    chat: Conversation, graph: FakeGraph, content_type: str, deleted: bool
) -> None:
    held = await held_meeting(chat)
    the_recording(graph, content_type=content_type)
    await adjust(chat, held)
    async with chat.app[ENGINE].begin() as connection:  # a row as the bot wrote it before the checks
        row = {
            "link": LINK,
            "registered_by": person(chat.group, SECRETARY).aad_id,
            "registered_at": DAY_AFTER,
        }
        await connection.execute(insert(recordings).values(meeting_id=held.meeting_id, **row))
    current = graph.files[(DRIVE, "01RECORDING")].etag

    told = await at(chat, 2027, 2, 10, 8, 30)

    assert ((DRIVE, "01RECORDING") not in graph.files) is deleted
    assert [d.headers["If-Match"] for d in graph.calls(PERMANENT_DELETE)] == ([current] if deleted else [])
    log = await chat.say(person(chat.group, CHAIR), "gallringslogg")
    assert ("(raderad permanent)" in log) is deleted and ("inte gallrad" in log) is not deleted
    assert any("gallrades inte" in t for t in told) is not deleted


async def test_the_local_stand_in_checks_a_file_link_as_graph_would(
    group: Group, sqlite_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    files = tmp_path / "var" / "files" / "Inspelningar"
    files.mkdir(parents=True)
    (files / "möte.mp4").write_bytes(b"mp4")
    (files / "anteckningar.txt").write_text("inte en film", encoding="utf-8")
    async with running_bot(group, sqlite_url, clock, tmp_path / "var") as local:
        local.clock.set(DAY_AFTER)  # the meeting of 10 December (from the year plan) is the latest held
        os.utime(files / "möte.mp4", (MEETING_TIME.timestamp(), MEETING_TIME.timestamp()))
        secretary = person(group, SECRETARY)

        refused = await local.say(secretary, f"inspelning {(files / 'anteckningar.txt').as_uri()}")
        registered = await register_recording(local, f"inspelning {(files / 'möte.mp4').as_uri()}")

    assert refused.startswith("”anteckningar.txt” är ingen videofil")
    assert registered.startswith(
        "Inspelningen av mötet torsdag 10 december 2026 är registrerad: möte.mp4 (3 B)."
    )


@pytest.mark.parametrize(
    ("retry_fails", "settled"),
    [(False, "08:30"), (True, "09:30")],
    ids=["the-sdks-retry-finds-it-gone", "the-outboxs-next-delivery-finds-it-gone"],
)
async def test_a_deletion_whose_answer_was_lost_is_logged_as_deleted_not_as_not_found(
    chat: Conversation, graph: FakeGraph, retry_fails: bool, settled: str
) -> None:
    await _registered_and_adjusted(chat, graph)
    graph.lose_next_answer(PERMANENT_DELETE)  # Graph deleted it; the bot heard only a timeout
    if retry_fails:
        graph.fail_next(PERMANENT_DELETE, 504)

    told = await at(chat, 2027, 2, 10, 8, 30)
    chat.clock.set(chat.clock.now() + timedelta(hours=1))
    await deliver(chat)  # the outbox tries again, if it has to

    assert (DRIVE, "01RECORDING") not in graph.files and graph.calls(DELETE_ITEM) == []
    log = await chat.say(person(chat.group, "Anna Karlsson"), "gallringslogg")
    assert f"gallrad onsdag 10 februari 2027 kl. {settled} (raderad permanent)" in log, log
    assert "hittades inte" not in log
    assert not [t for t in told if "filen finns inte längre" in t]
    assert not [p for p in chat.connector.sent if "filen finns inte längre" in card_text(p.activity)]


@pytest.mark.parametrize(
    ("status", "answer"),
    [(403, "Jag kommer inte åt filen på den länken"), (503, "Jag kunde inte slå upp filen just nu")],
    ids=["refused", "out-of-reach"],
)
async def test_a_lookup_graph_refuses_or_cannot_answer_is_said_at_once_and_nothing_registered(
    chat: Conversation, graph: FakeGraph, status: int, answer: str
) -> None:
    await held_meeting(chat)
    the_recording(graph)
    graph.fail_next(RESOLVE_SHARE, status, times=2)  # the SDK's one retry too

    said = await chat.say(person(chat.group, SECRETARY), f"inspelning {LINK}")

    assert said.startswith(answer), said
    assert (await chat.say(person(chat.group, SECRETARY), "inspelning")).startswith("Ingen inspelning")
