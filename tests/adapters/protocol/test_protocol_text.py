"""The protocol's whole text through real HTTP: an unchanged export reads back as the same version,
and what members wrote stays text on the way.

The bot runs on loopback with the fake Bot Connector, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from typing import Any

from bot.domain.votes import QUESTION_MAX
from tests.support.harness import Conversation, card_of, card_text
from tests.support.meeting_day import (
    CARD,
    CHAIR,
    SECRETARY,
    check_in,
    deliver,
    executes,
    meeting_at,
    own_posts,
    press,
)
from tests.support.people import person
from tests.support.protocol import (
    ADJUSTER,
    DAY_AFTER,
    MEETING_TIME,
    secretary_card,
    submit,
    version_of,
)

# An item whose lines look like the format's own: a heading, a decision, a vote, a comment.
ITEM = (
    "övrig fråga Avtalets paragrafer\n"
    "§1 i avtalet säger att styrgruppen ses fyra gånger om året.\n"
    "Styrgruppens beslut: det står inget om det.\n"
    "[Omröstning 1]\n"
    "# inte en kommentar\n"
    "\\§2 med ett snedstreck före"
)
# A question longer than an item's heading, with brackets in it.
QUESTION = "Ska vi köpa [system A] eller [system B] för " + "e-arkivets långsiktiga förvaltning " * 7 + "?"


async def _meeting_with_a_tricky_item_and_vote(chat: Conversation) -> None:
    group = chat.group
    assert "är anmäld" in await chat.say(person(group, ADJUSTER), ITEM)
    chat.clock.set(MEETING_TIME)
    meeting = await meeting_at(chat, MEETING_TIME)
    await check_in(chat, meeting.id, *(person(group, name) for name in (CHAIR, ADJUSTER, "Minna Snabb")))
    assert (await chat.say(person(group, SECRETARY), f"omröstning {QUESTION}")).startswith("Omröstningen ”")
    await deliver(chat)
    [vote_id] = {
        b["data"]["vote_id"] for s in own_posts(chat) for b in executes(card_of(s.activity), "vote.cast")
    }
    await press(
        chat, person(group, CHAIR), "adjuster.confirm", {"meeting_id": meeting.id, "municipality": "Avesta"}
    )
    await press(chat, person(group, CHAIR), "vote.close", {"vote_id": vote_id})
    await deliver(chat)
    chat.clock.set(DAY_AFTER)


def _shown(card: dict[str, Any]) -> str:
    """The card's text as Teams shows it: the Markdown escapes that keep a member's words literal gone."""
    return re.sub(r"\\(.)", r"\1", card_text(card))


def _text_of(card: dict[str, Any]) -> str:
    [field] = [i for i in card["body"] if i.get("id") == "text"]
    return str(field["value"])


async def _text_card(chat: Conversation, card: dict[str, Any]) -> dict[str, Any]:
    """Hela texten, pressed on the secretary's card: the card with the whole text to edit."""
    [button] = executes(card, "protocol.export")
    return dict(
        (await press(chat, person(chat.group, SECRETARY), "protocol.export", button["data"]))["value"]
    )


async def _form(chat: Conversation, card: dict[str, Any], number: int) -> dict[str, str]:
    """The values in the edit form of paragraph `number` (Redigera on the secretary's card)."""
    [button] = [b for b in executes(card, "protocol.edit_form") if b["data"]["number"] == number]
    form = (await press(chat, person(chat.group, SECRETARY), "protocol.edit_form", button["data"]))["value"]
    return {i["id"]: i.get("value", "") for i in form["body"] if i.get("type") == "Input.Text"}


async def _exported(chat: Conversation, card: dict[str, Any]) -> str:
    return _text_of(await _text_card(chat, card))


async def test_an_unchanged_export_imports_as_the_same_version(chat: Conversation) -> None:
    assert 200 < len(QUESTION) <= QUESTION_MAX and "]" in QUESTION  # a heading was 200 at most
    await _meeting_with_a_tricky_item_and_vote(chat)
    secretary = person(chat.group, SECRETARY)
    draft = await secretary_card(chat)
    version = version_of(draft)
    text_card = await _text_card(chat, draft)
    text = _text_of(text_card)

    # Read back in the text card, unchanged: the same version, and nothing else changed.
    [read_in] = executes(text_card, "protocol.import")
    answered = await press(chat, secretary, "protocol.import", {**read_in["data"], "text": text})
    assert answered["type"] == CARD, answered["value"]  # not a refusal
    again = answered["value"]
    unchanged = f"Texten är inläst och protokollet är oförändrat: 5 paragrafer, version {version[:8]}."
    assert unchanged in _shown(again)
    assert version_of(again) == version
    # And as a message in her chat with the bot (in the channel she would get a notice), the same.
    replied = card_of(await chat.say_for_reply(secretary, f"protokoll import\n{text}", where="personal"))
    assert version_of(replied) == version
    assert await _exported(chat, replied) == text
    # The lines that would be read as the format's own have a backslash before them.
    assert "\n\\§1 i avtalet säger" in text and "\n\\Styrgruppens beslut: det står" in text
    assert "\n\\[Omröstning 1]\n# inte en kommentar\n\\\\§2 med ett snedstreck före\n" in text
    assert f"§4 {QUESTION}\n[Omröstning 1: {QUESTION}]\n" in text

    # The member's lines are the paragraph's text, in its edit form as she wrote them; the question heads §4.
    assert await _form(chat, replied, 3) == {
        "title": "Avtalets paragrafer",
        "text": ITEM.removeprefix("övrig fråga Avtalets paragrafer\n"),
        "decision": "",
    }
    assert (await _form(chat, replied, 4))["title"] == QUESTION

    # Under review, the same text read back withdraws nothing: the adjuster's card still stands.
    await submit(chat, replied)
    sent = len(chat.connector.sent)
    under_review = card_of(await chat.say_for_reply(secretary, f"protokoll import\n{text}", where="personal"))
    await deliver(chat)
    assert unchanged in card_text(under_review) and "Lämnat för justering" in card_text(under_review)
    assert [s for s in chat.connector.sent[sent:] if not s.activity.get("replyToId")] == []


async def test_a_line_of_text_typed_like_a_heading_is_read_as_text_after_a_backslash(
    chat: Conversation,
) -> None:
    await _meeting_with_a_tricky_item_and_vote(chat)
    secretary = person(chat.group, SECRETARY)
    text = await _exported(chat, await secretary_card(chat))
    typed = text.replace("§1 Mötets öppnande\n", "§1 Mötets öppnande\n§5 i reglementet gäller.\n")
    refused = await chat.say(secretary, f"protokoll import\n{typed}", where="personal")
    assert refused == (
        "Rad 2: §5 kommer efter §1; nästa paragraf ska vara §2. Är raden text, skriv \\ först på den."
    )
    escaped = text.replace("§1 Mötets öppnande\n", "§1 Mötets öppnande\n\\§5 i reglementet gäller.\n")
    read = card_of(await chat.say_for_reply(secretary, f"protokoll import\n{escaped}", where="personal"))
    assert "Texten är inläst: 5 paragrafer. Ny version:" in card_text(read)
    assert (await _form(chat, read, 1))["text"].startswith("§5 i reglementet gäller.\n")
    assert await _exported(chat, read) == escaped


async def test_a_draft_of_more_paragraphs_than_a_text_may_add_reads_back(chat: Conversation) -> None:
    member, secretary = person(chat.group, "Anna Karlsson"), person(chat.group, SECRETARY)
    for n in range(1, 39):  # 38 items, with §1, §2 and the closing 41 paragraphs
        assert "är anmäld" in await chat.say(member, f"övrig fråga Punkt {n}")
    chat.clock.set(DAY_AFTER)
    draft = await secretary_card(chat)
    text = await _exported(chat, draft)
    assert "\n§41 Mötets avslutande\n" in text
    read = await chat.say(secretary, f"protokoll import\n{text}")
    assert "Texten är inläst och protokollet är oförändrat: 41 paragrafer" in read
    added = text + "\n§42 Övrigt\nEn paragraf till.\n"
    assert await chat.say(secretary, f"protokoll import\n{added}") == (
        "Protokollet kan ha högst 41 paragrafer (texten har 42)."
    )
    # The last paragraph can be edited in its form too; one more cannot be added.
    [button] = [b for b in executes(draft, "protocol.edit_form") if b["data"]["number"] == 41]
    form = (await press(chat, secretary, "protocol.edit_form", button["data"]))["value"]
    [save] = executes(form, "protocol.edit")
    written = {"title": "Mötets avslutande", "text": "Ordföranden avslutade mötet.", "decision": ""}
    saved = await press(chat, secretary, "protocol.edit", {**save["data"], **written})
    assert "§41 är sparad." in card_text(saved["value"])
    beyond = {**button["data"], "number": 42}
    refused = await press(chat, secretary, "protocol.edit_form", beyond)
    assert refused["value"] == "Det finns ingen §42 (protokollet har 41 paragrafer)."
