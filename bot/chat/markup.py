"""Users' words inside the bot's Markdown: shown as written, never interpreted."""

from __future__ import annotations

import html
import re

_MARKDOWN = re.compile(r"([\\`*_\[\]()#|~])")


def plain(text: str) -> str:
    """Escapes HTML and Markdown so that a title like `**x** <at>y</at>` is shown literally."""
    return _MARKDOWN.sub(r"\\\1", html.escape(text, quote=False))


def card_plain(text: str) -> str:
    """For Adaptive Card text: Markdown escaped; cards never render HTML, so that is left as written."""
    return _MARKDOWN.sub(r"\\\1", text)


def echo(text: str, limit: int = 200) -> str:
    """A person's words read back to them (an unknown command): shown literally, and cut short.

    Teams refuses a message over 28 KB rather than cutting it, so a long text read back
    whole would leave the person with no answer at all.
    """
    return plain(text if len(text) <= limit else text[: limit - 1].rstrip() + "…")
