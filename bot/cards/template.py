"""A strict expander for the subset of the Adaptive Card template language the cards use.

Supported: `${path}` (a whole string keeps the value's type; inside text it is
interpolated), `${!path}`, `$root`, `$index`, `$data` on an object (rebinds the
scope; inside an array a list repeats the object once per item) and `$when`.

Written here rather than taken from adaptive-cards-templating-py, which evaluates
expressions with `eval`, prints its errors and renders a missing field as "None":
a card with a missing field is a bug, and here it raises.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

_EXPRESSION = re.compile(r"\$\{([^{}]*)\}")
_PATH = re.compile(r"^!?(\$root|\$index|\$data|[A-Za-z_][A-Za-z0-9_]*)(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$")


class TemplateError(Exception):
    """The template asks for something the data does not have."""


@dataclass(frozen=True)
class _Scope:
    data: Any
    root: Any
    index: int | None = None


def expand(template: Any, data: Mapping[str, Any]) -> Any:
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
    """An array element: an object with `$data` bound to a list becomes one copy per item."""
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
    return [{k: _expand(v, scope) for k, v in node.items() if k != "$when"}]


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
    negate, parts = _parsed(expression)
    value = _start(parts[0], scope)
    for part in parts[1:]:
        value = _step(value, part, expression)
    return (not value) if negate else value


@lru_cache(maxsize=1024)  # a card's few expressions are the same on every rendering
def _parsed(expression: str) -> tuple[bool, tuple[str, ...]]:
    if not _PATH.match(expression):
        raise TemplateError(f"unsupported expression ${{{expression}}}")
    return expression.startswith("!"), tuple(re.findall(r"[^.\[\]]+|\[\d+\]", expression.lstrip("!")))


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
