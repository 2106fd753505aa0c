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
