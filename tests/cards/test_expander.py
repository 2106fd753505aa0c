"""The strict template expander: data is inserted as data, and a missing field is an error."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.cards.template import TemplateError, compile_template


def expand(template: Any, data: dict[str, Any]) -> Any:
    return compile_template(template)(data)


def test_a_whole_string_expression_keeps_the_type() -> None:
    assert expand({"n": "${count}", "b": "${flag}"}, {"count": 3, "flag": True}) == {"n": 3, "b": True}


def test_expressions_inside_text_are_interpolated() -> None:
    assert expand({"text": "${a}. ${b.c}"}, {"a": 1, "b": {"c": "Budget"}}) == {"text": "1. Budget"}


def test_data_repeats_an_array_element_per_item_with_its_index() -> None:
    template = {"items": [{"$data": "${rows}", "text": "${$index}: ${name} (${$root.group})"}]}
    data = {"rows": [{"name": "Avesta"}, {"name": "Säter"}], "group": "G"}
    assert expand(template, data) == {"items": [{"text": "0: Avesta (G)"}, {"text": "1: Säter (G)"}]}


def test_when_removes_an_element_and_negation_keeps_the_other() -> None:
    template = {"body": [{"$when": "${shown}", "text": "a"}, {"$when": "${!shown}", "text": "b"}]}
    assert expand(template, {"shown": False}) == {"body": [{"text": "b"}]}


@pytest.mark.parametrize(
    "template",
    [
        {"text": "${missing}"},
        {"text": "x ${a.b}"},
        {"items": [{"$data": "${nope}", "text": "t"}]},
        {"text": "${a + 1}"},
        {"text": "${$index}"},
    ],
)
def test_anything_the_data_does_not_have_is_an_error(template: object) -> None:
    with pytest.raises(TemplateError):
        expand(template, {"a": {"c": 1}})


@given(st.text())
def test_user_text_is_inserted_verbatim_and_never_parsed(value: str) -> None:
    assert expand({"text": "${v}", "list": ["${v}"]}, {"v": value}) == {"text": value, "list": [value]}
    assert expand({"text": "«${v}»"}, {"v": value}) == {"text": f"«{value}»"}


def test_a_property_whose_object_is_left_out_is_left_out() -> None:
    template = {"type": "AdaptiveCard", "refresh": {"$when": "${again}", "userIds": "${who}"}, "body": []}
    assert expand(template, {"again": False, "who": []}) == {"type": "AdaptiveCard", "body": []}
    assert expand(template, {"again": True, "who": ["29:a"]}) == {
        "type": "AdaptiveCard",
        "refresh": {"userIds": ["29:a"]},
        "body": [],
    }
