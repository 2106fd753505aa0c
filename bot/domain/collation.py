"""Swedish alphabetical order: a–z, then å, ä, ö; for municipalities and people alike.

The collation is written here on purpose: there is no well-kept pure-Python Swedish
collation, `locale.strxfrm` depends on which locales the host has installed, and PyICU is
a heavy native dependency for the ~25 names this group sorts.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_ALPHABET = "abcdefghijklmnopqrstuvwxyzåäö"


_LETTER_RANK = {ch: rank for rank, ch in enumerate(_ALPHABET)}
# Letters Swedish sorts with its own three: Danish/Norwegian æ and ø (SAOL practice).
_LETTER_RANK |= {"æ": _LETTER_RANK["ä"], "ø": _LETTER_RANK["ö"]}


# Letters that do not decompose to a base letter in Unicode.
_NO_DECOMPOSITION = {"ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "œ": "oe"}


# Classes in sort order: separators (space, hyphen, punctuation) before digits before letters.
_SEPARATOR, _DIGIT, _LETTER, _OTHER = range(4)


def _weights(ch: str) -> tuple[tuple[int, int], ...]:
    if ch in _LETTER_RANK:
        return ((_LETTER, _LETTER_RANK[ch]),)
    if ch in _NO_DECOMPOSITION:
        return tuple(w for base in _NO_DECOMPOSITION[ch] for w in _weights(base))
    base = unicodedata.normalize("NFD", ch)[0]
    if base in _LETTER_RANK and base != ch:
        return ((_LETTER, _LETTER_RANK[base]),)  # é as e, ü as u
    if ch.isdigit():
        return ((_DIGIT, unicodedata.digit(ch, 0)),)
    if ch.isspace() or unicodedata.category(ch).startswith("P"):
        return ((_SEPARATOR, ord(ch)),)
    return ((_OTHER, ord(ch)),)


@lru_cache(maxsize=4096)  # the same few names are sorted on every vote and attendance card
def swedish_key(name: str) -> tuple:
    """Sort key for Swedish alphabetical order: a–z, å, ä, ö; case-insensitive.

    The letters decide first; accents, then case, only break ties, so the order is
    total and does not depend on the input order (Ede before Éde, always).
    """
    folded = unicodedata.normalize("NFC", name).casefold()
    primary = tuple(w for ch in folded for w in _weights(ch))
    return (primary, folded, name)


def swedish_sorted(names: Iterable[str]) -> list[str]:
    return sorted(names, key=swedish_key)
