"""The Teams meeting's transcript and recording, looked for by the bot after the meeting, through
the bot's HTTP path and the real msgraph-sdk on the fake Graph.

The transcript is read into the secretary's draft, and she is told so in words; the recording's
file is found in the group mailbox's OneDrive and shown on the card `inspelning` shows, which she
confirms under the same rules. Without permission she is told once, and carries on by hand.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import CONTEXT
from bot.domain.group import Group
from tests.adapters.protocol.test_card_rights import tick_at
from tests.adapters.test_attendance_report import event_of, to_secretary
from tests.support.clock import FixedClock
from tests.support.fake_graph import (
    LIST_RECORDINGS,
    LIST_TRANSCRIPTS,
    TRANSCRIPT_CONTENT,
    FakeGraph,
)
from tests.support.harness import Conversation, card_of, card_text
from tests.support.meeting_day import CHAIR, SECRETARY, executes, press
from tests.support.people import person
from tests.support.protocol import MAILBOX, held_meeting, protocol_bot, secretary_card

ONEDRIVE = "b!mailbox-onedrive"
DAY = "torsdag 10 december 2026"
# Counted from the transcript's createdDateTime, 08:40 in Stockholm, when the meeting was started.
VTT = (
    "WEBVTT\n\n"
    "0-0\n00:00:10.000 --> 00:00:14.900\n<v Malin Karhu Birgersson>Välkomna, jag öppnar mötet.</v>\n\n"
    "1-0\n00:06:00.000 --> 00:06:05.900\n<v Joanna Karabay>Budgeten bygger på samma avgift som i år.</v>\n"
)


@pytest.fixture
async def chat(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path, graph: FakeGraph
) -> AsyncIterator[Conversation]:
    graph.user_drives[MAILBOX] = ONEDRIVE
    async with protocol_bot(group, database_url, clock, tmp_path / "var", graph, teams_meetings=True) as chat:
        await chat.say(person(group, SECRETARY), "hjälp", where="personal")  # the secretary has a chat
        chat.connector.sent.clear()
        yield chat


def told(chat: Conversation, start: str) -> list[str]:
    return [card_text(a) for a in to_secretary(chat) if card_text(a).startswith(start)]


async def test_the_transcript_is_read_after_the_meeting_into_the_secretarys_draft_and_she_is_told(
    chat: Conversation, graph: FakeGraph
) -> None:
    held = await held_meeting(chat)
    graph.add_transcript(await event_of(chat, held.meeting_id), VTT, created="2026-12-10T07:40:00.5000000Z")

    await tick_at(chat, 2026, 12, 10, 10, 15)

    [message] = told(chat, "Transkriptionen av mötet")
    assert message.startswith(f"Transkriptionen av mötet {DAY} är inläst: 2 repliker under")
    assert message.endswith("Skriv transkription om du vill läsa in den igen.")
    [content] = graph.calls(TRANSCRIPT_CONTENT)
    assert "text/vtt" in content.headers["Accept"]
    draft = card_text(await secretary_card(chat, "protokoll 2026-12-10"))
    assert "Välkomna, jag öppnar mötet." in draft
    assert "Budgeten bygger på samma avgift som i år." in draft

    await tick_at(chat, 2026, 12, 10, 10, 45)
    await tick_at(chat, 2026, 12, 11, 10, 0)
    assert len(graph.calls(LIST_TRANSCRIPTS)) == 1  # read once
    assert len(told(chat, "Transkriptionen av mötet")) == 1


async def test_without_the_transcripts_permission_the_secretary_is_told_once_in_words(
    chat: Conversation, graph: FakeGraph
) -> None:
    held = await held_meeting(chat)
    graph.add_transcript(await event_of(chat, held.meeting_id), VTT)
    graph.fail_next(LIST_TRANSCRIPTS, 403)

    for moment in ((10, 10, 15), (10, 10, 45), (11, 9, 0), (12, 9, 0)):
        await tick_at(chat, 2026, 12, *moment)

    [message] = told(chat, "Jag kunde inte läsa mötets transkription")
    assert message == (
        f"Jag kunde inte läsa mötets transkription ({DAY}): boten saknar behörighet i Microsoft Graph. "
        "It-avdelningen behöver ge appen OnlineMeetingTranscript.Read.All och en programåtkomstprincip "
        "i Teams för gruppens brevlåda. Protokollutkastet fungerar som vanligt, utan utdrag."
    )
    assert len(graph.calls(LIST_TRANSCRIPTS)) == 1  # not asked again
    assert "Budgeten bygger" not in card_text(await secretary_card(chat, "protokoll 2026-12-10"))


async def recording_card(chat: Conversation, graph: FakeGraph) -> tuple[int, dict[str, Any]]:
    held = await held_meeting(chat)
    event_id = await event_of(chat, held.meeting_id)
    subject = graph.online_meeting_of(event_id).subject
    graph.add_recording(event_id)
    # Another meeting's recording, and the meeting's own, as Teams names them in the Recordings folder.
    graph.add_file(
        ONEDRIVE, "01OTHER", "Annat möte-20261210_083000-Meeting Recording.mp4", parent="Recordings"
    )
    name = f"{subject.replace(':', '')}-20261210_084003-Mötesinspelning.mp4"  # no colon in a file name
    graph.add_file(
        ONEDRIVE, "01REC", name, parent="Recordings", size=412_300_000, created="2026-12-10T09:03:11Z"
    )

    await tick_at(chat, 2026, 12, 10, 10, 15)

    [found] = [a for a in to_secretary(chat) if card_text(a).startswith("Jag hittade inspelningen")]
    return held.meeting_id, card_of(found)


async def test_the_recording_is_found_shown_on_the_confirmation_card_and_registered_when_confirmed(
    chat: Conversation, graph: FakeGraph
) -> None:
    meeting_id, card = await recording_card(chat, graph)

    shown = card_text(card)
    assert shown.startswith(f"Jag hittade inspelningen av mötet {DAY}. Är det den här?")
    assert "-20261210_084003-Mötesinspelning.mp4" in shown and "412,3 MB" in shown
    [button] = executes(card, "recording.confirm")
    assert button["title"] == "Ja, registrera inspelningen"
    assert (button["data"]["drive_id"], button["data"]["item_id"]) == (ONEDRIVE, "01REC")
    assert len(graph.calls(LIST_RECORDINGS)) == 1

    body = await press(chat, person(chat.group, SECRETARY), "recording.confirm", button["data"])

    assert card_text(body["value"]).startswith(f"Inspelningen av mötet {DAY} är registrerad:")
    async with chat.app[CONTEXT].uow() as uow:
        recording = await uow.recordings.get(meeting_id)
    assert recording is not None and (recording.drive_id, recording.item_id) == (ONEDRIVE, "01REC")
    await tick_at(chat, 2026, 12, 11, 10, 0)
    assert len(graph.calls(LIST_RECORDINGS)) == 1  # settled: not looked for again


async def test_only_the_secretary_confirms_the_recording_found(chat: Conversation, graph: FakeGraph) -> None:
    meeting_id, card = await recording_card(chat, graph)
    [button] = executes(card, "recording.confirm")

    refused = await press(chat, person(chat.group, CHAIR), "recording.confirm", button["data"])

    assert refused["value"] == "Det får bara sekreterare göra."
    async with chat.app[CONTEXT].uow() as uow:
        assert await uow.recordings.get(meeting_id) is None


async def test_without_the_recordings_permission_the_secretary_is_told_once_to_register_it_herself(
    chat: Conversation, graph: FakeGraph
) -> None:
    held = await held_meeting(chat)
    graph.add_recording(await event_of(chat, held.meeting_id))
    graph.fail_next(LIST_RECORDINGS, 403)

    for moment in ((10, 10, 15), (11, 9, 0), (12, 9, 0)):
        await tick_at(chat, 2026, 12, *moment)

    [message] = told(chat, "Jag kunde inte se mötets inspelningar")
    assert "OnlineMeetingRecording.Read.All" in message
    assert message.endswith("Skriv inspelning och länken till inspelningen (Kopiera länk i Teams).")
    assert len(graph.calls(LIST_RECORDINGS)) == 1


async def test_a_local_run_without_a_tenant_finds_the_sample_recording_and_registers_it_when_confirmed(
    group: Group, sqlite_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    folder = tmp_path / "var"
    async with protocol_bot(group, sqlite_url, clock, folder, None) as chat:  # no Graph
        await chat.say(person(group, SECRETARY), "hjälp", where="personal")
        held = await held_meeting(chat)
        await tick_at(chat, 2026, 12, 10, 10, 15)
        [found] = [a for a in to_secretary(chat) if card_text(a).startswith("Jag hittade inspelningen")]
        [button] = executes(card_of(found), "recording.confirm")
        [placed] = (folder / "files" / "Recordings").iterdir()  # as Teams saves it in the OneDrive
        subject = "Styrgruppen E-arkiv Mitt möte torsdag 10 december 2026"  # the event's, without its colon
        assert placed.name == f"{subject}-20261210_073000-Mötesinspelning.mp4"
        assert subject in card_text(found)

        body = await press(chat, person(group, SECRETARY), "recording.confirm", button["data"])

        assert card_text(body["value"]).startswith(
            "Inspelningen av mötet torsdag 10 december 2026 är registrerad:"
        )
        async with chat.app[CONTEXT].uow() as uow:
            recording = await uow.recordings.get(held.meeting_id)
        assert recording is not None
        assert (recording.drive_id, recording.item_id) == ("local", f"Recordings/{placed.name}")
