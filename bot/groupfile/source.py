"""Reading the YAML text, and finding the line of any key path in it."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarbool import ScalarBoolean

from bot.groupfile.problems import GroupFileError, Loc, Problem


class _Constructor(RoundTripConstructor):
    """Round-trip constructor that leaves an impossible date (2024-02-30) as text.

    ruamel raises a bare ValueError without a line for those; as text it reaches the
    date validator, which reports it with its line like any other bad value.
    """

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return str(node.value)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


@dataclass(frozen=True)
class Source:
    """The parsed file: `tree` keeps ruamel's line information, `data` is plain Python."""

    tree: Any
    data: Any

    def line(self, loc: Loc) -> int | None:
        """1-based line of the deepest key (or list item) of `loc` that exists in the file."""
        node = self.tree
        line = _own_line(node)
        for part in loc:
            if isinstance(node, CommentedMap):
                key = _find_key(node, part)
                if key is _MISSING:
                    break
                line = _position(node.lc.key, key, line)
                node = node[key]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
                line = _position(node.lc.item, part, line)
                node = node[part]
            else:
                break
        return line


_MISSING = object()


def _find_key(node: CommentedMap, part: str | int) -> Any:
    if part in node:
        return part
    # Plain data turns every key into text; a YAML key like `2024:` is an int in the tree.
    return next((k for k in node if str(k) == str(part)), _MISSING)


def _position(lookup: Any, key: Any, fallback: int | None) -> int | None:
    try:
        return int(lookup(key)[0]) + 1
    except (KeyError, IndexError, TypeError):  # keys brought in by a merge (<<) have no own position
        return fallback


def _own_line(node: Any) -> int | None:
    lc = getattr(node, "lc", None)
    return None if lc is None or lc.line is None else int(lc.line) + 1


def to_plain(node: Any) -> Any:
    """ruamel's subclasses -> dict, list, str, int, float, bool, date, so strict validation applies."""
    if isinstance(node, dict):
        return {str(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, ScalarBoolean):  # an anchored boolean: an int subclass in ruamel
        return bool(node)
    for plain in (bool, str, int, float):  # bool before int: bool is an int
        if isinstance(node, plain):
            return plain(node)
    return node  # None, and dates (ruamel's TimeStamp subclasses datetime and stays one)


def read_source(path: str | os.PathLike[str]) -> Source:
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        raise GroupFileError([Problem("", None, f"filen finns inte: {name}")], name) from None
    except IsADirectoryError:
        raise GroupFileError([Problem("", None, f"{name} är en katalog, inte en fil")], name) from None
    except OSError as error:
        message = f"filen kan inte läsas ({error.strerror or error})"
        raise GroupFileError([Problem("", None, message)], name) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = "filen är inte sparad som UTF-8 — spara om den med teckenkodningen UTF-8 (å, ä, ö)"
        raise GroupFileError([Problem("", line, message)], name) from None
    try:
        tree = YAML(typ="rt")
        tree.Constructor = _Constructor
        document = tree.load(text)
    except MarkedYAMLError as error:
        raise GroupFileError([_syntax_problem(error)], name) from None
    except YAMLError as error:
        raise GroupFileError([Problem("", None, f"ogiltig YAML ({error})")], name) from None
    return Source(tree=document, data=to_plain(document))


_DUPLICATE = re.compile(r'found duplicate key "(?P<key>[^"]*)"')

# The few faults administrators actually make, in their words; the rest keep ruamel's text.
_HINTS: tuple[tuple[str, str], ...] = (
    ("'\\t'", "tabbtecken får inte användas för indrag i YAML — använd mellanslag"),
    (
        "expected <block end>",
        "indraget stämmer inte — nycklar på samma nivå ska ha lika många inledande mellanslag",
    ),
    (
        "mapping values are not allowed here",
        "ett kolon (:) står där det inte får stå — saknas ett mellanslag efter kolon, "
        "eller ska värdet stå inom citattecken?",
    ),
    ("found another document", "filen får bara innehålla ett YAML-dokument (en rad med --- för mycket?)"),
    ("found undefined alias", "aliaset (*namn) saknar ett ankare (&namn)"),
    (
        "found unexpected end of stream",
        "filen tar slut mitt i ett värde — saknas ett avslutande citattecken eller en parentes?",
    ),
)


def _syntax_problem(error: MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = None if mark is None else int(mark.line) + 1
    problem = str(error.problem or error.context or "")
    if isinstance(error, DuplicateKeyError) and (match := _DUPLICATE.search(problem)):
        return Problem(
            "", line, f'nyckeln "{match["key"]}" förekommer två gånger i samma avsnitt — ta bort den ena'
        )
    for needle, hint in _HINTS:
        if needle in problem or needle in str(error.context or ""):
            return Problem("", line, f"ogiltig YAML: {hint}")
    return Problem("", line, f"ogiltig YAML ({problem})")
