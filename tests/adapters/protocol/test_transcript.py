"""The transcript beside the draft, through the bot's HTTP path on both databases.

The meeting is kept with Mötets gång; the transcript is the local stand-in's file
(`BOT_LOCAL_FOLDER/transcripts/2026-12-10.vtt`), read by the secretary's `transkription`.
Its excerpts are under the paragraphs of her draft card alone, never in anything else the
bot sends, renders or publishes, and go when the recording is deleted.
"""

from __future__ import annotations

import email
import email.policy
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import CONTEXT
from bot.domain.group import Group
from bot.services.transcript import draft_transcript
from tests.adapters.test_protocol_cycle import at
from tests.conftest import stockholm
from tests.support.clock import FixedClock
from tests.support.harness import Conversation, card_of, card_text
from tests.support.meeting_day import CHAIR, SECRETARY, a_vote, check_in, deliver, executes, press, vote
from tests.support.people import person
from tests.support.protocol import (
    ADJUSTER,
    DAY_AFTER,
    MEETING_TIME,
    QUESTION,
    pdf_text,
    protocol_bot,
    register_recording,
    secretary_card,
    submit,
)

# What was said, minutes after the start of the recording (08:40, when the meeting was started).
SAID = (
    ("00:00:10.000", CHAIR, "Välkomna till mötet, jag öppnar det."),
    ("00:02:30.000", ADJUSTER, "Avesta kan justera protokollet."),
    ("00:06:00.000", SECRETARY, "Budgeten bygger på samma avgift som i år."),
    ("00:11:00.000", "Minna Snabb", "Bollnäs röstar nej av kostnadsskäl."),
    ("00:21:00.000", CHAIR, "Tack för i dag, mötet är avslutat."),
)
SENTENCES = [text for _, _, text in SAID]


def vtt() -> str:
    cues = [
        f"{n}-0\n{start} --> {start[:-3]}900\n<v {who}>{text}</v>"
        for n, (start, who, text) in enumerate(SAID)
    ]
    return "WEBVTT\n\n" + "\n\n".join(cues) + "\n"


@pytest.fixture
async def chat(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path
) -> AsyncIterator[Conversation]:
    """The bot without a tenant: mail, files and transcripts in the local folder."""
    async with protocol_bot(group, database_url, clock, tmp_path / "var", None) as conversation:
        await conversation.say(person(group, SECRETARY), "hjälp", where="personal")  # she has a chat
        conversation.connector.sent.clear()
        yield conversation


async def nasta_punkt(chat: Conversation, card: dict[str, Any], hour: int, minute: int) -> dict[str, Any]:
    chat.clock.set(stockholm(2026, 12, 10, hour, minute))
    [button] = executes(card, "meeting.next_point")
    return dict((await press(chat, person(chat.group, CHAIR), "meeting.next_point", button["data"]))["value"])


async def kept_meeting(chat: Conversation) -> int:
    """The meeting of 10 December kept with Mötets gång: §2 at 08:42, §3 at 08:45, a vote 08:50–08:55,
    the closing at 09:00."""
    group = chat.group
    chat.clock.set(stockholm(2026, 11, 27, 10, 0))
    await chat.say(person(group, ADJUSTER), "övrig fråga Budget för 2027\nFörslaget till budget för 2027.")
    chat.clock.set(MEETING_TIME)
    card = card_of(await chat.say_for_reply(person(group, CHAIR), "starta möte"))
    meeting_id = int(executes(card, "meeting.next_point")[0]["data"]["meeting_id"])
    present = (CHAIR, ADJUSTER, "Minna Snabb", "Anna Karlsson")
    await check_in(chat, meeting_id, *(person(group, name) for name in present))
    card = await nasta_punkt(chat, card, 8, 42)
    await press(
        chat, person(group, CHAIR), "adjuster.confirm", {"meeting_id": meeting_id, "municipality": "Avesta"}
    )
    card = await nasta_punkt(chat, card, 8, 45)
    chat.clock.set(stockholm(2026, 12, 10, 8, 50))
    vote_id, _ = await a_vote(chat, present)
    for who, option in ((ADJUSTER, "yes"), ("Minna Snabb", "no"), ("Anna Karlsson", "yes")):
        await vote(chat, who, option, vote_id)
    chat.clock.set(stockholm(2026, 12, 10, 8, 55))
    await press(chat, person(group, CHAIR), "vote.close", {"vote_id": vote_id})
    await nasta_punkt(chat, card, 9, 0)
    await deliver(chat)
    return meeting_id


def write_transcript(chat: Conversation, folder: Path) -> None:
    (folder / "transcripts").mkdir(parents=True, exist_ok=True)
    (folder / "transcripts" / "2026-12-10.vtt").write_text(vtt(), encoding="utf-8")


def paragraph_transcripts(card: dict[str, Any]) -> dict[str, list[str]]:
    """Each paragraph's heading → the lines of its hidden "Ur transkriptionen" section."""
    found: dict[str, list[str]] = {}
    for block in card["body"]:
        if block["type"] != "Container" or not block.get("separator"):
            continue
        title = block["items"][0]["text"]
        [hidden] = [i for i in block["items"] if i.get("id", "").startswith("transcript-")] or [None]
        if hidden is None:
            found[title] = []
            continue
        toggles = [a for s in block["items"] if s["type"] == "ActionSet" for a in s["actions"]]
        assert {"type": "Action.ToggleVisibility", "title": "Ur transkriptionen",
                "targetElements": [hidden["id"]]} in toggles  # fmt: skip
        assert hidden["isVisible"] is False  # collapsed until she opens it
        found[title] = [line["text"] for line in hidden["items"]]
    return found


async def test_the_secretarys_draft_has_each_paragraphs_excerpt_and_nothing_else_has_any(
    chat: Conversation, tmp_path: Path
) -> None:
    folder = tmp_path / "var"
    meeting_id = await kept_meeting(chat)
    recording = folder / "files" / "Inspelningar" / "möte.mp4"
    recording.parent.mkdir(parents=True)
    recording.write_bytes(b"mp4")
    os.utime(recording, (MEETING_TIME.timestamp(), MEETING_TIME.timestamp()))
    chat.clock.set(DAY_AFTER)
    secretary = person(chat.group, SECRETARY)
    # Without a file of its own the local stand-in reads the sample transcript, as it serves the
    # sample attendance report.
    assert (await chat.say(secretary, "transkription")).startswith(
        "Transkriptionen av mötet torsdag 10 december 2026 är inläst: 6 repliker under 5 punkter."
    )
    write_transcript(chat, folder)
    assert (await chat.say(secretary, "transkription")).startswith(
        "Transkriptionen av mötet torsdag 10 december 2026 är inläst: 5 repliker under 5 punkter."
    )
    card = await secretary_card(chat)
    assert paragraph_transcripts(card) == {
        "§1 Mötets öppnande": [f"08:40 {CHAIR}: {SENTENCES[0]}"],
        "§2 Utse justerare": [f"08:42 {ADJUSTER}: {SENTENCES[1]}"],
        "§3 Budget för 2027": [f"08:46 {SECRETARY}: {SENTENCES[2]}"],
        f"§4 {QUESTION}": [f"08:51 Minna Snabb: {SENTENCES[3]}"],
        "§5 Mötets avslutande": [f"09:01 {CHAIR}: {SENTENCES[4]}"],
    }
    # The chair and the adjuster read the draft, but the excerpts are the secretary's alone.
    ctx = chat.app[CONTEXT]
    for who in (CHAIR, ADJUSTER):
        assert await draft_transcript(ctx, person(chat.group, who).aad_id, meeting_id) is None

    export = card_of(await chat.say_for_reply(secretary, "protokoll export", where="personal"))
    assert "§5 Mötets avslutande" in card_text(export)

    await register_recording(chat, f"inspelning {recording.as_uri()}")
    version = await submit(chat, card)
    approval = {"meeting_id": meeting_id, "version": version}
    review = await press(chat, person(chat.group, ADJUSTER), "protocol.approve", approval)
    await at(chat, 2026, 12, 28, 9, 0)  # the PDF, the mails and the pages go out

    base = chat.bot_url.removesuffix("/api/messages")
    async with chat.http.get(f"{base}/protokoll/2026-12-10") as page:
        html = await page.text()
    async with chat.http.get(f"{base}/protokoll/2026-12-10.pdf") as pdf:
        rendered = pdf_text(await pdf.read())
    mails = [
        part.get_content()
        for path in sorted((folder / "mail").glob("*.eml"))
        for part in email.message_from_bytes(path.read_bytes(), policy=email.policy.default).walk()
        if part.get_content_maintype() == "text"
    ]
    sent = [card_text(s.activity) for s in chat.connector.sent]
    assert "Budget för 2027" in html and "Budget för 2027" in rendered and mails and sent
    assert "Protokollet är nu justerat" in card_text(review["value"]), review
    everything = [card_text(export), card_text(review["value"]), html, rendered, *mails, *sent]
    for sentence in SENTENCES:
        assert not any(sentence in text for text in everything), sentence

    await at(chat, 2027, 2, 10, 8, 30)  # the recording is deleted, and the excerpts with it
    assert not recording.exists()
    async with ctx.uow() as uow:
        assert await uow.transcripts.excerpts(meeting_id) == ()
    assert (await chat.say(secretary, "transkription 2026-12-10")).startswith(
        "Mötets inspelning är raderad, och med den transkriptionen"
    )


async def test_only_the_secretary_reads_a_transcript_and_a_broken_one_is_refused_by_line(
    chat: Conversation, tmp_path: Path
) -> None:
    await kept_meeting(chat)
    chat.clock.set(DAY_AFTER)
    (tmp_path / "var" / "transcripts").mkdir(parents=True)
    path = tmp_path / "var" / "transcripts" / "2026-12-10.vtt"
    path.write_text("WEBVTT\n\n00:01 --> 00:02.000\n<v A>x</v>\n", encoding="utf-8")
    assert await chat.say(person(chat.group, CHAIR), "transkription") == "Det får bara sekreterare göra."
    assert await chat.say(person(chat.group, SECRETARY), "transkription") == (
        "Transkriptionens rad 3 har tider som inte går att läsa."
    )


async def test_without_a_registered_recording_the_excerpts_go_when_the_recording_would_have(
    chat: Conversation, tmp_path: Path
) -> None:
    meeting_id = await kept_meeting(chat)
    chat.clock.set(DAY_AFTER)
    write_transcript(chat, tmp_path / "var")
    assert (await chat.say(person(chat.group, SECRETARY), "transkription")).startswith(
        "Transkriptionen av mötet torsdag 10 december 2026 är inläst"
    )
    card = await secretary_card(chat)
    version = await submit(chat, card)
    await press(
        chat, person(chat.group, ADJUSTER), "protocol.approve", {"meeting_id": meeting_id, "version": version}
    )
    ctx = chat.app[CONTEXT]

    async def excerpts() -> int:
        async with ctx.uow() as uow:
            return sum(len(e.cues) for e in await uow.transcripts.excerpts(meeting_id))

    await at(chat, 2027, 2, 9, 8, 30)  # the day before the recording's date: kept
    assert await excerpts() == len(SAID)
    await at(chat, 2027, 2, 10, 8, 30)  # no recording was registered, and the excerpts go all the same
    assert await excerpts() == 0
