"""The activity reader gives what msrest's `Activity().deserialize(body)` gives, or raises what it raises.

Compared in full: `serialize()`, and every attribute down the tree with its type, the time
zone objects of the times, and which dicts and lists are the body's own (msrest copies
`object` fields and keeps unknown keys as they came).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from datetime import datetime
from functools import cache
from typing import Any

import pytest
from botbuilder.schema import Activity
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from msrest.exceptions import DeserializationError
from msrest.serialization import Model

from bot.domain.group import Group
from bot.groupfile import SAMPLE_PATH, load_group
from bot.teams.activity_reader import read_activity, read_without_msrest
from tests.support.fuzz import JUNK, MARKUP
from tests.teams.teams_payloads import (
    teams_card_action,
    teams_channel_message,
    teams_members_added,
    teams_personal_message,
)

Strategy = st.SearchStrategy[Any]
MODELS = Activity._infer_class_models()
GROUP = load_group(SAMPLE_PATH)
PROPERTY = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(), st.text(max_size=8))
JSON: Strategy = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
)
ZONES = st.sampled_from(("Z", "+01:00", "+02:00", "-05:30", "+14:00", "-12:00", "+00:00", "-00:00"))


def _teams_time(moment: datetime, fraction: str, zone: str) -> str:
    seconds = f"{moment:%m-%dT%H:%M:%S}" + (f".{fraction}" if fraction else "")
    return f"{moment.year:04d}-{seconds}{zone}"


def _times(low: datetime, high: datetime) -> Strategy:
    moments = st.datetimes(min_value=low, max_value=high)
    return st.builds(_teams_time, moments, st.text("0123456789", max_size=9), ZONES)


TEAMS_TIMES = _times(datetime(2, 1, 1), datetime(9998, 12, 31))
EDGE_TIMES = _times(datetime(1, 1, 1), datetime(9999, 12, 31, 23, 59, 59))  # may leave msrest's range
ODD_TIMES = st.from_regex(  # what isodate may read (commas, lower case, other zones) or refuse
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2})?([.,][0-9]{0,9})?"
    r"(Z|z|[+-][0-9]{2}(:?[0-9]{2})?)?",
    fullmatch=True,
)
BASIC: dict[str, Strategy] = {
    "str": st.one_of(st.text(max_size=12), st.sampled_from(MARKUP)),
    "bool": st.booleans(),
    "int": st.integers(-(2**70), 2**70),
    "object": JSON,
    "iso-8601": TEAMS_TIMES,
}


@cache
def well_typed(type_name: str) -> Strategy:
    """Values of msrest type `type_name`, of the JSON types Teams sends, unknown keys included."""
    if type_name in BASIC:
        return BASIC[type_name]
    inner = type_name[1:-1]
    if type_name.startswith("["):
        return st.lists(st.none() | well_typed(inner), max_size=2)
    if type_name.startswith("{"):
        return st.dictionaries(st.text(max_size=5), st.none() | well_typed(inner), max_size=2)
    attributes = MODELS[type_name]._attribute_map.values()
    known = {d["key"] for d in attributes}
    fields = st.fixed_dictionaries(
        {}, optional={d["key"]: st.none() | well_typed(d["type"]) for d in attributes}
    )
    unknown = st.dictionaries(st.text(max_size=8).filter(lambda key: key not in known), JSON, max_size=2)
    return st.builds(lambda f, u: u | f, fields, unknown)


def _teams(draw: st.DrawFn) -> dict[str, Any]:
    person = draw(st.sampled_from(GROUP.people)).aad_id
    kind = draw(st.sampled_from(("channel", "personal", "action", "added")))
    if kind == "channel":
        return teams_channel_message(GROUP, person, draw(BASIC["str"]))
    if kind == "personal":
        return teams_personal_message(GROUP, person, draw(BASIC["str"]))
    if kind == "action":
        data = draw(st.dictionaries(st.text(max_size=8), JSON, max_size=4))
        return teams_card_action(GROUP, person, draw(st.sampled_from(("vote.cast", "meeting.cancel"))), data)
    return teams_members_added(GROUP, person)


@st.composite
def teams_activities(draw: st.DrawFn) -> dict[str, Any]:
    """Teams' four common activities with random words, data and times."""
    activity = _teams(draw)
    for key in ("timestamp", "localTimestamp"):
        activity[key] = draw(TEAMS_TIMES)
    return activity


KEYS = sorted({d["key"] for m in MODELS.values() for d in getattr(m, "_attribute_map", {}).values()})
ANY_VALUE = st.one_of(JSON, JUNK, ODD_TIMES, EDGE_TIMES, well_typed("ChannelAccount"), well_typed("[Entity]"))


def _dicts(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from _dicts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _dicts(item)


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """An activity with a few values anywhere in it replaced by anything, or no activity at all."""
    if draw(st.integers(0, 9)) == 0:
        return draw(JSON)
    body = copy.deepcopy(draw(st.one_of(teams_activities(), well_typed("Activity"))))
    for _ in range(draw(st.integers(1, 3))):
        holder = draw(st.sampled_from(list(_dicts(body))))
        holder[draw(st.sampled_from(sorted({*holder, *KEYS})))] = draw(ANY_VALUE)
    return body


def anatomy(value: Any, theirs: set[int]) -> Any:
    """Everything observable in a read activity; `theirs`: ids of the body's own dicts and lists."""
    if isinstance(value, Model):
        return type(value).__name__, {k: anatomy(v, theirs) for k, v in vars(value).items()}
    if isinstance(value, dict):
        return "dict", id(value) in theirs, {k: anatomy(v, theirs) for k, v in value.items()}
    if isinstance(value, list):
        return "list", id(value) in theirs, [anatomy(v, theirs) for v in value]
    if isinstance(value, datetime):
        return value.isoformat(), type(value.tzinfo), value.tzname(), value.utcoffset()
    return type(value), repr(value)  # repr: NaN equals itself, -0.0 differs from 0.0


def outcome(read: Any, body: Any) -> Any:
    theirs = {id(d) for d in _dicts(body)} | {
        id(v) for d in _dicts(body) for v in d.values() if type(v) is list
    }
    if isinstance(body, list):
        theirs.add(id(body))
    before = repr(body)
    try:
        activity = read(body)
    except Exception as error:
        return "refused", type(error)
    assert repr(body) == before, "the body was changed"
    if not isinstance(activity, Model):  # msrest gives None for a null body
        return "no model", repr(activity)
    return activity.serialize(), anatomy(activity, theirs)


def msrest(body: Any) -> Activity:
    return Activity().deserialize(body)


@PROPERTY
@given(teams_activities())
def test_teams_activities_are_read_without_msrest_and_as_msrest_reads_them(body: dict[str, Any]) -> None:
    assert read_without_msrest(body) is not None
    assert outcome(read_without_msrest, body) == outcome(msrest, body)


@PROPERTY
@given(well_typed("Activity"))
def test_every_field_of_the_expected_type_is_read_without_msrest(body: dict[str, Any]) -> None:
    assert read_without_msrest(body) is not None
    assert outcome(read_without_msrest, body) == outcome(msrest, body)


@settings(PROPERTY, max_examples=1500)
@given(mutated())
def test_any_body_is_read_or_refused_as_msrest_reads_or_refuses_it(body: Any) -> None:
    event("read without msrest" if read_without_msrest(body) is not None else "left to msrest")
    assert outcome(read_activity, body) == outcome(msrest, body)


@PROPERTY
@given(st.one_of(TEAMS_TIMES, EDGE_TIMES, ODD_TIMES, st.text(max_size=30)))
def test_times_are_read_as_isodate_reads_them_or_left_to_msrest(time: str) -> None:
    body = {"type": "message", "timestamp": time, "localTimestamp": time}
    assert outcome(read_activity, body) == outcome(msrest, body)


@pytest.mark.parametrize(
    "changes",
    [
        {"from": "Marika"},
        {"timestamp": "i går"},
        {"entities": {"type": "mention"}},
        {"membersAdded": [5]},
        {"historyDisclosed": "kanske"},
        {"timestamp": "0001-01-01T00:00:00+01:00"},
    ],
    ids=repr,
)
def test_what_msrest_refuses_is_still_refused(group: Group, changes: dict[str, Any]) -> None:
    body = teams_personal_message(group, group.people[0].aad_id, "hjälp") | changes
    with pytest.raises(DeserializationError):
        msrest(body)
    with pytest.raises(DeserializationError):
        read_activity(body)


@pytest.mark.parametrize(
    "changes",
    [
        {"id": 17},
        {"historyDisclosed": "true"},
        {"timestamp": "2026-11-27t09:00:01z"},
        {"text": ["hej"]},
        {"timestamp": "2026-11-27T09:00:01,5+0100"},
        {"semanticAction": {"entities": [{"key": "a", "value": {}}]}},
    ],
    ids=repr,
)
def test_what_msrest_converts_is_left_to_msrest(group: Group, changes: dict[str, Any]) -> None:
    body = teams_personal_message(group, group.people[0].aad_id, "hjälp") | changes
    assert read_without_msrest(body) is None
    assert outcome(read_activity, body) == outcome(msrest, body)


def test_a_mention_stays_the_bodys_own_and_channel_data_is_a_copy(group: Group) -> None:
    body = teams_channel_message(group, group.people[0].aad_id, "hjälp")
    activity = read_activity(body)
    assert activity.entities[0].additional_properties["mentioned"] is body["entities"][0]["mentioned"]
    assert activity.channel_data == body["channelData"] and activity.channel_data is not body["channelData"]
    assert activity.conversation.additional_properties == {"tenantId": group.tenant_id}
