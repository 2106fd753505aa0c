"""Who may press which card button, and when: every verb × every role, and someone not in the group file.

Each world (a meeting going on, a held meeting whose protocol is with its adjuster) is
built once through the real HTTP path, and then every verb is pressed by every person in
it as Teams sends the invoke. The bot is held to the card-rights table as this test reads
it: a press the table refuses is answered with a refusal in words and no card; a press it
allows is not refused for rights. And whatever anyone presses or types, the protocol's text
before adjustment reaches only the secretary, the chair and the meeting's adjuster.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.app import CONTEXT
from bot.cards.catalog import cards_dir
from bot.chat.actions import CARD_ACTIONS
from bot.chat.refusals import refusal
from bot.domain.adjustment import ProtocolState
from bot.domain.card_rights import (
    ANY_MEETING,
    ANY_PROTOCOL,
    CARD_RULES,
    NO_PROTOCOL,
    CardRule,
    MeetingPhase,
    ProtocolPhase,
    Relation,
    Subject,
)
from bot.domain.errors import DomainError
from bot.domain.group import Group, Person, Role
from bot.domain.permissions import RIGHTS
from bot.texts import texts_for
from tests.conftest import STOCKHOLM, stockholm
from tests.support.harness import Conversation, card_of, card_text
from tests.support.meeting_day import (
    CARD,
    CHAIR,
    MESSAGE,
    SECRETARY,
    a_vote,
    check_in,
    deliver,
    executes,
    meeting_at,
    press,
)
from tests.support.people import person
from tests.support.protocol import (
    ADJUSTER,
    MEETING_TIME,
    held_meeting,
    posted_to,
    secretary_card,
    submit,
    tick,
)

OUTSIDER = "11111111-2222-4333-8444-555555555555"  # in the tenant, not in the group file
WHO = {
    "chair": CHAIR,
    "secretary": SECRETARY,
    "member": "Minna Snabb",
    "adjuster": ADJUSTER,  # a member, and the meeting's appointed adjuster
    "substitute": "Moa Bäckström",
    "staff": "Anna-Maria Malmberg",
    "outsider": OUTSIDER,
}
READERS = {"secretary", "chair", "adjuster"}  # who may see the protocol's text before it is adjusted
ITEM = "övrig fråga Budget för 2027\nFörslaget till budget för 2027."
DRAFT_TEXT = "Förslaget till budget för 2027."  # §3 of the draft, as the item's text made it
STALE = "0" * 64
SV = texts_for("sv-SE", STOCKHOLM)


@dataclass(frozen=True)
class World:
    """What the test knows of the meeting the cards name, to read the table with."""

    meeting_id: int
    vote_id: int
    item_id: int
    phase: MeetingPhase
    current: bool  # the meeting is the one going on now
    protocol: ProtocolPhase
    relations: dict[str, frozenset[Relation]]


ANYTIME = World(0, 0, 0, MeetingPhase.GOING_ON, True, NO_PROTOCOL, {})  # who alone decides


def card_data(w: World) -> dict[str, dict[str, Any]]:
    """Each verb's data, such that a press the table allows changes nothing the table looks at."""
    m, v = {"meeting_id": w.meeting_id}, {"vote_id": w.vote_id}
    return {
        "item.form": {},
        "item.submit": {"title": "", "text": ""},
        "item.withdraw": {"item_id": w.item_id},
        "item.accept_offer": {"item_id": w.item_id},
        "meeting.cancel": {**m, "reason": ""},
        "meeting.keep": m,
        "attendance.check_in": m,
        "attendance.mark": {**m, "person": "ingen", "present": "true"},
        "attendance_report.mark": {**m, "person": "ingen", "present": "true"},
        "meeting.acting_chair": {**m, "person": "ingen"},
        "meeting.next_point": {**m, "from": "ingen"},  # no such point: nothing is taken up
        "adjuster.confirm": {**m, "municipality": "Ingenstans"},
        "adjuster.choose": {**m, "person": "ingen"},
        "vote.cast": {**v, "option": "kanske"},
        "vote.refresh": v,
        "vote.close": v,
        "vote.casting": {**v, "option": "kanske"},
        "vote.runoff": v,
        "vote.reserve": {**v, "reason": "Jag är emot."},
        "protocol.show": m,
        "protocol.edit_form": {**m, "number": 99},
        "protocol.edit": {**m, "number": 99, "title": "Ny"},
        "protocol.export": m,
        "protocol.import": {**m, "text": ""},
        "protocol.submit": {**m, "version": STALE},
        "protocol.review": {**m, "version": STALE, "start": 1},
        "protocol.approve": {**m, "version": STALE},
        "protocol.request_change": {**m, "version": STALE, "comment": "Ändra §3."},
        "recording.confirm": {**m, "drive_id": "ingen", "item_id": "ingen", "etag": "ingen"},
    }


def allowed(rule: CardRule, who: str, group: Group, world: World) -> bool:
    """The table as this test reads it: by role or relation, in the meeting phase and protocol state."""
    if who == "outsider":
        return False
    role = person(group, WHO[who]).role
    by_role = rule.action is not None and role in RIGHTS[rule.action]
    if not by_role and not rule.relations & world.relations.get(who, frozenset()):
        return False
    if rule.subject is Subject.NONE:
        return True
    if rule.needs_current and not world.current:
        return False
    return world.phase in rule.meeting and world.protocol in rule.protocol


def judged_under_lock(rule: CardRule, who: str, group: Group) -> bool:
    """A ballot's phase is judged with the vote's own rules, in their order: refused, in their words."""
    return rule.under_lock and who != "outsider" and allowed(rule, who, group, ANYTIME)


def refusals(rule: CardRule, group: Group) -> set[str]:
    """Every sentence the table can refuse this verb with."""
    errors = [DomainError(rule.outsider), *(DomainError(c) for c in rule.wrong_meeting.values())]
    errors += [DomainError(code) for code in rule.wrong_protocol.values()]
    for role in Role:
        if rule.not_allowed:
            errors.append(DomainError(rule.not_allowed, role=role.value))
        elif rule.action:
            errors.append(DomainError("auth.not_allowed", action=rule.action.value, role=role.value))
    if rule.needs_current:
        errors += [DomainError("meeting.none_current"), DomainError("meeting.not_current")]
    if rule.when_over:
        errors.append(DomainError(rule.when_over))
    if rule.meeting != ANY_MEETING:
        errors.append(DomainError("meeting.not_current"))
    if rule.protocol != ANY_PROTOCOL:
        errors.append(DomainError("protocol.not_submitted"))
    codes = {
        Relation.ADJUSTER: ("protocol.not_approver",),
        Relation.SUBMITTER: ("item.not_yours",),
        Relation.CHAIRING: (),  # refused in the role's words
        Relation.VOTED_AGAINST: ("reservation.no_decision", "reservation.did_not_vote",
                                 "reservation.not_against", "reservation.protocol_submitted"),
    }  # fmt: skip
    errors += [DomainError(code) for r in rule.relations for code in codes[r]]
    return {refusal(SV, group, error) for error in errors}


async def tick_at(chat: Conversation, *moment: int) -> list[str]:
    chat.clock.set(stockholm(*moment))
    return await tick(chat)


def shown(body: dict[str, Any]) -> str:
    """What the person who pressed sees: the card's text, or the message."""
    return card_text(body["value"]) if body.get("type") == CARD else str(body.get("value"))


def _who(group: Group, who: str) -> Person | str:
    return OUTSIDER if who == "outsider" else person(group, WHO[who])


async def hold_to_the_table(chat: Conversation, world: World) -> list[str]:
    """Every verb pressed by everyone; what did not go as the table says, one line each."""
    group, wrong = chat.group, []
    assert set(card_data(world)) == set(CARD_RULES), "every verb of the table is pressed"
    for verb, data in card_data(world).items():
        rule, texts = CARD_RULES[verb], refusals(CARD_RULES[verb], group)
        for who in WHO:
            status, body = await chat.click(_who(group, who), verb, data)
            text = shown(body)
            cell = f"{verb} by {who}: {body.get('type')} {text[:90]!r}"
            if status != 200 or body.get("type") not in (CARD, MESSAGE):
                wrong.append(f"{cell}: not answered")
            elif allowed(rule, who, group, world):
                if body["type"] == MESSAGE and text in texts:
                    wrong.append(f"{cell}: refused, the table allows it")
            elif body["type"] != MESSAGE or (text not in texts and not judged_under_lock(rule, who, group)):
                wrong.append(f"{cell}: the table refuses it")
            if who not in READERS and DRAFT_TEXT in text:
                wrong.append(f"{cell}: the protocol's text before adjustment")
    return wrong


async def item_of(chat: Conversation, meeting_id: int) -> int:
    async with chat.app[CONTEXT].uow() as uow:
        [item] = await uow.items.for_meeting(meeting_id)
    return item.id


def _verbs(node: Any) -> set[str]:
    if isinstance(node, dict):
        own = {node["verb"]} if isinstance(node.get("verb"), str) else set()
        return own.union(*(_verbs(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_verbs(value) for value in node))
    return set()


def test_every_verb_of_the_cards_has_an_entry_in_the_table() -> None:
    cards = cards_dir()
    verbs = set().union(*(_verbs(json.loads(p.read_text(encoding="utf-8"))) for p in cards.glob("*.json")))
    assert verbs <= set(CARD_ACTIONS) and {"vote.refresh", "protocol.review"} <= verbs
    assert set(CARD_RULES) == set(CARD_ACTIONS)


async def test_during_the_meeting_every_button_holds_to_the_table(chat: Conversation, group: Group) -> None:
    await chat.say(person(group, ADJUSTER), ITEM)
    chat.clock.set(MEETING_TIME)
    meeting = await meeting_at(chat, MEETING_TIME)
    await check_in(chat, meeting.id, person(group, SECRETARY))
    vote_id, _ = await a_vote(chat, (CHAIR, ADJUSTER, "Minna Snabb", "Anna Karlsson"))
    confirm = {"meeting_id": meeting.id, "municipality": "Avesta"}
    await press(chat, person(group, CHAIR), "adjuster.confirm", confirm)
    await secretary_card(chat)  # the draft is made
    relations = {"adjuster": frozenset({Relation.ADJUSTER, Relation.SUBMITTER})}
    world = World(
        meeting.id, vote_id, await item_of(chat, meeting.id), MeetingPhase.GOING_ON, True,
        ProtocolState.DRAFT, relations,
    )  # fmt: skip
    assert await hold_to_the_table(chat, world) == []


async def test_while_the_protocol_is_with_its_adjuster_every_button_holds_to_the_table(
    chat: Conversation, group: Group
) -> None:
    held = await held_meeting(chat)
    await submit(chat, await secretary_card(chat))
    relations = {
        "adjuster": frozenset({Relation.ADJUSTER, Relation.SUBMITTER}),
        "member": frozenset({Relation.VOTED_AGAINST}),  # Minna Snabb voted no, and lost
    }
    world = World(
        held.meeting_id, held.vote_id, await item_of(chat, held.meeting_id), MeetingPhase.HELD, False,
        ProtocolState.IN_REVIEW, relations,
    )  # fmt: skip
    assert await hold_to_the_table(chat, world) == []


async def test_the_review_cards_next_page_only_for_those_who_may_read_the_protocol(
    chat: Conversation, group: Group
) -> None:
    held = await held_meeting(chat)
    version = await submit(chat, await secretary_card(chat))
    page = {"meeting_id": held.meeting_id, "version": version, "start": 2}
    for who in WHO:
        body = await press(chat, _who(group, who), "protocol.review", page)
        if who in READERS:
            assert body["type"] == CARD and "§3 Budget för 2027" in card_text(body["value"]), who
        else:
            assert body["type"] == MESSAGE and "§" not in body["value"], (who, body)
    assert (await press(chat, OUTSIDER, "protocol.review", page))["value"].startswith(
        "Hej! Jag känner inte igen dig som deltagare i Styrgruppen E-arkiv Mitt."
    )


async def test_what_protocol_shows_each_person_before_it_is_adjusted(
    chat: Conversation, group: Group
) -> None:
    held = await held_meeting(chat)
    for typed in ("protokoll", "protokoll 2026-12-10", "protokoll export"):
        for who in WHO:
            in_channel = await chat.say(_who(group, who), typed)
            assert DRAFT_TEXT not in in_channel, (typed, who, in_channel)  # everyone there would read it
            alone = await chat.say(_who(group, who), typed, where="personal")
            assert (DRAFT_TEXT in alone) == (who == "secretary"), (typed, who, alone)
    await submit(chat, await secretary_card(chat))
    for who in WHO:
        said = await chat.say(_who(group, who), "protokoll", where="personal")
        assert (DRAFT_TEXT in said) == (who in READERS), (who, said)
        body = await press(chat, _who(group, who), "protocol.show", {"meeting_id": held.meeting_id})
        assert (DRAFT_TEXT in shown(body)) == (who in READERS), (who, body)
        body = await press(chat, _who(group, who), "protocol.export", {"meeting_id": held.meeting_id})
        assert (DRAFT_TEXT in shown(body)) == (who == "secretary"), (who, body)


async def test_the_channel_is_told_of_the_protocol_but_never_shown_it(
    chat: Conversation, group: Group
) -> None:
    """The chair and the secretary have no chat with the bot here: what is for them comes in the channel."""
    held = await held_meeting(chat)
    version = await submit(chat, await secretary_card(chat))
    [notice] = [card_of(a) for a in posted_to(chat, group.channel_id)]  # the chair's review card
    assert "Till Malin Karhu Birgersson, ordförande" in card_text(notice)
    for who in WHO:
        body = await press(
            chat, _who(group, who), "protocol.show", executes(notice, "protocol.show")[0]["data"]
        )
        assert (DRAFT_TEXT in shown(body)) == (who in READERS), (who, body)
    comment = {"meeting_id": held.meeting_id, "version": version, "comment": "Skriv om §3 Budget."}
    await press(chat, person(group, ADJUSTER), "protocol.request_change", comment)
    await deliver(chat)
    [reminder] = [p for p in await tick_at(chat, 2026, 12, 21, 10, 0) if p.startswith("Protokoll – mötet")]
    assert reminder.startswith("Protokoll – mötet torsdag 10 december 2026\nPåminnelse:"), reminder
    told = [card_text(s.activity) for s in chat.connector.sent if s.conversation_id == group.channel_id]
    assert len(told) >= 4 and not [t for t in told if DRAFT_TEXT in t or "Skriv om §3" in t], told


async def test_someone_outside_the_group_gets_no_vote_card(chat: Conversation, group: Group) -> None:
    chat.clock.set(MEETING_TIME)
    vote_id, _ = await a_vote(chat, (CHAIR, ADJUSTER))
    for verb in ("vote.refresh", "vote.cast", "vote.close"):
        body = await press(chat, OUTSIDER, verb, {"vote_id": vote_id, "option": "yes"})
        assert body["type"] == MESSAGE and "träff i mars" not in body["value"], (verb, body)
    body = await press(chat, person(group, "Anna-Maria Malmberg"), "vote.refresh", {"vote_id": vote_id})
    assert body["type"] == CARD and "Ska vi ha en fysisk träff i mars?" in card_text(body["value"])
