"""A strict expander for the subset of the Adaptive Card template language the cards use.

Supported: `${path}` (a whole string keeps the value's type; inside text it is
interpolated), `${!path}`, `$root`, `$index`, `$data` on an object (rebinds the
scope; inside an array a list repeats the object once per item) and `$when`.

Written here rather than taken from adaptive-cards-templating-py, which evaluates
expressions with `eval`, prints its errors and renders a missing field as "None":
a card with a missing field is a bug, and here it raises.

A template is compiled once into closures, so that rendering does no parsing: most of a
card is constant strings, and a card is rendered on every vote. An unsupported expression
is refused when compiling; a missing field only when rendering, as only the data can tell.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

_EXPRESSION = re.compile(r"\$\{([^{}]*)\}")
_PATH = re.compile(r"^!?(\$root|\$index|\$data|[A-Za-z_][A-Za-z0-9_]*)(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$")

# A compiled node, called with the scope: (data, root, index of the repeated element).
_Render = Callable[[Any, Any, int | None], Any]
# (leaf, None) for an immutable leaf, which renderings may share; (None, render) for all else.
_Compiled = tuple[Any, _Render | None]


class TemplateError(Exception):
    """The template asks for something the data does not have."""


def compile_template(template: Any) -> Callable[[Mapping[str, Any]], Any]:
    """Each call returns a fresh card: dicts and lists are built anew, never shared."""
    constant, render = _compile(template)
    if render is None:
        return lambda data: constant
    return lambda data: render(data, data, None)


def _compile(node: Any) -> _Compiled:
    if isinstance(node, str):
        return _string(node)
    if isinstance(node, list):
        return None, _list(node)
    if isinstance(node, dict):
        render, repeated = _element(node)
        if not repeated:
            return None, render

        def first(data: Any, root: Any, index: int | None) -> Any:
            # Every copy is rendered, as in an array, so that a missing field in any still raises.
            copies = render(data, root, index)
            return copies[0] if copies else None

        return None, first
    return node, None


def _list(node: list[Any]) -> _Render:
    items = [(None, *_element(e)) if isinstance(e, dict) else (*_compile(e), False) for e in node]
    if not any(repeated for _, _, repeated in items):
        # One item per element: copy a skeleton of the constants and fill in the rest.
        skeleton = [constant for constant, _, _ in items]
        fills = [(position, render) for position, (_, render, _) in enumerate(items) if render is not None]

        def single(data: Any, root: Any, index: int | None) -> list[Any]:
            out = skeleton.copy()
            for position, render in fills:
                out[position] = render(data, root, index)
            return out

        return single

    def spread(data: Any, root: Any, index: int | None) -> list[Any]:
        out: list[Any] = []
        for constant, render, repeated in items:
            if render is None:
                out.append(constant)
            elif repeated:
                out.extend(render(data, root, index))
            else:
                out.append(render(data, root, index))
        return out

    return spread


def _element(node: dict[str, Any]) -> tuple[_Render, bool]:
    """An object, rendered as one object or, with `$when` or `$data`, as a list of zero or more."""
    build = _object(node)
    when = _operand(node["$when"]) if "$when" in node else None
    if "$data" not in node:
        if when is None:
            return build, False
        return (lambda data, root, index: [build(data, root, index)] if when(data, root, index) else []), True
    source = _operand(node["$data"])

    def repeat(data: Any, root: Any, index: int | None) -> list[Any]:
        bound = source(data, root, index)
        if isinstance(bound, list):
            if when is None:
                return [build(item, root, i) for i, item in enumerate(bound)]
            return [build(item, root, i) for i, item in enumerate(bound) if when(item, root, i)]
        return [build(bound, root, index)] if when is None or when(bound, root, index) else []

    return repeat, True


def _object(node: dict[str, Any]) -> _Render:
    skeleton: dict[str, Any] = {}
    # (key, render, optional): an optional value is an object with `$when` or `$data`, rendered as
    # a list of none or more; filled in the template's order, so errors come in the same order.
    fills: list[tuple[str, _Render, bool]] = []
    for key, value in node.items():
        if key in ("$when", "$data"):
            continue
        if isinstance(value, dict):
            render, repeated = _element(value)
            skeleton[key] = None
            fills.append((key, render, repeated))
            continue
        constant, render = _compile(value)
        skeleton[key] = constant
        if render is not None:
            fills.append((key, render, False))

    def build(data: Any, root: Any, index: int | None) -> dict[str, Any]:
        # Assigning to a key already there keeps its place: the card's keys stay in the template's order.
        out = skeleton.copy()
        for key, render, optional in fills:
            if not optional:
                out[key] = render(data, root, index)
                continue
            # Every copy is rendered, so that a missing field in any still raises; a property
            # whose object is left out (`$when` false, no items) is left out too, as in the
            # reference templating, rather than written as null.
            copies = render(data, root, index)
            if copies:
                out[key] = copies[0]
            else:
                del out[key]
        return out

    return build


def _operand(raw: Any) -> _Render:
    """The value of `$when` or `$data`: a string is an expression, anything else is itself."""
    if isinstance(raw, str):
        constant, render = _string(raw)
        return render or (lambda data, root, index: constant)
    # A literal list or object would become the scope; a copy keeps it from leaking into the card.
    return lambda data, root, index: copy.deepcopy(raw)


# Strings recur across cards and across `expand` calls, and what they compile to is pure.
@lru_cache(maxsize=4096, typed=True)
def _string(text: str) -> _Compiled:
    whole = _EXPRESSION.fullmatch(text)
    if whole:
        return None, _lookup(whole.group(1).strip())
    pieces: list[str] = _EXPRESSION.split(text)  # literal, expression, literal, ..., literal
    if len(pieces) == 1:
        return text, None
    fills = [(i, _lookup(pieces[i].strip())) for i in range(1, len(pieces), 2)]

    def interpolate(data: Any, root: Any, index: int | None) -> str:
        out = pieces.copy()
        for position, lookup in fills:
            out[position] = _text(lookup(data, root, index))
        return "".join(out)

    return None, interpolate


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None or isinstance(value, dict | list):
        raise TemplateError(f"cannot write {type(value).__name__} into text")
    return str(value)


def _lookup(expression: str) -> _Render:
    if not _PATH.match(expression):
        raise TemplateError(f"unsupported expression ${{{expression}}}")
    negate = expression.startswith("!")
    head, *parts = re.findall(r"[^.\[\]]+|\[\d+\]", expression.lstrip("!"))
    start = _HEADS.get(head) or _field_of_data(head)
    if not parts and not negate:
        return start  # `${name}`, the commonest by far, costs one call
    steps = [_step(part, expression) for part in parts]

    def lookup(data: Any, root: Any, index: int | None) -> Any:
        value = start(data, root, index)
        for step in steps:
            value = step(value)
        return (not value) if negate else value

    return lookup


def _root(data: Any, root: Any, index: int | None) -> Any:
    return root


def _data(data: Any, root: Any, index: int | None) -> Any:
    return data


def _index(data: Any, root: Any, index: int | None) -> int:
    if index is None:
        raise TemplateError("$index outside a repeated element")
    return index


_HEADS: dict[str, _Render] = {"$root": _root, "$data": _data, "$index": _index}


def _field_of_data(name: str) -> _Render:
    def field(data: Any, root: Any, index: int | None) -> Any:
        if (type(data) is dict or isinstance(data, Mapping)) and name in data:
            return data[name]
        raise _missing(name, name)  # the message names the field alone, as `${name}`

    return field


def _step(part: str, expression: str) -> Callable[[Any], Any]:
    if part.startswith("["):
        position = int(part[1:-1])

        def element(value: Any) -> Any:
            if not isinstance(value, list) or position >= len(value):
                raise TemplateError(f"${{{expression}}}: no element {position}")
            return value[position]

        return element

    def field(value: Any) -> Any:
        # `type(...) is dict` first: data is JSON-like, and the abstract Mapping check is slow.
        if (type(value) is dict or isinstance(value, Mapping)) and part in value:
            return value[part]
        raise _missing(expression, part)

    return field


def _missing(expression: str, field: str) -> TemplateError:
    return TemplateError(f"${{{expression}}}: the data has no field {field!r}")
