"""Plain text as the protocol's writers type it, cut into blocks the template can lay out.

Users' words stay plain strings here: the template escapes them, so nothing a member
types can become markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# "* " is left out: a line starting with "**bold**" must stay text, not become a list.
_BULLETS = ("- ", "– ", "• ")


@dataclass(frozen=True)
class Block:
    kind: Literal["paragraph", "list"]
    lines: tuple[str, ...]


def text_blocks(text: str) -> tuple[Block, ...]:
    """Blank lines part paragraphs; a chunk whose every line starts with a dash is a list."""
    normalized = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not normalized:
        return ()
    return tuple(_block(chunk) for chunk in _BLANK_LINE.split(normalized) if chunk.strip())


def _block(chunk: str) -> Block:
    lines = tuple(line.strip() for line in chunk.strip().split("\n") if line.strip())
    if all(line.startswith(_BULLETS) for line in lines):
        return Block("list", tuple(line[2:].strip() for line in lines))
    return Block("paragraph", lines)
