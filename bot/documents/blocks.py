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
    """Blank lines part paragraphs; dashed lines make a list, alone or after a paragraph's lead lines."""
    normalized = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not normalized:
        return ()
    return tuple(block for chunk in _BLANK_LINE.split(normalized) for block in _blocks(chunk))


def _blocks(chunk: str) -> tuple[Block, ...]:
    """A chunk of dashed lines is a list; so are the dashed lines that end one, after its lead."""
    lines = tuple(line.strip() for line in chunk.strip().split("\n") if line.strip())
    lead = len(lines)
    while lead > 0 and lines[lead - 1].startswith(_BULLETS):
        lead -= 1
    if lead == len(lines) or any(line.startswith(_BULLETS) for line in lines[:lead]):
        return (Block("paragraph", lines),) if lines else ()
    items = Block("list", tuple(line[2:].strip() for line in lines[lead:]))
    return (Block("paragraph", lines[:lead]), items) if lead else (items,)
