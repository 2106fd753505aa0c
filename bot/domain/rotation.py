"""Swedish alphabetical order and the adjuster rotation (§2: "i bokstavsordning, utifrån kommunnamn").

The collation is written here on purpose: there is no well-kept pure-Python Swedish
collation, `locale.strxfrm` depends on which locales the host has installed, and PyICU is
a heavy native dependency for the ~25 names this group sorts.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .errors import DomainError
from .group import PriorAdjuster

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


@dataclass(frozen=True)
class AdjusterProposal:
    """The municipality whose representative should adjust this meeting's protocol."""

    municipality: str
    after: str | None  # the previous adjuster's municipality, as given
    skipped: tuple[tuple[str, str], ...]  # (municipality, reason), reason "absent" or "chair"
    wrapped: bool  # went past the end of the alphabet to get here


@dataclass(frozen=True)
class RotationStart:
    """Where the rotation continues from: the last adjuster, and whether the bot recorded it."""

    last: str | None  # None: from the top of the order
    before_bot: date | None = None  # the group file's date, when the file's record is what counts


def rotation_start(recorded: str | None, prior: PriorAdjuster | None, meeting_day: date) -> RotationStart:
    """The bot's own record wins; without one, the group file's, for a meeting after its date.

    The file's record says how the group's rotation stood before the bot: a meeting on or
    before that date is not one it can follow, so there the rotation starts from the top.
    """
    if recorded is not None:
        return RotationStart(recorded)
    if prior is not None and prior.date < meeting_day:
        return RotationStart(prior.municipality, prior.date)
    return RotationStart(None)


def _start_index(order: list[str], last: str | None) -> int:
    """Index of the first candidate after `last` (a name no longer listed counts where it would sort)."""
    if last is None:
        return 0
    folded = [m.casefold() for m in order]
    if last.casefold() in folded:
        return folded.index(last.casefold()) + 1
    return bisect.bisect_right([swedish_key(m) for m in order], swedish_key(last))


def _skip_reason(municipality: str, present: set[str], chair_municipality: str | None) -> str | None:
    if chair_municipality is not None and municipality.casefold() == chair_municipality.casefold():
        return "chair"  # the chair signs the protocol anyway; a second reader is the point
    if municipality.casefold() not in present:
        return "absent"
    return None


def next_adjuster(
    municipalities: Sequence[str],
    last: str | None,
    present: Collection[str],
    chair_municipality: str | None,
) -> AdjusterProposal:
    """The next municipality after `last`, in Swedish order, with a representative present.

    `present` holds municipality names (those with someone present). The chair's
    municipality is skipped. The search wraps around and may end on `last` itself.
    """
    order = swedish_sorted(dict.fromkeys(municipalities))
    start = _start_index(order, last)
    present_folded = {m.casefold() for m in present}
    skipped: list[tuple[str, str]] = []
    for step in range(len(order)):
        index = (start + step) % len(order)
        reason = _skip_reason(order[index], present_folded, chair_municipality)
        if reason is None:
            return AdjusterProposal(order[index], last, tuple(skipped), wrapped=start + step >= len(order))
        skipped.append((order[index], reason))
    raise DomainError("adjuster.none_eligible")
