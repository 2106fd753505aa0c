"""The request body read as strict JSON, with limits: what cannot be kept as it was sent is refused.

`json.loads` takes more than the bot can keep, and raises more than `JSONDecodeError`:

- an integer of more than 4,300 digits raises a plain ValueError (Python's limit on
  converting long digit strings), and deep nesting a RecursionError: both were a 500;
- `NaN`, `Infinity` and a number too large for a float (`1e400`, read as infinity) are no
  JSON at all, and cannot be written back to PostgreSQL's JSON columns or to Teams;
- a lone surrogate (`"\\ud800"`) is read into a string that no UTF-8 writer takes;
- a key given twice keeps the last value silently: two readers of the same body could
  disagree on what it says.

Each is refused with a `BodyError` naming it (in Swedish, as the endpoint's other refusals).
A Teams activity nests about ten levels and its numbers are short, so the limits leave it room.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_DEPTH = 64
MAX_NUMBER_LENGTH = 100  # characters of one number literal
# A surrogate escaped, or one a charset such as raw_unicode_escape decoded into the text itself.
_SURROGATE = re.compile("\\\\u[dD][89a-fA-F]|[\ud800-\udfff]")


class BodyError(ValueError):
    """Why the body is refused, in Swedish."""


def parse_body(raw: bytes, charset: str = "utf-8") -> Any:
    """The JSON value of `raw` in `charset` (the Content-Type's; Teams sends UTF-8), or a BodyError."""
    try:
        text = raw.decode(charset)
    except LookupError:
        raise BodyError(f"ogiltig JSON: okänd teckenkodning {charset[:40]!r}") from None
    except UnicodeDecodeError:
        raise BodyError(f"ogiltig JSON: texten är inte {charset[:40]}") from None
    try:
        body = json.loads(
            text, parse_int=_int, parse_float=_float, parse_constant=_constant, object_pairs_hook=_object
        )
    except RecursionError:
        raise BodyError(f"ogiltig JSON: nästlad djupare än {MAX_DEPTH} nivåer") from None
    except BodyError:
        raise
    except ValueError:
        raise BodyError("ogiltig JSON") from None
    # Depth is at most the number of brackets: only a body with many of them is walked.
    if text.count("{") + text.count("[") > MAX_DEPTH and _deeper_than(body, MAX_DEPTH):
        raise BodyError(f"ogiltig JSON: nästlad djupare än {MAX_DEPTH} nivåer")
    # Escaped surrogates in a pair read as one character: only a lone one is refused.
    if _SURROGATE.search(text) and not _writable(body):
        raise BodyError("ogiltig JSON: ett ensamt surrogattecken (\\ud800–\\udfff)")
    return body


def _int(literal: str) -> int:
    if len(literal) > MAX_NUMBER_LENGTH:
        raise BodyError(f"ogiltig JSON: ett tal med fler än {MAX_NUMBER_LENGTH} tecken")
    return int(literal)


def _float(literal: str) -> float:
    if len(literal) > MAX_NUMBER_LENGTH:
        raise BodyError(f"ogiltig JSON: ett tal med fler än {MAX_NUMBER_LENGTH} tecken")
    value = float(literal)
    if not math.isfinite(value):
        raise BodyError(f"ogiltig JSON: talet {literal[:20]} är för stort")
    return value


def _constant(literal: str) -> Any:
    raise BodyError(f"ogiltig JSON: {literal} är inget tal i JSON")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    value = dict(pairs)
    if len(value) != len(pairs):
        keys = [key for key, _ in pairs]
        twice = next(key for at, key in enumerate(keys) if key in keys[:at])
        raise BodyError(f"ogiltig JSON: nyckeln {twice[:40]!r} förekommer två gånger")
    return value


def _deeper_than(value: Any, limit: int) -> bool:
    pending = [(value, 1)]
    while pending:
        node, depth = pending.pop()
        children = node.values() if type(node) is dict else node if type(node) is list else ()
        for child in children:
            if type(child) in (dict, list):
                if depth + 1 > limit:
                    return True
                pending.append((child, depth + 1))
    return False


def _writable(body: Any) -> bool:
    try:
        json.dumps(body, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
