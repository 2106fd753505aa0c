"""What a person writes, cleaned the one way: the characters first, then the layout.

`clean_text` is applied where text comes in (every message and every card field, in the
chat layer), so an item, a reason, a place, a paragraph or a comment is stored and shown
alike on SQLite and PostgreSQL: PostgreSQL refuses NUL in text, and no database takes a
lone surrogate. The layout (`normalise_text`, `one_line`) is the domain's, per field.
"""

from __future__ import annotations

import re
import unicodedata

# Teams and mail clients send \r\n, lone \r and the Unicode line/paragraph separators.
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
_BLANK_RUNS = re.compile(r"\n{3,}")
# Control characters (C0 but the line break and the tab, DEL, C1: Unicode's category Cc). Bidi
# embeddings, overrides and isolates can make a card show text in another order than it was
# written (a name, a decision, a link); the marks LRM, RLM and ALM only move punctuation, and a
# steering group writing Swedish has no use for them. A byte-order mark pasted with a text
# would hide the § that starts its first line.
_REMOVED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff]")
# A lone surrogate (JSON's "\ud800") has no UTF-8, and no database takes it.
_REPLACEMENT = "\ufffd"
_SURROGATES = re.compile(r"[\ud800-\udfff]")


def clean_text(raw: str) -> str:
    """The text as a person meant it: NFC, every line break a \\n, tabs kept; control characters
    (C0, C1, NUL, DEL) and bidi controls removed, a lone surrogate made U+FFFD.

    NFC, because a version is the hash of the text and a name typed on a Mac (decomposed å)
    must be the same name; it never changes how a text looks.
    """
    text = _REMOVED.sub("", _LINE_BREAKS.sub("\n", raw))
    return unicodedata.normalize("NFC", _SURROGATES.sub(_REPLACEMENT, text))


def _clean_line(line: str) -> str:
    # Tabs and other spaces become one space, so "a\tb" keeps its word break.
    return " ".join(line.split())


def normalise_text(raw: str) -> str:
    """A text of lines: cleaned, single spaces, at most one blank line, nothing around it."""
    lines = [_clean_line(line) for line in clean_text(raw).split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def one_line(raw: str) -> str:
    """A text that is one line (a place, a heading): cleaned, its line breaks made spaces."""
    return " ".join(clean_text(raw).split())
