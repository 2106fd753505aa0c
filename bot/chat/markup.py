"""Users' words inside the bot's Markdown: shown as written, never interpreted.

Only what Teams' Markdown acts on is escaped: an escape before a character it leaves alone
is shown as typed on Teams mobile (a name "(Säter)" came out as "\\(Säter\\)").
"""

from __future__ import annotations

import html
import re

from bot.documents.blocks import text_blocks

# Emphasis (`*` anywhere; `_` unless inside a word, where it never acts), inline code,
# strikethrough, a link's `](`, and a backslash that would escape what follows it.
_INLINE = re.compile(r"[*`]|~~|\](?=\()|(?<![^\W_])_|_(?![^\W_])|\\(?=[!-/:-@\[-`{-~]|\n)")
# What starts a list, a quote or a heading when it opens a line.
_LINE_START = re.compile(r"^([ \t]*)(?:(>)|([-+#])(?=[ \t]|$)|(\d{1,9})([.)])(?=[ \t]|$))", re.MULTILINE)


def _markdown(text: str) -> str:
    inline = _INLINE.sub(lambda m: "".join("\\" + c for c in m[0]), text)
    return _LINE_START.sub(lambda m: f"{m[1]}{m[4] or ''}\\{m[2] or m[3] or m[5]}", inline)


def plain(text: str) -> str:
    """Escapes HTML and Markdown so that a title like `**x** <at>y</at>` is shown literally."""
    return _markdown(html.escape(text, quote=False))


def card_plain(text: str) -> str:
    """For Adaptive Card text: Markdown escaped; cards never render HTML, so that is left as written."""
    return _markdown(text)


def card_prose(text: str) -> str:
    """A text as the protocol lays it out: paragraphs, and its dashed lines as a Markdown list.

    The list is set off by a blank line: a card's Markdown starts a list only on a line of its own.
    """
    return "\n\n".join(
        "\n".join(f"- {card_plain(line)}" for line in block.lines)
        if block.kind == "list"
        else "\n".join(card_plain(line) for line in block.lines)
        for block in text_blocks(text)
    )


def echo(text: str, limit: int = 200) -> str:
    """A person's words read back to them (an unknown command): shown literally, and cut short.

    Teams refuses a message over 28 KB rather than cutting it, so a long text read back
    whole would leave the person with no answer at all.
    """
    return plain(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")
