"""More than half of the votes cast decides; with none, the chair holds a run-off of the two with most.

Through real HTTP, the fake Graph for mail and files, on SQLite and PostgreSQL: the first
round's card says there is no decision yet and offers the chair the run-off; the run-off is a
vote of its own card; the protocol places both rounds as one omröstning.
"""

from __future__ import annotations

from typing import Any

from bot.domain.group import Group
from tests.support.fake_graph import FakeGraph
from tests.support.harness import Conversation, card_text
from tests.support.meeting_day import (
    CHAIR,
    SECRETARY,
    a_vote,
    channel_card,
    check_in,
    deliver,
    executes,
    meeting_at,
    posted,
    press,
    vote,
)
from tests.support.people import person
from tests.support.protocol import (
    ADJUSTER,
    DAY_AFTER,
    MEETING_TIME,
    attachment_of,
    mails,
    pdf_text,
    posted_to,
    secretary_card,
    submit,
    tick,
)

PRESENT = (
    CHAIR,
    ADJUSTER,
    "Minna Snabb",
    "Anna Karlsson",
    "Hanna Dahlkvist",
)  # Säter Avesta Bollnäs Mora Älvdalen
WHERE = "Var? | I Falun | Digitalt | I Borlänge"
NO_MAJORITY = "Inget förslag fick mer än hälften av de avgivna rösterna"
NOT_CHAIR = "Det får bara ordförande göra."
DAY_ENDED = (
    "Mötesdagen tog slut medan omröstningen var öppen, så boten stängde den med rösterna som de var avgivna."
)


async def first_round(chat: Conversation, ballots: dict[str, str]) -> tuple[int, int, str]:
    """At the meeting, Avesta appointed adjuster, the vote on three proposals cast by everyone present."""
    group = chat.group
    chat.clock.set(MEETING_TIME)
    meeting = await meeting_at(chat, MEETING_TIME)
    await check_in(chat, meeting.id, person(group, SECRETARY))
    vote_id, card_id = await a_vote(chat, PRESENT, WHERE)
    await press(
        chat, person(group, CHAIR), "adjuster.confirm", {"meeting_id": meeting.id, "municipality": "Avesta"}
    )
    for who, option in ballots.items():
        await vote(chat, who, option, vote_id)
    await deliver(chat)
    return meeting.id, vote_id, card_id


def runoff_button(card: dict[str, Any]) -> list[str]:
    return [b["title"] for b in executes(card, "vote.runoff")]


async def test_no_majority_the_chair_holds_a_runoff_and_the_protocol_shows_both_rounds(
    chat: Conversation, group: Group, graph: FakeGraph
) -> None:
    # 2 Digitalt, 2 I Borlänge, 1 I Falun: the most votes, but not more than half of the five.
    first = {ADJUSTER: "p1", "Minna Snabb": "p2", "Anna Karlsson": "p3", "Hanna Dahlkvist": "p2", CHAIR: "p3"}
    meeting_id, vote_id, card_id = await first_round(chat, first)
    card = channel_card(chat, card_id)
    assert (
        f"{NO_MAJORITY}, så inget är beslutat än. Ordföranden kan ställa Digitalt mot I Borlänge "
        "i en andra omgång."
    ) in card_text(card)
    assert runoff_button(card) == ["Andra omgång: Digitalt mot I Borlänge"]
    assert executes(card, "vote.reserve") == []  # nothing decided to reserve oneself against

    [button] = executes(card, "vote.runoff")
    for who in (ADJUSTER, SECRETARY):
        assert (await press(chat, person(group, who), "vote.runoff", button["data"]))["value"] == NOT_CHAIR
    opened = await press(chat, person(group, CHAIR), "vote.runoff", button["data"])
    assert (
        "Digitalt och I Borlänge ställs mot varandra i en andra omgång, på ett eget röstkort."
        in card_text(opened["value"])
    )
    assert runoff_button(opened["value"]) == []
    again = await press(chat, person(group, CHAIR), "vote.runoff", button["data"])
    assert again["value"] == "Andra omgången i den omröstningen är redan öppnad; röstkortet finns i kanalen."

    await deliver(chat)
    second_card = channel_card(chat, posted(chat, "Omröstning, andra omgången: Var?"))
    assert [b["title"] for b in executes(second_card, "vote.cast")] == ["Digitalt", "I Borlänge", "Avstår"]
    second_id = int(executes(second_card, "vote.cast")[0]["data"]["vote_id"])
    assert second_id != vote_id
    assert "vote.runoff" not in str(channel_card(chat, card_id))
    second = {
        ADJUSTER: "p2",
        "Minna Snabb": "p2",
        "Anna Karlsson": "p3",
        "Hanna Dahlkvist": "p2",
    }
    for who, option in second.items():
        result = await vote(chat, who, option, second_id)
    assert "4 av 5" in result  # the chair has not voted: the run-off is left open

    # An open run-off holds the protocol back as any open vote does, until the bot closes it.
    chat.clock.set(DAY_AFTER)
    [submitting] = executes(await secretary_card(chat), "protocol.submit")
    held_back = await press(chat, person(group, SECRETARY), "protocol.submit", submitting["data"])
    assert str(held_back["value"]).startswith("Omröstning 1, ”Var?”, är fortfarande öppen"), held_back
    await tick(chat)
    text_card = await press(chat, person(group, SECRETARY), "protocol.export", {"meeting_id": meeting_id})
    exported = card_text(text_card["value"])
    assert "[Omröstning 1: Var?]" in exported and "Omröstning 2" not in exported  # one omröstning, two rounds
    assert exported.count(" Var?\n") == 1, exported  # and one paragraph for it
    version = await submit(chat, await secretary_card(chat))
    [review] = posted_to(chat, f"a:personal-{person(group, ADJUSTER).aad_id}")
    shown = card_text(review)
    assert f"Omröstning: Var? {NO_MAJORITY}. Digitalt och I Borlänge ställdes mot varandra" in shown, shown
    assert f"Omröstning: Var? (andra omgången) {DAY_ENDED} Beslut: Digitalt." in shown, shown

    data = {"meeting_id": meeting_id, "version": version}
    await press(chat, person(group, ADJUSTER), "protocol.approve", data)
    await tick(chat)
    [pdf] = {attachment_of(m) for m in mails(graph)}
    words = " ".join(pdf_text(pdf).split())
    assert "Var? (första omgången)" in words and "Var? (andra omgången)" in words, words
    assert f"{NO_MAJORITY}. Digitalt och I Borlänge ställdes mot varandra i en andra omgång." in words
    assert f"{DAY_ENDED} Beslut: Digitalt. 4 röster avgivna" in words, words


async def test_a_tie_for_second_place_is_the_chairs_to_settle_and_no_runoff_by_day_end_is_no_decision(
    chat: Conversation, group: Group
) -> None:
    # I Falun 2 of 4 cast is not more than half; Digitalt and I Borlänge tie for second; the chair abstained.
    first = {
        ADJUSTER: "p1",
        "Minna Snabb": "p1",
        "Anna Karlsson": "p2",
        "Hanna Dahlkvist": "p3",
        CHAIR: "abstain",
    }
    _, vote_id, card_id = await first_round(chat, first)
    card = channel_card(chat, card_id)
    assert "och Digitalt, I Borlänge har lika många röster om en plats i andra omgången." in card_text(card)
    assert runoff_button(card) == []
    picks = executes(card, "vote.casting")
    assert [b["title"] for b in picks] == ["Till andra omgången: Digitalt", "Till andra omgången: I Borlänge"]
    assert (await press(chat, person(group, ADJUSTER), "vote.casting", picks[1]["data"]))[
        "value"
    ] == NOT_CHAIR
    picked = await press(chat, person(group, CHAIR), "vote.casting", picks[1]["data"])
    assert runoff_button(picked["value"]) == ["Andra omgång: I Falun mot I Borlänge"]

    # The meeting day ends without the run-off: it can no longer be held, and nothing was decided.
    chat.clock.set(DAY_AFTER)
    await tick(chat)
    late = await press(chat, person(group, CHAIR), "vote.runoff", {"vote_id": vote_id})
    assert str(late["value"]).startswith("Mötet är slut, så en andra omgång kan inte hållas längre")
    await submit(chat, await secretary_card(chat))
    [review] = posted_to(chat, f"a:personal-{person(group, ADJUSTER).aad_id}")
    no_runoff = "Ingen andra omgång hölls, så styrgruppen fattade inget beslut i frågan."
    assert f"Omröstning: Var? {NO_MAJORITY}. {no_runoff}" in card_text(review)
