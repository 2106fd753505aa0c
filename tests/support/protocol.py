"""A held meeting to write a protocol about, and the bot with its mail and files on a fake Graph."""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from pypdf import PdfReader

from bot.app import CONTEXT, DELIVERY
from bot.domain.group import Group
from bot.graph import Delivery as Ports
from bot.graph.calendar import GraphCalendar
from bot.graph.client import connect_with
from bot.graph.files import GraphFiles
from bot.graph.local import IcsCalendar
from bot.graph.mail import GraphMailer
from bot.graph.meeting_artifacts import GraphMeetingArtifacts, GraphTranscripts
from bot.services.cycle import run_due
from tests.conftest import stockholm
from tests.support.clock import FixedClock
from tests.support.fake_graph import FAST_INLINE_RETRY, FakeGraph, FixedCredential
from tests.support.harness import Conversation, card_of, card_text, running_bot
from tests.support.meeting_day import (
    CHAIR,
    SECRETARY,
    a_vote,
    check_in,
    deliver,
    executes,
    meeting_at,
    press,
    vote,
)
from tests.support.people import person

MAILBOX = "styrgrupp@earkivmitt.se"
DRIVE = "b!team-drive"
MEETING_TIME = stockholm(2026, 12, 10, 8, 40)  # the meeting of 10 December 2026, 08:30–10:00
DAY_AFTER = stockholm(2026, 12, 11, 9, 0)
ADJUSTER = "Marika Lyman"  # Avesta: the rotation's first
QUESTION = "Ska vi ha en fysisk träff i mars?"
PDFAID = "{http://www.aiim.org/pdfa/ns/id/}"


@asynccontextmanager
async def protocol_bot(
    group: Group,
    database_url: str,
    clock: FixedClock,
    folder: Path,
    graph: FakeGraph | None,
    *,
    teams_meetings: bool = False,
    **settings: Any,
) -> AsyncIterator[Conversation]:
    """The bot with mail and files on the fake Graph, its outbox delivered by hand, the channel known.

    With `graph` None, mail and files go to the local stand-ins in `folder` (each mail an .eml).
    With `teams_meetings` the calendar is on the fake Graph too, and the meetings' attendance
    reports, transcripts and recordings are read there; otherwise the calendar is .ics files and
    none of them is read.
    """
    async with AsyncExitStack() as stack:
        ports = None
        if graph is not None:
            connection = await stack.enter_async_context(
                connect_with(FixedCredential(), graph.base_url, FAST_INLINE_RETRY)
            )
            client = connection.client
            artifacts = GraphMeetingArtifacts(client, MAILBOX) if teams_meetings else None
            ports = Ports(
                GraphCalendar(client, MAILBOX) if teams_meetings else IcsCalendar(folder / "calendar"),
                GraphMailer(client, MAILBOX),
                GraphFiles(client, DRIVE, MAILBOX),
                artifacts=artifacts,
                transcripts=GraphTranscripts(artifacts) if artifacts else None,
            )
        chat = await stack.enter_async_context(
            running_bot(
                group, database_url, clock, folder, outbox_worker=False, ports=ports, settings=settings
            )
        )
        await chat.say(person(group, SECRETARY), "hjälp")
        await chat.say(person(group, ADJUSTER), "hjälp", where="personal")  # the adjuster has a chat
        chat.connector.sent.clear()
        yield chat


@dataclass(frozen=True)
class HeldMeeting:
    meeting_id: int
    vote_id: int


async def held_meeting(chat: Conversation) -> HeldMeeting:
    """An item in time; at the meeting five municipalities, Avesta adjusts, one vote, one reservation."""
    group = chat.group
    await chat.say(person(group, ADJUSTER), "övrig fråga Budget för 2027\nFörslaget till budget för 2027.")
    chat.clock.set(MEETING_TIME)
    meeting = await meeting_at(chat, MEETING_TIME)
    await check_in(chat, meeting.id, person(group, SECRETARY))
    vote_id, _ = await a_vote(chat, (CHAIR, ADJUSTER, "Minna Snabb", "Anna Karlsson", "Hanna Dahlkvist"))
    confirm = {"meeting_id": meeting.id, "municipality": "Avesta"}
    await press(chat, person(group, CHAIR), "adjuster.confirm", confirm)
    for who, option in ((ADJUSTER, "yes"), ("Minna Snabb", "no"), ("Anna Karlsson", "yes")):
        await vote(chat, who, option, vote_id)
    await press(chat, person(group, CHAIR), "vote.close", {"vote_id": vote_id})
    reason = {"vote_id": vote_id, "reason": "Resorna blir för långa."}
    await press(chat, person(group, "Minna Snabb"), "vote.reserve", reason)
    await deliver(chat)
    chat.clock.set(DAY_AFTER)
    chat.connector.sent.clear()
    return HeldMeeting(meeting.id, vote_id)


async def adjust(chat: Conversation, held: HeldMeeting) -> None:
    """The secretary submits, the adjuster approves: adjusted (nothing delivered yet)."""
    version = await submit(chat, await secretary_card(chat, "protokoll 2026-12-10"))
    data = {"meeting_id": held.meeting_id, "version": version}
    body = await press(chat, person(chat.group, ADJUSTER), "protocol.approve", data)
    assert "Protokollet är nu justerat" in card_text(body["value"])


async def tick(chat: Conversation) -> list[str]:
    """One scheduler round and everything it caused delivered; the texts posted proactively."""
    await run_due(chat.app[CONTEXT])
    before = len(chat.connector.sent)
    while await chat.app[DELIVERY].deliver_due():
        pass
    return [card_text(s.activity) for s in chat.connector.sent[before:]]


async def secretary_card(chat: Conversation, text: str = "protokoll") -> dict[str, Any]:
    """The secretary's card: typed in the channel, where the draft is shown to her alone by a button."""
    return await shown_alone(
        chat, SECRETARY, card_of(await chat.say_for_reply(person(chat.group, SECRETARY), text))
    )


async def shown_alone(chat: Conversation, who: str, card: dict[str, Any]) -> dict[str, Any]:
    """What `who` sees on pressing Visa protokollet on a card in the channel (else the card itself)."""
    shows = executes(card, "protocol.show")
    if not shows:
        return card
    return dict((await press(chat, person(chat.group, who), "protocol.show", shows[0]["data"]))["value"])


async def register_recording(chat: Conversation, text: str) -> str:
    """The secretary's `inspelning …` and her press of the confirmation card's button; the answer."""
    secretary = person(chat.group, SECRETARY)
    [button] = executes(card_of(await chat.say_for_reply(secretary, text)), "recording.confirm")
    body = await press(chat, secretary, "recording.confirm", button["data"])
    return card_text(body["value"]) if isinstance(body["value"], dict) else str(body["value"])


def version_of(card: dict[str, Any]) -> str:
    [submit] = executes(card, "protocol.submit")
    return str(submit["data"]["version"])


async def submit(chat: Conversation, card: dict[str, Any]) -> str:
    """The secretary presses Lämna för justering on `card`; the review cards go out. Returns the version."""
    [button] = executes(card, "protocol.submit")
    body = await press(chat, person(chat.group, SECRETARY), "protocol.submit", button["data"])
    assert "Lämnat för justering" in card_text(body["value"]), body
    await deliver(chat)
    return str(button["data"]["version"])


def posted_to(chat: Conversation, conversation_id: str) -> list[dict[str, Any]]:
    """The bot's own posts (not replies) to one conversation, in order."""
    return [
        s.activity
        for s in chat.connector.sent
        if s.method == "POST" and s.conversation_id == conversation_id and not s.activity.get("replyToId")
    ]


def mails(graph: FakeGraph) -> list[dict[str, Any]]:
    return [message for _, message in graph.mails]


def attachment_of(mail: dict[str, Any]) -> bytes:
    [attachment] = mail["attachments"]
    assert attachment["contentType"] == "application/pdf"
    return base64.b64decode(attachment["contentBytes"])


def pdf_a_declaration(pdf: bytes) -> tuple[str, str]:
    """(part, conformance) as the PDF's XMP metadata declares them."""
    reader = PdfReader(BytesIO(pdf))
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    root = ElementTree.fromstring(xmp.split(b"?>", 1)[1].rsplit(b"<?xpacket", 1)[0])
    found: dict[str, str] = {}
    for element in root.iter():
        for name in ("part", "conformance"):
            value = element.get(f"{PDFAID}{name}") or (
                element.text if element.tag == f"{PDFAID}{name}" else None
            )
            if value:
                found[name] = value.strip()
    return found["part"], found["conformance"]


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
