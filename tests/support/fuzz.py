"""Hypothesis strategies for the fuzzer: what people might type and what a card might send.

The `invalid_*` strategies produce only activities that must change nothing, by
construction: from outside the tenant or team, from strangers, unknown verbs, ids that
exist nowhere or are of the wrong type, or a verb pressed by someone whose role or part in
the meeting can never make it valid. `anything` mixes them with valid ones from the
group's people. Every strategy is built once per world: building them per draw costs
more than the HTTP round trip.
"""

from __future__ import annotations

import copy
import json
import math
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from bot.chat.actions import CARD_ACTIONS
from bot.chat.commands import parse
from bot.chat.conversation import COMMANDS
from bot.domain.group import Person, Role
from tests.support.fuzz_world import (
    AGAINST,
    CHAIR,
    ITEM_AUTHOR,
    SECRETARY,
    RawBody,
    World,
    invoke,
    message,
)

Strategy = st.SearchStrategy[Any]

WORDS = sorted({w for c in COMMANDS for w in (c.verb, *c.aliases)})
READING = ("hjälp", "help", "möten", "årsplan", "dagordning", "agenda", "närvaro", "justerare", "adjuster")
MARKUP = (
    "<at>Styrgruppsboten</at>", "<at>Marika Lyman</at>", '<at id="0">x', "**fet** _kursiv_",
    "[länk](javascript:alert(1))", "<script>alert(1)</script>", "${heading}", "${$root.vote_id}",
    "&nbsp;", "&lt;at&gt;", "\u202eabc", "\x00", "\r\n\t", "😀👍🏽", "'; DROP TABLE votes; --",
    "%s %(x)s {0}", " | ", "|||", "2027-01-01 10:00-12:00", "ÅÄÖ åäö", "İı", "\ufeff", "a" * 300,
)  # fmt: skip
ID_KEYS = ("meeting_id", "vote_id", "item_id", "number", "start")
FIELDS = ("option", "person", "present", "municipality", "reason", "title", "text", "decision",
          "version", "comment", "to", "actor", "aad_id")  # fmt: skip
WHERE = st.sampled_from(("channel", "personal"))

_PIECES = st.one_of(st.text(max_size=80), st.sampled_from(MARKUP))
# Up to 120,000 characters, each escaped as \u00f6 in JSON: past the body limit, too.
TEXTS = st.one_of(
    _PIECES, st.lists(_PIECES, max_size=4).map(" ".join), st.integers(2_000, 120_000).map("ö".__mul__)
)
NO_COMMAND = TEXTS.filter(lambda text: parse(COMMANDS, text).command is None)
COMMAND_WORDS = st.sampled_from([*WORDS, ""]).flatmap(lambda w: st.sampled_from((w, w.upper())))
JUNK: Strategy = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(), st.just(math.inf),
    st.text(max_size=30), st.sampled_from(MARKUP), st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)  # fmt: skip
NOT_TEXT = JUNK.filter(lambda value: not isinstance(value, str))
NOWHERE = st.one_of(st.integers(10**6, 2**31 - 1), st.integers(max_value=0), st.integers(min_value=2**31))


def _may_name_a_row(value: Any) -> bool:
    """Whether an id field could read the value as the id of a row: a whole number below 10**6, or its text.

    The world's ids are small, and JUNK draws small integers often (Hypothesis favours them)
    and now and then digit strings ("5", " 2"): a card with such an id may well be valid.
    """
    if isinstance(value, bool) or not isinstance(value, int | str):
        return False
    try:
        return 0 < int(value) < 10**6
    except ValueError:
        return False


# ids no row has, or no id at all
BAD_ID = st.one_of(JUNK.filter(lambda value: not _may_name_a_row(value)), NOWHERE, NOWHERE.map(str))
VERBS = st.sampled_from(sorted(CARD_ACTIONS))
UNKNOWN_VERBS = st.one_of(st.text(max_size=30), JUNK).filter(
    lambda verb: not isinstance(verb, str) or verb not in CARD_ACTIONS
)
STRAY = st.dictionaries(
    st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), st.one_of(JUNK, TEXTS), max_size=4
)
STRANGERS = st.one_of(st.none(), st.uuids().map(str), st.text(max_size=40), st.sampled_from(MARKUP))

_EVERYONE = frozenset(Role)
# Typed commands that change nothing, whatever follows them, for these roles.
NO_RIGHT: tuple[tuple[str, frozenset[Role]], ...] = (
    ("övrig fråga", frozenset({Role.STAFF})),
    ("item", frozenset({Role.STAFF})),
    ("ställ in", _EVERYONE),  # the chair gets a confirmation card: nothing changes before its button
    ("nytt möte", _EVERYONE - {Role.SECRETARY}),
    ("flytta möte", _EVERYONE - {Role.SECRETARY}),
    ("ta bort möte", _EVERYONE - {Role.SECRETARY}),
    ("starta möte", _EVERYONE),  # the meeting has started: a second start changes nothing
    ("omröstning", frozenset({Role.MEMBER, Role.SUBSTITUTE, Role.STAFF})),
)
# ... and for the chair and the secretary, arguments that can never be valid.
BAD_ARGS = (
    ("omröstning", ""),
    ("vote", "Fråga? | bara ett förslag"),
    ("nytt möte", "x2027-01-01 10:00-12:00"),
    ("flytta möte", "igår i morgon"),
    ("ta bort möte", "x"),
    ("ta bort möte", "2099-01-01"),
)

_KEYS = ("from", "conversation", "channelData", "recipient", "id", "locale", "text", "entities", "value",
         "name", "channelId", "serviceUrl", "timestamp", "attachments", "type", "replyToId")  # fmt: skip
_NESTED = (("from", "aadObjectId"), ("from", "id"), ("conversation", "id"),
           ("conversation", "conversationType"), ("conversation", "tenantId"), ("channelData", "tenant"),
           ("channelData", "team"), ("recipient", "id"), ("value", "action"))  # fmt: skip


@dataclass(frozen=True)
class Strategies:
    invalid_message: Strategy
    invalid_click: Strategy
    malformed: Strategy
    anything: Strategy


def strategies(world: World) -> Strategies:
    people = _Ids(world)
    invalid_message = _invalid_message(world, people)
    invalid_click = _invalid_click(world, people)
    inside = st.one_of(
        _invalid_message(world, people, inside=True), _invalid_click(world, people, inside=True)
    )
    anything = st.one_of(_anything_message(world, people), _anything_click(world, people))
    return Strategies(invalid_message, invalid_click, _malformed(inside), anything)


class _Ids:
    """The world's people as strategies of AAD ids, by role and by part in the meeting."""

    def __init__(self, world: World) -> None:
        self.everyone = self.of(world.people())
        self.chair_or_secretary = self.of(self.roles(world, {Role.CHAIR, Role.SECRETARY}))
        self.no_right = st.sampled_from(
            [(verb, self.of(self.roles(world, roles))) for verb, roles in NO_RIGHT]
        ).flatmap(lambda pair: st.tuples(st.just(pair[0]), pair[1]))
        present = tuple(world.present)
        # Per card verb, who can never make it valid in this world, whatever the card's data says.
        never = {
            "vote.cast": world.people(but=present),  # not checked in (the secretary neither)
            "vote.close": self.roles(world, {Role.MEMBER, Role.SUBSTITUTE, Role.STAFF}),
            "vote.casting": world.people(),  # neither vote is tied
            "vote.reserve": world.people(but=(AGAINST,)),  # nobody else voted against a decision
            "attendance.mark": world.people(but=(SECRETARY,)),
            "attendance_report.mark": world.people(but=(SECRETARY, CHAIR)),
            "adjuster.confirm": world.people(but=(CHAIR,)),
            "adjuster.choose": world.people(but=(CHAIR,)),
            "meeting.cancel": world.people(but=(CHAIR,)),
            "meeting.keep": world.people(),  # a button that only answers
            "item.form": world.people(),  # shows a form
            "item.withdraw": world.people(but=(ITEM_AUTHOR,)),
            "item.accept_offer": world.people(but=(ITEM_AUTHOR,)),
        }
        self.never = st.sampled_from(sorted(never)).flatmap(
            lambda verb: st.tuples(st.just(verb), self.of(never[verb]))
        )

    @staticmethod
    def of(people: list[Person]) -> st.SearchStrategy[str]:
        return st.sampled_from([p.aad_id for p in people])

    @staticmethod
    def roles(world: World, roles: set[Role] | frozenset[Role]) -> list[Person]:
        return [p for p in world.group.people if p.role in roles]


def _outside(world: World) -> st.SearchStrategy[dict[str, str]]:
    """Another tenant, or the channel of another team: refused whoever it claims to be."""
    tenant = world.group.tenant_id.casefold()
    other = st.text(min_size=1, max_size=40).filter(lambda t: t.casefold() != tenant)
    team = st.text(min_size=1, max_size=40).filter(lambda t: t != world.group.team_id)
    return st.one_of(
        st.fixed_dictionaries({"tenant_id": other}),
        st.fixed_dictionaries({"team_id": team, "where": st.just("channel")}),
    )


def _invalid_message(world: World, ids: _Ids, inside: bool = False) -> Strategy:
    outside = _outside(world)
    kinds = ("outside", "stranger", "reading", "no_right", "bad_args")[inside:]
    reading = st.one_of(st.tuples(st.sampled_from(READING), TEXTS).map(" ".join), NO_COMMAND)

    @st.composite
    def draw_one(draw: st.DrawFn) -> dict[str, Any]:
        where, kind = draw(WHERE), draw(st.sampled_from(kinds))
        said = f"{draw(COMMAND_WORDS)} {draw(TEXTS)}"
        if kind == "outside":
            kw = draw(outside)
            return message(world, draw(ids.everyone), said, kw.pop("where", where), **kw)
        if kind == "stranger":
            return message(world, draw(STRANGERS), said, where)
        if kind == "reading":  # reading commands, and words that are no command (the answer is help)
            return message(world, draw(ids.everyone), draw(reading), where)
        if kind == "no_right":
            verb, sender = draw(ids.no_right)
            return message(world, sender, f"{verb} {draw(TEXTS)}", where)
        verb, bad = draw(st.sampled_from(BAD_ARGS))
        return message(world, draw(ids.chair_or_secretary), f"{verb} {bad}", where)

    return draw_one()


def _real_data(world: World) -> st.SearchStrategy[dict[str, Any]]:
    """Card data with the world's real ids (for meetings, only those not under way) and stray fields."""
    meetings = st.sampled_from(world.other_meetings or (10**6,))
    fields = st.fixed_dictionaries(
        {
            "meeting_id": st.one_of(meetings, meetings.map(str)),
            "vote_id": st.sampled_from((world.closed_vote, world.open_vote)),
            "item_id": st.just(world.item_id),
            "option": st.sampled_from(("yes", "no", "abstain", "p1", "x")),
            "person": _Ids.of(world.people()),
            "present": st.sampled_from((True, False, "true", "false")),
            "municipality": st.sampled_from(("Avesta", "Säter", "Ingenstans")),
        }
    )
    return st.tuples(fields, STRAY).map(lambda pair: pair[0] | pair[1])


def _invalid_click(world: World, ids: _Ids, inside: bool = False) -> Strategy:
    outside, real = _outside(world), _real_data(world)
    kinds = ("outside", "stranger", "unknown_verb", "bad_ids", "no_right")[inside:]
    bad_ids = st.fixed_dictionaries({key: BAD_ID for key in ID_KEYS})

    @st.composite
    def draw_one(draw: st.DrawFn) -> dict[str, Any]:
        where, kind, data = draw(WHERE), draw(st.sampled_from(kinds)), draw(real)
        if kind == "outside":
            kw = draw(outside)
            return invoke(world, draw(ids.everyone), draw(VERBS), data, kw.pop("where", where), **kw)
        if kind == "stranger":
            return invoke(world, draw(STRANGERS), draw(VERBS), data, where)
        if kind == "unknown_verb":
            return invoke(world, draw(ids.everyone), draw(UNKNOWN_VERBS), data, where)
        if kind == "bad_ids":
            verb, data = draw(VERBS), data | draw(bad_ids)
            if verb == "item.submit":  # the one verb without an id: a title that is no text
                data["title"] = draw(NOT_TEXT)
            return invoke(world, draw(ids.everyone), verb, data, where)
        verb, sender = draw(ids.never)
        return invoke(world, sender, verb, data, where)

    return draw_one()


def _anything_click(world: World, ids: _Ids) -> Strategy:
    """Any verb with real or junk data from anyone in the group: valid ones included."""
    meetings = st.sampled_from((world.meeting_id, *world.other_meetings))
    some_bad = st.lists(st.sampled_from(ID_KEYS), max_size=2).flatmap(
        lambda keys: st.fixed_dictionaries({key: BAD_ID for key in keys})
    )
    verbs = st.one_of(VERBS, UNKNOWN_VERBS)
    data = st.tuples(_real_data(world), meetings, some_bad).map(lambda t: t[0] | {"meeting_id": t[1]} | t[2])
    return st.builds(lambda *args: invoke(world, *args), ids.everyone, verbs, data, WHERE)


def _anything_message(world: World, ids: _Ids) -> Strategy:
    said = st.tuples(COMMAND_WORDS, TEXTS).map(" ".join)
    senders = st.one_of(ids.everyone, STRANGERS)
    return st.builds(lambda *args: message(world, *args), senders, said, WHERE)


_PLACE = "\x00fuzz-edge\x00"  # written by json.dumps as a string no activity holds
_TWICE = "twice"
# Values the endpoint refuses with a 400 naming them, wherever they stand in the activity.
EDGES = st.one_of(
    st.integers(101, 6_000).map(lambda n: "9" * n),  # past Python's 4,300 digits: a ValueError
    st.integers(99, 3_000).map(lambda n: "-0." + "1" * n),
    st.sampled_from(("NaN", "Infinity", "-Infinity", "1e400", "-2.5E+999", "[1E309]")),
    st.sampled_from(('"\\ud800"', '"hj\\udfff\\u00e4lp"', '{"\\udbff": 1}', '["\\ud83d", "\\ude00"]')),
    st.integers(64, 5_000).map(lambda n: "[" * n + "]" * n),  # with the activity: deeper than 64
    st.integers(64, 2_000).map(lambda n: '{"a": ' * n + "0" + "}" * n),
    st.sampled_from(('"\xff"', '"hj\xe4lp"', '"\xc3"')),  # written as Latin-1 bytes: no UTF-8
    st.just(_TWICE),  # the key it stands at, twice
)  # fmt: skip


def _edge_body(activity: dict[str, Any], where: tuple[str, ...], literal: str) -> RawBody:
    activity = target = copy.deepcopy(activity)
    for key in where[:-1]:
        if not isinstance(target.get(key), dict):
            target[key] = {}
        target = target[key]
    target[where[-1]] = _PLACE
    if literal == _TWICE:
        literal = f'"x", {json.dumps(where[-1])}: "y"'
    # json.dumps writes ASCII, and so do the edges but those meant to be Latin-1 bytes.
    return RawBody(json.dumps(activity).replace(json.dumps(_PLACE), literal, 1).encode("latin-1"))


def _malformed(inside: Strategy) -> Strategy:
    """A message or invoke with fields removed or of the wrong type; now and then no activity at all.

    Only bases that no mutation can make valid: an outsider's tenant or team could be mutated away.
    """
    mutation = st.one_of(
        st.tuples(st.just("drop"), st.sampled_from(_KEYS), st.none()),
        st.tuples(st.just("set"), st.sampled_from(_KEYS), JUNK),
        st.tuples(st.just("nested"), st.sampled_from(_NESTED), JUNK),
    )

    def mutated(base: dict[str, Any], mutations: list[tuple[str, Any, Any]]) -> dict[str, Any]:
        activity = copy.deepcopy(base)
        for how, key, value in mutations:
            if how == "drop":
                activity.pop(key, None)
            elif how == "set":
                activity[key] = value
            elif isinstance(activity.get(key[0]), dict):
                activity[key[0]][key[1]] = value
        return activity

    activities = st.builds(mutated, inside, st.lists(mutation, min_size=1, max_size=3))
    places = st.one_of(st.sampled_from(_KEYS).map(lambda key: (key,)), st.sampled_from(_NESTED))
    edges = st.builds(_edge_body, inside, places, EDGES)
    return st.one_of(activities, activities, activities, edges, st.one_of(JUNK, st.lists(JUNK, max_size=3)))
