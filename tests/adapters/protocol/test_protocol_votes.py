"""No open vote in the protocol: submission waits for the votes to close, and the record says how they did.

A vote the bot closed when the meeting day ended says so in the review card, the PDF and the
public page, with the ballots as cast; a tie the chair left without a casting vote is recorded
as no decision. Through real HTTP, the fake Graph for mail and files, on SQLite and PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from aiohttp import ClientSession

from bot.domain.group import Group
from tests.support.fake_graph import FakeGraph
from tests.support.harness import Conversation, card_text
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
from tests.support.protocol import (
    ADJUSTER,
    DAY_AFTER,
    MEETING_TIME,
    QUESTION,
    attachment_of,
    mails,
    pdf_text,
    posted_to,
    secretary_card,
    submit,
    tick,
)

SECOND = "Ska vi byta mötesdag?"
PRESENT = (CHAIR, ADJUSTER, "Minna Snabb", "Anna Karlsson", "Hanna Dahlkvist")
DAY_ENDED = (
    "Mötesdagen tog slut medan omröstningen var öppen, så boten stängde den med rösterna som de var avgivna."
)
NO_DECISION = (
    "Lika röster mellan Ja, Nej, och ordföranden gav ingen utslagsröst: "
    "styrgruppen fattade inget beslut i frågan."
)


def submit_data(card: dict[str, Any]) -> dict[str, Any]:
    [button] = executes(card, "protocol.submit")
    return dict(button["data"])


async def left_open(chat: Conversation) -> tuple[int, int]:
    """At the meeting Avesta is appointed adjuster and two votes are left open: 2–1 for Ja, and 1–1.

    Returns the meeting's id and the first vote's; the clock is then the next morning."""
    group = chat.group
    chat.clock.set(MEETING_TIME)
    meeting = await meeting_at(chat, MEETING_TIME)
    await check_in(chat, meeting.id, person(group, SECRETARY))
    first, _ = await a_vote(chat, PRESENT)
    second, _ = await a_vote(chat, PRESENT, SECOND)
    confirm = {"meeting_id": meeting.id, "municipality": "Avesta"}
    await press(chat, person(group, CHAIR), "adjuster.confirm", confirm)
    for who, option in ((ADJUSTER, "yes"), ("Minna Snabb", "no"), ("Anna Karlsson", "yes")):
        await vote(chat, who, option, first)
    for who, option in ((ADJUSTER, "yes"), ("Minna Snabb", "no")):
        await vote(chat, who, option, second)
    await deliver(chat)
    chat.clock.set(DAY_AFTER)
    chat.connector.sent.clear()
    return meeting.id, first


async def test_the_protocol_cannot_be_submitted_while_a_vote_is_open(
    chat: Conversation, group: Group
) -> None:
    _, first = await left_open(chat)  # the scheduler has not looked since the day ended
    body = await press(
        chat, person(group, SECRETARY), "protocol.submit", submit_data(await secretary_card(chat))
    )
    assert body["value"] == (
        f"Omröstning 1, ”{QUESTION}”, är fortfarande öppen, och protokollet kan inte lämnas för justering "
        "med en öppen omröstning. Ordföranden eller sekreteraren stänger den med Stäng omröstningen på "
        "röstkortet i kanalen (annars gör boten det strax, eftersom mötesdagen är slut). "
        "Skriv sedan protokoll och lämna det igen."
    )
    await deliver(chat)
    assert posted_to(chat, f"a:personal-{person(group, ADJUSTER).aad_id}") == []  # nothing to review

    # The chair closes the first the morning after; the second is still open.
    closed = await press(chat, person(group, CHAIR), "vote.close", {"vote_id": first})
    assert f"Omröstning: {QUESTION}\nBeslut: Ja." in card_text(closed["value"])
    body = await press(
        chat, person(group, SECRETARY), "protocol.submit", submit_data(await secretary_card(chat))
    )
    assert str(body["value"]).startswith(f"Omröstning 2, ”{SECOND}”, är fortfarande öppen")

    await press(chat, person(group, SECRETARY), "vote.close", {"vote_id": first + 1})
    await submit(chat, await secretary_card(chat))
    [review] = posted_to(chat, f"a:personal-{person(group, ADJUSTER).aad_id}")
    shown = card_text(review)
    assert f"Omröstning: {QUESTION} Beslut: Ja." in shown and DAY_ENDED not in shown  # they closed it
    assert f"Omröstning: {SECOND} {NO_DECISION}" in shown


async def test_the_protocol_says_the_bot_closed_the_votes_at_the_end_of_the_meeting_day(
    chat: Conversation, group: Group, graph: FakeGraph
) -> None:
    meeting_id, _ = await left_open(chat)
    await tick(chat)  # the scheduler's first round after the day ended closes both
    draft_version = await submit(chat, await secretary_card(chat))
    [review] = posted_to(chat, f"a:personal-{person(group, ADJUSTER).aad_id}")
    shown = card_text(review)
    assert f"Omröstning: {QUESTION} {DAY_ENDED} Beslut: Ja.\nJa: Avesta, Mora\nNej: Bollnäs" in shown
    assert f"Omröstning: {SECOND} {DAY_ENDED} {NO_DECISION}" in shown

    data = {"meeting_id": meeting_id, "version": draft_version}
    approved = await press(chat, person(group, ADJUSTER), "protocol.approve", data)
    assert "Protokollet är nu justerat" in card_text(approved["value"])
    await tick(chat)
    [pdf] = {attachment_of(m) for m in mails(graph)}
    words = " ".join(pdf_text(pdf).split())
    assert f"{DAY_ENDED} Beslut: Ja. 3 röster avgivna" in words, words
    assert f"{DAY_ENDED} {NO_DECISION} 2 röster avgivna" in words, words
    base = chat.bot_url.removesuffix("/api/messages")
    async with ClientSession() as http, http.get(f"{base}/protokoll/2026-12-10") as response:
        page = " ".join((await response.text()).split())
    assert f"{DAY_ENDED} Beslut: Ja." in page and f"{DAY_ENDED} {NO_DECISION}" in page
