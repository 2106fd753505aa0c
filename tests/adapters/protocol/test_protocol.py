"""The protocol through real HTTP: draft, a change asked for, a new version, adjusted, mailed and published.

The bot runs on loopback with the fake Bot Connector, its mail and files on the fake Graph;
the outbox is delivered by hand and the clock is set, so nothing waits.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from aiohttp import ClientSession

from bot.app import CONTEXT, DELIVERY
from bot.domain.group import Group, Person
from bot.graph.client import connect_with
from bot.graph.mail import GraphMailer
from bot.publication.outgoing import mail_composer
from bot.services.outbox import Delivery
from bot.services.ports.delivery import Mailer, MailMessage
from bot.services.publication import ProtocolMail, recipients
from tests.support.clock import FixedClock
from tests.support.connector import Sent
from tests.support.fake_graph import FAST_INLINE_RETRY, FakeGraph, FixedCredential, StoredFile
from tests.support.harness import Conversation, card_of, card_text
from tests.support.meeting_day import CHAIR, SECRETARY, check_in, deliver, executes, meeting_at, press
from tests.support.people import person
from tests.support.protocol import (
    ADJUSTER,
    DAY_AFTER,
    DRIVE,
    MAILBOX,
    MEETING_TIME,
    attachment_of,
    held_meeting,
    mails,
    pdf_a_declaration,
    pdf_text,
    posted_to,
    protocol_bot,
    secretary_card,
    shown_alone,
    submit,
    tick,
    version_of,
)

ATOM = "{http://www.w3.org/2005/Atom}"


async def get(chat: Conversation, path: str) -> tuple[int, str, bytes]:
    """A public page as a municipality's website would fetch it: status, content type, body."""
    base = chat.bot_url.removesuffix("/api/messages")
    async with ClientSession() as http, http.get(base + path, allow_redirects=False) as response:
        return response.status, response.content_type, await response.read()


async def review_cards(chat: Conversation, who: str) -> list[dict[str, Any]]:
    return [card_of(a) for a in posted_to(chat, f"a:personal-{person(chat.group, who).aad_id}")]


async def test_the_draft_is_made_from_the_meeting(chat: Conversation) -> None:
    await held_meeting(chat)
    shown = card_text(await secretary_card(chat))
    assert shown.startswith(
        "Protokoll – mötet torsdag 10 december 2026\n"
        "Utkast. Protokollet ska vara justerat senast torsdag 24 december 2026 kl. 10:00."
    )
    assert "Närvarande\n6\nFrånvarande\n17\nJusterare\nMarika Lyman\nOmröstningar\n1" in shown
    assert "\n".join([
        "§1 Mötets öppnande", "Malin Karhu Birgersson hälsade välkommen och öppnade mötet.", "Redigera",
        "§2 Utse justerare",
        "Marika Lyman, Avesta, utses till justerare. Justerare väljs i bokstavsordning utifrån kommunnamn.",
        "Redigera",
        "§3 Budget för 2027", "Förslaget till budget för 2027.", "Redigera",
        "§4 Ska vi ha en fysisk träff i mars?", "(omröstningens resultat skrivs in i protokollet)",
        "Redigera",
        "§5 Mötets avslutande",
    ]) in shown  # fmt: skip
    members = await chat.say(person(chat.group, "Anna Karlsson"), "protokoll")
    assert members == (
        "Protokollet från mötet torsdag 10 december 2026: Utkast. "
        "Protokollet ska vara justerat senast torsdag 24 december 2026 kl. 10:00."
    )


class Protocol:
    """The protocol's conversation, step by step as the people in it take it (card by card).

    Each step answers with what the person then sees: a card, or a short message.
    """

    def __init__(self, chat: Conversation) -> None:
        self.chat = chat
        self.secretary, self.adjuster = person(chat.group, SECRETARY), person(chat.group, ADJUSTER)

    async def the_secretary_writes(self, number: int, **paragraph: str) -> dict[str, Any]:
        """She opens §number's form from her draft card ("Redigera"), fills it in and saves it."""
        [button] = [
            a
            for a in executes(await secretary_card(self.chat), "protocol.edit_form")
            if a["data"]["number"] == number
        ]
        form = await self.presses(self.secretary, button)
        [save] = executes(form, "protocol.edit")
        return await self.presses(self.secretary, save, **paragraph)

    async def the_adjusters_review_cards(self) -> list[dict[str, Any]]:
        return await review_cards(self.chat, ADJUSTER)

    async def the_adjuster_asks_for_a_change(self, review: dict[str, Any], comment: str) -> str:
        """She presses "Begär ändring" on her review card, with her comment."""
        [change] = executes(review, "protocol.request_change")
        return card_text(await self.presses(self.adjuster, change, comment=comment))

    async def the_secretary_opens(self, card: dict[str, Any]) -> dict[str, Any]:
        """She presses "Visa protokollet" on a card in the channel: what she alone sees."""
        [show] = executes(card, "protocol.show")
        return await self.presses(self.secretary, show)

    async def the_secretary_rewrites_the_whole_text(
        self, card: dict[str, Any], old: str, new: str
    ) -> dict[str, Any]:
        """She takes "Hela texten", edits it and sends `protokoll import` with it: the draft card back."""
        [export] = executes(card, "protocol.export")
        [field] = [i for i in (await self.presses(self.secretary, export))["body"] if i.get("id") == "text"]
        imported = card_of(
            await self.chat.say_for_reply(
                self.secretary, f"protokoll import\n{field['value'].replace(old, new)}"
            )
        )
        assert "Texten är inläst: 5 paragrafer." in card_text(imported)
        return await shown_alone(self.chat, SECRETARY, imported)

    async def presses_justera(self, who: Person, meeting_id: int, version: str) -> Any:
        """They press "Justera" for `version`, as a card showing it would (an old card, or a forged one)."""
        return (
            await press(self.chat, who, "protocol.approve", {"meeting_id": meeting_id, "version": version})
        )["value"]

    async def presses(self, who: Person, action: dict[str, Any], **fields: str) -> dict[str, Any]:
        """A button of a card, as the card has it (and with what they typed in its fields)."""
        answer: dict[str, Any] = (await press(self.chat, who, action["verb"], {**action["data"], **fields}))[
            "value"
        ]
        return answer


async def test_from_draft_through_a_change_request_to_adjusted_mailed_and_published(
    chat: Conversation, graph: FakeGraph, group: Group
) -> None:
    held = await held_meeting(chat)
    story = Protocol(chat)
    assert (await get(chat, "/protokoll/2026-12-10"))[0] == 404  # a draft is never public

    # The secretary writes §4 and hands the protocol over ("Lämna för justering").
    saved = await story.the_secretary_writes(
        4,
        title="Fysisk träff i mars",
        text="Frågan om en fysisk träff togs upp.",
        decision="Styrgruppen beslutar att hålla en fysisk träff i mars.",
    )
    assert "§4 är sparad. Ny version:" in card_text(saved)
    first = await submit(chat, saved)

    # The adjuster reads it in her chat (the chair's card is in the channel) …
    [review] = await story.the_adjusters_review_cards()
    shown = card_text(review)
    assert "Till Marika Lyman, justerare: läs protokollet och justera det, eller begär ändring." in shown
    assert "§4 Fysisk träff i mars\nFrågan om en fysisk träff togs upp." in shown
    assert "Omröstning: Ska vi ha en fysisk träff i mars? Beslut: Ja.\nJa: Avesta, Mora" in shown
    assert "Nej: Bollnäs\nReservation: Minna Snabb, Bollnäs – Resorna blir för långa." in shown
    assert "Styrgruppens beslut: Styrgruppen beslutar att hålla en fysisk träff i mars." in shown
    [chair_review] = [card_of(a) for a in posted_to(chat, group.channel_id)]
    assert "Till Malin Karhu Birgersson, ordförande" in card_text(chair_review)

    # … and asks for a change: the channel is told, not shown the draft; the secretary sees the comment.
    asked = await story.the_adjuster_asks_for_a_change(review, "Skriv i §4 att beslutet inte var enhälligt.")
    assert "Din begäran är skickad till sekreteraren." in asked
    await deliver(chat)
    [_, told] = [card_of(a) for a in posted_to(chat, group.channel_id)]
    assert "Skriv i §4" not in card_text(told)
    told = await story.the_secretary_opens(told)
    assert "Marika Lyman begär ändring: Skriv i §4 att beslutet inte var enhälligt." in card_text(told)

    # The secretary rewrites the whole text (export, edit, import) and hands over a new version.
    rewritten = await story.the_secretary_rewrites_the_whole_text(
        told, "Frågan om en fysisk träff togs upp.", "Frågan togs upp. Beslutet var inte enhälligt."
    )
    second = await submit(chat, rewritten)
    assert second != first

    # The adjuster presses Justera on the first version: refused. Minna presses it: not hers to press.
    refused = await story.presses_justera(story.adjuster, held.meeting_id, first)
    assert refused.startswith(f"Protokollet har ändrats sedan du öppnade det (du såg version {first[:8]}")
    refused = await story.presses_justera(person(group, "Minna Snabb"), held.meeting_id, second)
    assert refused == "Bara mötets justerare och ordförande kan justera protokollet."

    # The adjuster presses Justera on her new card: the protocol is adjusted.
    [_, new_review] = await story.the_adjusters_review_cards()
    assert "Frågan togs upp. Beslutet var inte enhälligt." in card_text(new_review)
    [justera] = executes(new_review, "protocol.approve")
    assert justera["data"]["version"] == second
    approved = card_text(await story.presses(story.adjuster, justera))
    assert (
        f"Du har justerat version {second[:8]}. Protokollet är nu justerat; det skickas ut och publiceras."
        in approved
    )

    # The channel is told who adjusted it, when, for how many, and where it is published.
    posted = await tick(chat)
    [announcement] = [
        p for p in posted if p.startswith("Protokollet från mötet torsdag 10 december 2026 är justerat")
    ]
    assert "Justerat av Marika Lyman (justerare) fredag 11 december 2026 kl. 09:00." in announcement
    assert f"({len(recipients(group))} mottagare)" in announcement and "/protokoll/2026-12-10" in announcement

    # One mail to each recipient, all with the same PDF/A: rendered once.
    sent = mails(graph)
    addressed = [m["toRecipients"] for m in sent]
    assert all(len(to) == 1 for to in addressed)
    assert sorted(to[0]["emailAddress"]["address"] for to in addressed) == sorted(recipients(group))
    assert {"kommun@avesta.se", "samverkansradet@earkivmitt.se", "minna.snabb@bollnas.se"} <= {
        to[0]["emailAddress"]["address"] for to in addressed
    }
    assert sent[0]["subject"] == "Justerat protokoll: Styrgruppsmöte 2026-12-10 – Styrgruppen E-arkiv Mitt"
    [pdf] = {attachment_of(m) for m in sent}
    assert pdf_a_declaration(pdf) == ("2", "A")
    words = " ".join(pdf_text(pdf).split())
    for expected in (
        "Styrgruppsmöte 2026-12-10", "§1 Mötets öppnande", "§3 Budget för 2027", "§4 Fysisk träff i mars",
        "Frågan togs upp. Beslutet var inte enhälligt.", "Styrgruppens beslut:", "Minna Snabb (Bollnäs)",
        "Justerat digitalt 2026-12-11 kl. 09:00 av Marika Lyman (justerare)", second,
    ):  # fmt: skip
        assert expected in words, expected
    assert await tick(chat) == [] and len(mails(graph)) == len(sent)  # once

    # A municipality's website finds it published: the page, the PDF, the list and the feed.
    await published(chat, pdf, second)

    # The secretary writes to it once more: adjusted is final.
    after = await chat.say(story.secretary, "protokoll import\n§1 Något annat\nText.")
    assert after == "Protokollet är redan justerat och kan inte ändras."


async def published(chat: Conversation, pdf: bytes, version: str) -> None:
    status, kind, page = await get(chat, "/protokoll/2026-12-10")
    assert (status, kind) == (200, "text/html")
    assert "§4</span> Fysisk träff i mars" in page.decode() and version in page.decode()
    assert await get(chat, "/protokoll/2026-12-10.pdf") == (200, "application/pdf", pdf)
    for elsewhere in ("2026-12-11", "2026-12-11.pdf", "2026-13-45", "2027-02-11"):  # no protocol that day
        assert (await get(chat, f"/protokoll/{elsewhere}"))[0] == 404, elsewhere
    assert 'href="http://127.0.0.1:3978/protokoll/2026-12-10"' in (await get(chat, "/protokoll/"))[2].decode()
    status, kind, feed = await get(chat, "/protokoll/feed.atom")
    assert (status, kind) == (200, "application/atom+xml")
    [entry] = ElementTree.fromstring(feed).iter(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}title") == "Styrgruppsmöte 2026-12-10"
    links = {link.get("rel"): link.get("href") for link in entry.iter(f"{ATOM}link")}
    assert links == {
        "alternate": "http://127.0.0.1:3978/protokoll/2026-12-10",
        "enclosure": "http://127.0.0.1:3978/protokoll/2026-12-10.pdf",
    }


async def test_only_the_adjuster_and_the_chair_may_approve_and_only_what_they_saw(
    chat: Conversation, group: Group
) -> None:
    held = await held_meeting(chat)
    secretary, marika = person(group, SECRETARY), person(group, ADJUSTER)
    first = await submit(chat, await secretary_card(chat))
    for outsider in ("Minna Snabb", SECRETARY, "Anna-Maria Malmberg"):
        data = {"meeting_id": held.meeting_id, "version": first}
        body = await press(chat, person(group, outsider), "protocol.approve", data)
        assert body["value"] == "Bara mötets justerare och ordförande kan justera protokollet."

    # An edit under review withdraws the protocol: the old card's approval is refused.
    await chat.say(secretary, "protokoll")  # the draft card
    edit = {
        "meeting_id": held.meeting_id,
        "number": 1,
        "title": "Mötets öppnande",
        "text": "Ordföranden öppnade.",
    }
    assert "Ny version" in card_text((await press(chat, secretary, "protocol.edit", edit))["value"])
    refused = await press(chat, marika, "protocol.approve", {"meeting_id": held.meeting_id, "version": first})
    assert refused["value"] == "Protokollet har inte lämnats för justering ännu."
    second = await submit(chat, await secretary_card(chat))
    stale = await press(chat, marika, "protocol.approve", {"meeting_id": held.meeting_id, "version": first})
    assert f"du såg version {first[:8]}, nu gäller {second[:8]}" in stale["value"]
    assert "Protokollet är nu justerat" not in card_text(await secretary_card(chat))


async def test_when_the_chair_must_approve_it_takes_both_and_an_approval_stands_for_its_version(
    group: Group, sqlite_url: str, clock: FixedClock, tmp_path: Path, graph: FakeGraph
) -> None:
    strict = replace(group, rules=replace(group.rules, chair_must_approve=True))
    async with protocol_bot(strict, sqlite_url, clock, tmp_path / "var", graph) as chat:
        held = await held_meeting(chat)
        version = await submit(chat, await secretary_card(chat))
        data = {"meeting_id": held.meeting_id, "version": version}
        first = card_text((await press(chat, person(group, ADJUSTER), "protocol.approve", data))["value"])
        assert f"Du har justerat version {version[:8]}." in first and "nu justerat" not in first
        assert (
            "Marika Lyman (justerare) godkände den här versionen fredag 11 december 2026 kl. 09:00." in first
        )

        # The chair sends it back; the secretary finds nothing to change and submits the same text again.
        change = {**data, "comment": "Stämmer närvarolistan?"}
        await press(chat, person(group, CHAIR), "protocol.request_change", change)
        again = (await press(chat, person(group, ADJUSTER), "protocol.approve", data))["value"]
        assert again.startswith("En ändring har begärts.")
        assert await submit(chat, await secretary_card(chat)) == version
        assert len(await review_cards(chat, ADJUSTER)) == 2  # told again, though the text is the same
        last = card_text((await press(chat, person(group, CHAIR), "protocol.approve", data))["value"])
        assert "Protokollet är nu justerat" in last
        again = (await press(chat, person(group, CHAIR), "protocol.approve", data))["value"]
        assert again == "Protokollet är redan justerat och kan inte ändras."


async def test_submission_waits_for_the_meeting_to_end_and_for_every_paragraph(chat: Conversation) -> None:
    held = await held_meeting(chat)
    secretary = person(chat.group, SECRETARY)
    card = await secretary_card(chat)
    version = version_of(card)
    chat.clock.set(chat.clock.now().replace(day=10, hour=11))  # 12:00 on the day: still "going on"
    body = await press(
        chat, secretary, "protocol.submit", {"meeting_id": held.meeting_id, "version": version}
    )
    assert body["value"].startswith("Mötet pågår fortfarande")


async def test_the_imported_text_is_read_strictly_and_the_error_names_the_line(chat: Conversation) -> None:
    await held_meeting(chat)
    secretary = person(chat.group, SECRETARY)
    cases = [
        ("Inledning\n§1 Öppnande", "Rad 1: text före första paragrafen."),
        ("§1 Öppnande\nText\n\n§3 Budget", "Rad 4: §3 kommer efter §1; nästa paragraf ska vara §2."),
        ("§1 Öppnande\n[Omröstning 2]", "Rad 2: det finns ingen omröstning 2; mötet hade 1."),
        ("§1 Öppnande\nText", "Omröstning 1 (”Ska vi ha en fysisk träff i mars?”) saknas i texten."),
        (
            "§1 A\n[Omröstning 1]\nStyrgruppens beslut: Ja.\nStyrgruppens beslut: Nej.",
            "Rad 4: §1 har redan en rad ”Styrgruppens beslut:”.",
        ),
    ]
    for text, said in cases:
        assert (await chat.say(secretary, f"protokoll import\n{text}")).startswith(said), text
    assert "§5 Mötets avslutande" in card_text(await secretary_card(chat))  # nothing was changed
    refused = await chat.say(person(chat.group, "Anna Karlsson"), "protokoll import\n§1 A")
    assert refused == "Det får bara sekreterare göra."


class DiesAfter:
    """A mailer that sends `count` mails through the real one, then stops as a killed process would."""

    def __init__(self, mailer: Mailer, count: int) -> None:
        self._mailer, self._left = mailer, count

    async def send(self, key: str, message: MailMessage) -> None:
        if self._left == 0:
            raise asyncio.CancelledError  # the process is gone: no outcome is recorded
        self._left -= 1
        await self._mailer.send(key, message)


async def test_a_process_that_dies_half_way_through_the_mails_leaves_each_recipient_one_mail(
    group: Group, sqlite_url: str, clock: FixedClock, tmp_path: Path, graph: FakeGraph
) -> None:
    """Also: with a team drive configured, the PDF goes into the team's folder and the card links it."""
    folder = {"graph_drive_id": DRIVE, "graph_protocol_folder": "01PROTOKOLL"}
    async with protocol_bot(group, sqlite_url, clock, tmp_path / "var", graph, **folder) as chat:
        held = await held_meeting(chat)
        version = await submit(chat, await secretary_card(chat))
        data = {"meeting_id": held.meeting_id, "version": version}
        await press(chat, person(group, ADJUSTER), "protocol.approve", data)

        ctx, live = chat.app[CONTEXT], chat.app[DELIVERY]
        async with connect_with(FixedCredential(), graph.base_url, FAST_INLINE_RETRY) as connection:
            mailer = ProtocolMail(DiesAfter(GraphMailer(connection.client, MAILBOX), 5), mail_composer(ctx))
            dying = Delivery(ctx.uow, {**live.deliverers, "mail": mailer}, clock, "another process")
            with pytest.raises(asyncio.CancelledError):
                await dying.deliver_due()
        assert len(mails(graph)) == 5
        clock.advance(minutes=3)  # the dead process's lease on the sixth mail runs out
        while await live.deliver_due():
            pass
        [card_id] = [s.id for s in chat.connector.sent if "är justerat" in card_text(s.activity)][:1]
        channel_card = card_of([s.activity for s in chat.connector.sent if s.id == card_id][-1])
    addressed = Counter(m["toRecipients"][0]["emailAddress"]["address"] for m in mails(graph))
    assert set(addressed) == set(recipients(group)) and set(addressed.values()) == {1}
    [uploaded] = [f for f in graph.files.values() if f.parent_id == "01PROTOKOLL"]
    assert uploaded.name == "protokoll-2026-12-10.pdf" and uploaded.content == attachment_of(mails(graph)[0])
    team_copy = {"type": "Action.OpenUrl", "title": "I teamets filer", "url": uploaded_url(uploaded)}
    assert team_copy in channel_card["actions"]


async def test_a_process_killed_while_graph_answers_leaves_each_recipient_one_mail(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path, graph: FakeGraph
) -> None:
    """Each send takes 150 ms to be answered, as Graph's does; three processes die in that time."""
    async with protocol_bot(group, database_url, clock, tmp_path / "var", graph) as chat:
        held = await held_meeting(chat)
        version = await submit(chat, await secretary_card(chat))
        data = {"meeting_id": held.meeting_id, "version": version}
        await press(chat, person(group, ADJUSTER), "protocol.approve", data)
        graph.send_delay = 0.15
        live = chat.app[DELIVERY]
        for dies_after in (3, 8, 15):
            dying = Delivery(live.uow, live.deliverers, clock, f"process {dies_after}")
            round_ = asyncio.create_task(dying.deliver_due())
            await graph.until_sent(dies_after)
            round_.cancel()  # killed: the mail has gone out, the outbox never hears so
            with contextlib.suppress(asyncio.CancelledError):
                await round_
            clock.advance(minutes=3)  # the dead process's lease runs out
        while await live.deliver_due():
            pass
    assert graph.sends_to() == dict.fromkeys(recipients(group), 1)


def uploaded_url(stored: StoredFile) -> str:
    return f"https://contoso.sharepoint.com/sites/styrgrupp/{stored.parent_id}/{stored.name}"


async def test_an_adjuster_forgotten_at_the_meeting_is_appointed_afterwards(chat: Conversation) -> None:
    group = chat.group
    chat.clock.set(MEETING_TIME)
    meeting = await meeting_at(chat, MEETING_TIME)
    await check_in(chat, meeting.id, *(person(group, n) for n in (CHAIR, ADJUSTER, "Minna Snabb", SECRETARY)))
    chat.clock.set(DAY_AFTER)  # the meeting is over, and nobody appointed the adjuster

    [button] = executes(await secretary_card(chat), "protocol.submit")
    refused = await press(chat, person(group, SECRETARY), "protocol.submit", button["data"])
    assert refused["value"] == (
        "Mötet har ingen utsedd justerare. "
        "Ordföranden utser justeraren med kortet Utse justerare i kanalen, också efter mötet."
    )
    confirm = {"meeting_id": meeting.id, "municipality": "Avesta"}
    appointed = await press(chat, person(group, CHAIR), "adjuster.confirm", confirm)
    assert "Justerare: Marika Lyman, Avesta." in card_text(appointed["value"])

    await submit(chat, await secretary_card(chat))
    other = {
        "meeting_id": meeting.id,
        "person": person(group, "Minna Snabb").aad_id,
        "reason": "Sent påkommet.",
    }
    late = await press(chat, person(group, CHAIR), "adjuster.choose", other)
    assert late["value"] == "Protokollet är redan lämnat för justering; justeraren kan inte längre ändras."


def as_now(chat: Conversation, sent: Sent) -> dict[str, Any]:
    """A post as its reader sees it now: its latest update, or itself."""
    return [s.activity for s in chat.connector.sent if s.id == sent.id][-1]


async def test_review_cards_already_sent_show_the_protocol_as_it_now_stands(
    chat: Conversation, group: Group
) -> None:
    await held_meeting(chat)
    marika = person(group, ADJUSTER)
    await submit(chat, await secretary_card(chat))
    in_chat = f"a:personal-{marika.aad_id}"
    [first] = [s for s in chat.connector.sent if s.method == "POST" and s.conversation_id == in_chat]
    [change] = executes(card_of(first.activity), "protocol.request_change")
    await press(chat, marika, change["verb"], {**change["data"], "comment": "Rätta §3."})
    await deliver(chat)
    assert as_now(chat, first)["text"] == (
        "Protokollet från mötet torsdag 10 december 2026 har ändrats igen och dragits tillbaka; "
        "du får den nya versionen när den lämnas för justering."
    )

    await submit(chat, await secretary_card(chat))
    [_, second] = [s for s in chat.connector.sent if s.method == "POST" and s.conversation_id == in_chat]
    [approve] = executes(card_of(second.activity), "protocol.approve")
    await press(chat, marika, approve["verb"], approve["data"])
    await deliver(chat)
    adjusted = card_of(as_now(chat, second))
    assert "Justerat fredag 11 december 2026 kl. 09:00." in card_text(adjusted)
    assert executes(adjusted, "protocol.approve") == executes(adjusted, "protocol.request_change") == []
