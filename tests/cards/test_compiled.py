"""The compiled expander renders exactly what the interpreting expander it replaced rendered.

The interpreter is kept below, verbatim but for names, as the reference: it walked the
template on every rendering, which was slow but plainly right.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.cards.catalog import cards_dir, render, template
from bot.cards.template import TemplateError, compile_template

TEMPLATES = sorted(p for p in cards_dir().glob("*.json") if not p.name.endswith(".sample.json"))

# --- the reference: the interpreting expander as it was -------------------------------------------

_EXPRESSION = re.compile(r"\$\{([^{}]*)\}")
_PATH = re.compile(r"^!?(\$root|\$index|\$data|[A-Za-z_][A-Za-z0-9_]*)(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$")


@dataclass(frozen=True)
class _Scope:
    data: Any
    root: Any
    index: int | None = None


def reference(template: Any, data: Mapping[str, Any]) -> Any:
    return _expand(template, _Scope(data, data))


def _expand(node: Any, scope: _Scope) -> Any:
    if isinstance(node, str):
        return _string(node, scope)
    if isinstance(node, list):
        return [item for element in node for item in _element(element, scope)]
    if isinstance(node, dict):
        expanded = list(_element(node, scope))
        return expanded[0] if expanded else None
    return node


def _element(node: Any, scope: _Scope) -> list[Any]:
    if not isinstance(node, dict):
        return [_expand(node, scope)]
    if "$data" in node:
        bound = _value(node["$data"], scope)
        body = {k: v for k, v in node.items() if k != "$data"}
        if isinstance(bound, list):
            return [o for i, item in enumerate(bound) for o in _object(body, _Scope(item, scope.root, i))]
        return _object(body, _Scope(bound, scope.root, scope.index))
    return _object(node, scope)


def _object(node: dict[str, Any], scope: _Scope) -> list[Any]:
    if "$when" in node and not _value(node["$when"], scope):
        return []
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$when":
            continue
        if isinstance(value, dict):
            # A property whose object is left out is left out too (not null).
            expanded = _element(value, scope)
            if expanded:
                out[key] = expanded[0]
        else:
            out[key] = _expand(value, scope)
    return [out]


def _value(raw: Any, scope: _Scope) -> Any:
    return _string(raw, scope) if isinstance(raw, str) else raw


def _string(text: str, scope: _Scope) -> Any:
    whole = _EXPRESSION.fullmatch(text)
    if whole:
        return _lookup(whole.group(1).strip(), scope)
    return _EXPRESSION.sub(lambda m: _text(_lookup(m.group(1).strip(), scope)), text)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None or isinstance(value, dict | list):
        raise TemplateError(f"cannot write {type(value).__name__} into text")
    return str(value)


def _lookup(expression: str, scope: _Scope) -> Any:
    if not _PATH.match(expression):
        raise TemplateError(f"unsupported expression ${{{expression}}}")
    negate, parts = expression.startswith("!"), re.findall(r"[^.\[\]]+|\[\d+\]", expression.lstrip("!"))
    value = _start(parts[0], scope)
    for part in parts[1:]:
        value = _step(value, part, expression)
    return (not value) if negate else value


def _start(head: str, scope: _Scope) -> Any:
    if head == "$root":
        return scope.root
    if head == "$data":
        return scope.data
    if head == "$index":
        if scope.index is None:
            raise TemplateError("$index outside a repeated element")
        return scope.index
    return _step(scope.data, head, head)


def _step(value: Any, part: str, expression: str) -> Any:
    if part.startswith("["):
        index = int(part[1:-1])
        if not isinstance(value, list) or index >= len(value):
            raise TemplateError(f"${{{expression}}}: no element {index}")
        return value[index]
    if not isinstance(value, Mapping) or part not in value:
        raise TemplateError(f"${{{expression}}}: the data has no field {part!r}")
    return value[part]


# --- the comparison -------------------------------------------------------------------------------


def outcome(run: Callable[[], Any]) -> tuple[str, str]:
    """The card as JSON (which keeps key order and tells `true` from `1`), or the error raised."""
    try:
        result = run()
    except Exception as error:
        return type(error).__name__, str(error)
    return "card", json.dumps(result, ensure_ascii=False)


def sample(path: Path) -> dict[str, Any]:
    text = path.with_name(f"{path.stem}.sample.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def containers(node: Any) -> list[Any]:
    if isinstance(node, dict):
        return [node, *(c for v in node.values() for c in containers(v))]
    if isinstance(node, list):
        return [node, *(c for v in node for c in containers(v))]
    return []


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_every_card_renders_its_sample_as_the_interpreter_did(path: Path) -> None:
    data, card = sample(path), template(path.stem)
    compiled = compile_template(card)
    expected = outcome(lambda: reference(card, data))
    assert expected[0] == "card"
    assert outcome(lambda: compiled(data)) == expected
    assert outcome(lambda: render(path.stem, data)) == expected


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_every_card_fails_on_a_missing_field_as_the_interpreter_did(path: Path) -> None:
    data, card = sample(path), template(path.stem)
    compiled = compile_template(card)
    for field in data:
        short = {k: v for k, v in data.items() if k != field}
        assert outcome(lambda s=short: compiled(s)) == outcome(lambda s=short: reference(card, s))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_two_renderings_share_no_object_from_the_template(path: Path) -> None:
    data = sample(path)
    first, second = render(path.stem, data), render(path.stem, data)
    from_data = {id(c) for c in containers(data)}
    assert not ({id(c) for c in containers(first)} - from_data) & {id(c) for c in containers(second)}


def test_changing_a_rendered_card_leaves_the_next_rendering_alone() -> None:
    data = {**sample(cards_dir() / "vote.json"), "is_open": True}
    expected = reference(template("vote"), data)
    card = render("vote", data)
    card["version"] = "0"
    card["body"][0]["text"] = "changed"
    card["body"][0]["wrap"] = False
    card["body"][3]["actions"][0]["data"]["option"] = "changed"
    card["actions"][1]["card"]["body"][0]["maxLength"] = 1
    card["actions"][1]["card"]["body"].clear()
    card["body"].append({"type": "TextBlock"})
    assert render("vote", data) == expected
    assert template("vote") == json.loads((cards_dir() / "vote.json").read_text(encoding="utf-8"))


def test_a_literal_data_list_is_not_shared_between_renderings() -> None:
    compiled = compile_template({"items": [{"$data": [{"a": [1]}], "value": "${a}"}]})
    first = compiled({})
    first["items"][0]["value"].append(2)
    assert compiled({}) == {"items": [{"value": [1]}]}


@pytest.mark.parametrize("text", ["${a + 1}", "x ${b c} y", "${}", "${a..b}", "${!!a}"])
def test_an_unsupported_expression_is_refused_when_compiling(text: str) -> None:
    # Even where rendering would never reach it: the interpreter only noticed when it did.
    with pytest.raises(TemplateError, match="unsupported expression"):
        compile_template({"body": [{"$when": "${never}", "text": text}]})


# --- random templates and data --------------------------------------------------------------------

NAMES = st.sampled_from(["a", "b", "items", "flag"])
HEADS = st.sampled_from(["$root", "$data", "$index"]) | NAMES
STEPS = st.lists(NAMES.map(lambda n: f".{n}") | st.integers(0, 2).map(lambda i: f"[{i}]"), max_size=2)
EXPRESSIONS = st.builds(
    lambda bang, head, steps, pad: f"${{{pad}{bang}{head}{''.join(steps)}{pad}}}",
    st.sampled_from(["", "!"]),
    HEADS,
    STEPS,
    st.sampled_from(["", " "]),
)
# Pieces that look like expressions but are not, and text that comes close.
LITERALS = st.sampled_from(["", "x", " ", ": ", "$", "{", "}", "${", "$ {a}", "${a", "${a{b}}", "«»"])
TEXTS = st.lists(EXPRESSIONS | LITERALS, max_size=3).map("".join)
LEAVES = TEXTS | st.integers(-2, 2) | st.booleans() | st.none()
OPERANDS = st.one_of(TEXTS, EXPRESSIONS, st.booleans(), st.just([{"a": 1}, {"a": [2]}]), st.just({"a": 3}))


def _with(body: dict[str, Any], when: Any, data: Any, first: bool) -> dict[str, Any]:
    extra = {k: v for k, v in (("$when", when), ("$data", data)) if v is not None}
    return {**extra, **body} if first else {**body, **extra}


TEMPLATE_TREES = st.recursive(
    LEAVES,
    lambda children: (
        st.lists(children, max_size=3)
        | st.builds(
            _with,
            st.dictionaries(st.sampled_from(["type", "text", "items", "a"]), children, max_size=3),
            st.none() | OPERANDS,
            st.none() | OPERANDS,
            st.booleans(),
        )
    ),
    max_leaves=12,
)
DATA_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-2, 2) | st.sampled_from(["", "x", "${a}"]),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(NAMES, children, max_size=3),
    max_leaves=10,
)


@settings(max_examples=400, deadline=None)
@given(TEMPLATE_TREES, st.dictionaries(NAMES, DATA_VALUES, max_size=4))
def test_random_templates_render_as_the_interpreter_rendered(node: Any, data: dict[str, Any]) -> None:
    try:
        compiled = compile_template(node)
    except TemplateError as error:
        # Refused earlier than the interpreter would have; only ever for syntax it never took.
        expression = str(error).removeprefix("unsupported expression ")
        assert expression != str(error)
        assert expression[2:-1] in json.dumps(node, ensure_ascii=False)
        return
    expected = outcome(lambda: reference(node, data))
    assert outcome(lambda: compiled(data)) == expected
    assert outcome(lambda: compile_template(node)(data)) == expected
    if expected[0] == "card":
        first, second = compiled(data), compiled(data)
        from_data = {id(c) for c in containers(data)}
        assert not ({id(c) for c in containers(first)} - from_data) & {id(c) for c in containers(second)}
