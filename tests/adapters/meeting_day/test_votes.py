"""Votes by card over real HTTP: one vote per municipality, open ballots, the chair's casting vote,
and the channel's card refreshed into each voter's own."""

from __future__ import annotations

from bot.domain.group import Group
from tests.support.harness import Conversation, card_text
from tests.support.meeting_day import (
    CARD,
    CHAIR,
    FIVE,
    QUESTION,
    SECRETARY,
    a_vote,
    ballots_of,
    channel_card,
    deliver,
    executes,
    meeting_at,
    own_posts,
    press,
    vote,
)
from tests.support.people import person
from tests.support.protocol import MEETING_TIME


async def test_a_full_vote_with_five_municipalities(chat: Conversation) -> None:
    vote_id, card_id = await a_vote(chat, FIVE)
    assert "Omröstningen pågår: 0 av 5 röstberättigade kommuner har röstat." in card_text(
        channel_card(chat, card_id)
    )
    mine = await vote(chat, "Marika Lyman", "yes", vote_id)
    assert "Omröstningen pågår: 1 av 5" in mine
    assert "Din röst för Avesta: Ja. Du kan ändra den tills omröstningen stängs." in mine
    assert "Avesta" not in await vote(chat, "Minna Snabb", "no", vote_id)  # only your own vote is shown
    await vote(chat, "Anna Karlsson", "yes", vote_id)
    await vote(chat, "Hanna Dahlkvist", "abstain", vote_id)
    await deliver(chat)
    open_card = card_text(channel_card(chat, card_id))
    assert "4 av 5 röstberättigade kommuner har röstat" in open_card
    assert "Avesta" not in open_card and "Din röst" not in open_card  # nobody's vote before it closes

    result = await vote(chat, CHAIR, "yes", vote_id)  # the last municipality: the vote closes itself
    await deliver(chat)
    for shown in (result, card_text(channel_card(chat, card_id))):
        assert f"Omröstning: {QUESTION}\nBeslut: Ja." in shown
        assert "Ja\n3\nNej\n1\nAvstår\n1\n4 röster avgivna; 1 avstod" in shown
        assert "\n".join([
            "Så röstade kommunerna",
            "Avesta (Marika Lyman)", "Ja",
            "Bollnäs (Minna Snabb)", "Nej",
            "Mora (Anna Karlsson)", "Ja",
            "Säter (Malin Karhu Birgersson)", "Ja",
            "Älvdalen (Hanna Dahlkvist)", "Avstår",
        ]) in shown  # fmt: skip
    assert executes(channel_card(chat, card_id), "vote.cast") == []
    assert await ballots_of(chat, vote_id) == {
        "Avesta": ("Marika Lyman", "yes"), "Bollnäs": ("Minna Snabb", "no"), "Mora": ("Anna Karlsson", "yes"),
        "Säter": (CHAIR, "yes"), "Älvdalen": ("Hanna Dahlkvist", "abstain"),
    }  # fmt: skip


async def test_a_tie_is_won_by_the_chairs_own_vote(chat: Conversation) -> None:
    vote_id, card_id = await a_vote(chat, FIVE[:4])
    await vote(chat, "Marika Lyman", "yes", vote_id)
    await vote(chat, "Minna Snabb", "no", vote_id)
    await vote(chat, "Anna Karlsson", "no", vote_id)
    result = await vote(chat, CHAIR, "yes", vote_id)
    assert "Beslut: Ja. Rösterna var lika; ordförandens utslagsröst avgjorde." in result
    await deliver(chat)
    assert "Beslut: Ja. Rösterna var lika" in card_text(channel_card(chat, card_id))
    assert executes(channel_card(chat, card_id), "vote.casting") == []


async def test_a_tie_the_chair_abstained_from_waits_for_the_casting_vote(
    chat: Conversation, group: Group
) -> None:
    chair = person(group, CHAIR)
    await chat.say(chair, "hjälp", where="personal")  # the chair has a chat with the bot
    vote_id, card_id = await a_vote(chat, FIVE[:3], "Var? | I Falun | Digitalt")
    await vote(chat, "Marika Lyman", "p1", vote_id)
    await vote(chat, "Minna Snabb", "p2", vote_id)
    waiting = await vote(chat, CHAIR, "abstain", vote_id)
    assert "Lika röster mellan I Falun, Digitalt. Ordföranden avgör med sin utslagsröst." in waiting
    await deliver(chat)
    channel = channel_card(chat, card_id)
    assert [b["title"] for b in executes(channel, "vote.casting")] == [
        "Utslagsröst: I Falun",
        "Utslagsröst: Digitalt",
    ]
    [to_the_chair] = [s for s in own_posts(chat) if s.conversation_id == f"a:personal-{chair.aad_id}"]
    assert "Lika röster mellan I Falun, Digitalt." in card_text(to_the_chair.activity)
    assert (
        await vote(chat, "Marika Lyman", "p2", vote_id)
        == "Omröstningen ”Var?” är stängd; rösten räknades inte."
    )

    [_, digitally] = executes(channel, "vote.casting")
    body = await press(chat, person(group, "Marika Lyman"), "vote.casting", digitally["data"])
    assert body["value"] == "Det får bara ordförande göra."
    body = await press(chat, chair, "vote.casting", {**digitally["data"], "option": "abstain"})
    assert body["value"] == "Utslagsrösten måste gälla ett av de lika alternativen: I Falun, Digitalt."
    body = await press(chat, chair, "vote.casting", digitally["data"])
    assert "Beslut: Digitalt. Rösterna var lika; ordförandens utslagsröst avgjorde." in card_text(
        body["value"]
    )
    body = await press(chat, chair, "vote.casting", digitally["data"])
    assert body["value"] == "Omröstningen är avgjord; det behövs ingen utslagsröst."


async def test_a_substitute_votes_only_once_the_member_is_marked_absent(
    chat: Conversation, group: Group
) -> None:
    vote_id, _ = await a_vote(chat, (CHAIR, "Jessica Hedlund", "Lotta Daun Messing", "Marika Lyman"))
    refused = await vote(chat, "Lotta Daun Messing", "no", vote_id)
    assert refused == (
        "Jessica Hedlund är närvarande för Ludvika, så ledamoten röstar. "
        "En ersättare röstar bara när ledamoten är frånvarande."
    )
    meeting = await meeting_at(chat, MEETING_TIME)
    absent = {"meeting_id": meeting.id, "present": False, "person": person(group, "Jessica Hedlund").aad_id}
    assert (await press(chat, person(group, SECRETARY), "attendance.mark", absent))["type"] == CARD
    assert "Din röst för Ludvika: Nej." in await vote(chat, "Lotta Daun Messing", "no", vote_id)
    assert (await ballots_of(chat, vote_id))["Ludvika"] == ("Lotta Daun Messing", "no")


async def test_a_voter_changes_their_vote_before_it_closes(chat: Conversation) -> None:
    vote_id, _ = await a_vote(chat, FIVE)
    await vote(chat, "Marika Lyman", "yes", vote_id)
    changed = await vote(chat, "Marika Lyman", "no", vote_id)
    assert "Omröstningen pågår: 1 av 5" in changed and "Din röst för Avesta: Nej." in changed
    body = await press(chat, person(chat.group, CHAIR), "vote.close", {"vote_id": vote_id})
    assert "Beslut: Nej.\n" in card_text(body["value"]) and "Ja\n0\nNej\n1" in card_text(body["value"])


async def test_a_click_after_the_close_changes_nothing(chat: Conversation) -> None:
    vote_id, _ = await a_vote(chat, FIVE)
    await vote(chat, "Marika Lyman", "yes", vote_id)
    body = await press(chat, person(chat.group, "Marika Lyman"), "vote.close", {"vote_id": vote_id})
    assert body["value"] == "Det får bara ordförande eller sekreterare göra."
    await press(chat, person(chat.group, SECRETARY), "vote.close", {"vote_id": vote_id})
    late = await vote(chat, "Minna Snabb", "no", vote_id)
    assert late == f"Omröstningen ”{QUESTION}” är stängd; rösten räknades inte."
    assert await ballots_of(chat, vote_id) == {"Avesta": ("Marika Lyman", "yes")}
    body = await press(chat, person(chat.group, CHAIR), "vote.close", {"vote_id": vote_id})
    assert body["value"] == f"Omröstningen ”{QUESTION}” är redan stängd."  # nobody's ballot was lost


# --- The channel's card refreshed into each voter's own ------------------------------------------
# When the bot updates the channel's card after a ballot, every voter's view of it is replaced,
# their own choice with it. The card therefore names the voters present (by the ids Teams gave
# them when they checked in) in `refresh.userIds`, and Teams asks the bot for each one's card.


async def refreshed(chat: Conversation, who: str, vote_id: int) -> dict:
    """The card Teams gets for `who` when it refreshes the channel's card for them."""
    body = await press(chat, person(chat.group, who), "vote.refresh", {"vote_id": vote_id})
    assert body["type"] == CARD, body
    return body["value"]


async def test_the_channels_card_is_refreshed_into_each_voters_own(chat: Conversation) -> None:
    vote_id, card_id = await a_vote(chat, FIVE)  # each of the five checked in by the card's button
    refresh = channel_card(chat, card_id)["refresh"]
    assert refresh["action"] == {
        "type": "Action.Execute",
        "verb": "vote.refresh",
        "data": {"vote_id": vote_id},
    }
    assert sorted(refresh["userIds"]) == sorted(f"29:{person(chat.group, n).aad_id}" for n in FIVE)

    assert "Din röst för Avesta: Ja." in await vote(chat, "Marika Lyman", "yes", vote_id)
    await deliver(chat)  # the channel's card, updated for everyone, says nothing of anyone's vote
    assert "Din röst" not in card_text(channel_card(chat, card_id))
    own = await refreshed(chat, "Marika Lyman", vote_id)
    assert "Din röst för Avesta: Ja." in card_text(own)
    assert "refresh" not in own  # a voter's own card is not refreshed again
    assert "Din röst" not in card_text(await refreshed(chat, "Minna Snabb", vote_id))  # has not voted


async def test_someone_the_secretary_marked_present_is_not_named(chat: Conversation) -> None:
    meeting = await meeting_at(chat, chat.clock.now())
    mark = {"meeting_id": meeting.id, "person": person(chat.group, "Marika Lyman").aad_id, "present": True}
    await press(chat, person(chat.group, SECRETARY), "attendance.mark", mark)
    _, card_id = await a_vote(chat, FIVE[2:])
    names = channel_card(chat, card_id)["refresh"]["userIds"]
    assert f"29:{person(chat.group, 'Marika Lyman').aad_id}" not in names  # Teams never told the bot her id
    assert len(names) == 3


async def test_only_a_voter_on_the_losing_side_is_offered_a_reservation(chat: Conversation) -> None:
    vote_id, card_id = await a_vote(chat, FIVE)
    for name, option in zip(FIVE, ("yes", "yes", "no", "yes", "abstain"), strict=True):
        await vote(chat, name, option, vote_id)
    await deliver(chat)
    assert executes(channel_card(chat, card_id), "vote.reserve")  # whoever sees the channel's card
    assert executes(await refreshed(chat, "Minna Snabb", vote_id), "vote.reserve")  # voted no
    assert not executes(await refreshed(chat, "Marika Lyman", vote_id), "vote.reserve")  # voted yes
    assert not executes(await refreshed(chat, "Hanna Dahlkvist", vote_id), "vote.reserve")  # abstained
