"""The invoke answer written by orjson reads back as what `json.dumps` wrote, or is refused as there."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum, StrEnum
from typing import Any

import orjson
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.cards.catalog import cards_dir, render
from bot.edge.json_answer import dumps

CARD = "application/vnd.microsoft.card.adaptive"


@dataclass
class _Thing:
    name: str


class _Text(str):
    pass


class _Number(IntEnum):
    ONE = 1


class _Word(StrEnum):
    YES = "yes"


NUMBERS = st.one_of(
    st.integers(-(2**70), 2**70),
    st.floats(),
    st.sampled_from((math.nan, math.inf, -math.inf, -0.0, 5e-324, 2**63, 2**64, -(2**63) - 1)),
)
ODD = st.sampled_from(
    (datetime(2026, 11, 27), _Thing("x"), _Text("x"), _Number.ONE, _Word.YES, "\ud800", {1}, b"x")
)
LEAVES = st.one_of(st.none(), st.booleans(), NUMBERS, st.text(max_size=10), ODD)
KEYS = st.one_of(
    st.text(max_size=6), st.integers(-5, 5), st.booleans(), st.none(), st.floats(allow_nan=False)
)
ANSWERS: st.SearchStrategy[Any] = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=6), inner, max_size=4),
        st.dictionaries(KEYS, inner, max_size=3),
    ),
)


def read_back(write: Any, answer: Any) -> Any:
    """What a reader gets (repr tells 1 from 1.0 and True; NaN equals itself), or the error's type."""
    try:
        return repr(json.loads(write(answer)))
    except Exception as error:
        return type(error)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANSWERS)
def test_an_answer_reads_back_as_json_dumps_wrote_it_or_is_refused_as_there(answer: Any) -> None:
    assert read_back(dumps, answer) == read_back(json.dumps, answer)


def test_a_card_is_written_by_orjson() -> None:
    sample = cards_dir() / "vote.sample.json"
    card = render("vote", json.loads(sample.read_text(encoding="utf-8")))
    answer = {"statusCode": 200, "type": CARD, "value": card}
    assert dumps(answer) == orjson.dumps(answer)
    assert json.loads(dumps(answer)) == json.loads(json.dumps(answer))


def test_nan_and_infinity_are_written_as_json_writes_them() -> None:
    assert dumps({"a": math.nan, "b": [math.inf]}) == b'{"a": NaN, "b": [Infinity]}'
