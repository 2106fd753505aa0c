"""Övriga frågor: cleaning a member's text and deciding which meeting it belongs to.

An item that misses a deadline is never lost (§3: "övriga frågor ska vara anmälda
innan dess"): it is refused for that meeting and offered for the next open one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo

from .deadlines import deadlines_for
from .errors import DomainError
from .group import Rules
from .meetings import Meeting, MeetingState

# Once the notice is fixed the agenda is closed, whatever the clock says.
OPEN_STATES = frozenset({MeetingState.PLANNED, MeetingState.AGENDA_PUBLISHED})

# Teams and mail clients send \r\n, lone \r and the Unicode line/paragraph separators.
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c]")
_BLANK_RUNS = re.compile(r"\n{3,}")
# Bidi overrides and isolates can make a card show text in another order than it was written.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc" or ch in _BIDI_CONTROLS


def _clean_line(line: str) -> str:
    # Tabs and other spaces become one space, so "a\tb" keeps its word break.
    kept = (" " if ch.isspace() else ch for ch in line if ch.isspace() or not _is_control(ch))
    return " ".join("".join(kept).split())


def normalise_text(raw: str) -> str:
    """NFC, one kind of line break, no control characters, single spaces, at most one blank line."""
    text = _LINE_BREAKS.sub("\n", unicodedata.normalize("NFC", raw))
    lines = [_clean_line(line) for line in text.split("\n")]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def clean_item(raw: str, rules: Rules) -> tuple[str, str]:
    """(title, text) from what a member wrote: the first line is the title, the rest the text."""
    cleaned = normalise_text(raw)
    if not cleaned:
        raise DomainError("item.empty")
    title, _, text = cleaned.partition("\n")
    text = text.strip()
    if len(title) > rules.item_title_max:
        raise DomainError("item.title_too_long", limit=rules.item_title_max, length=len(title))
    if len(text) > rules.item_text_max:
        raise DomainError("item.too_long", limit=rules.item_text_max, length=len(text))
    return title, text


@dataclass(frozen=True)
class Placement:
    """Where a new item goes.

    `meeting` is the meeting it is placed on or, when late, offered for (None when the
    year plan has no later open meeting); `late_for` is the meeting whose deadline passed.
    """

    meeting: Meeting | None
    late_for: Meeting | None

    @property
    def is_late(self) -> bool:
        return self.late_for is not None


def is_open_for_items(meeting: Meeting, rules: Rules, tz: tzinfo, now: datetime) -> bool:
    return meeting.state in OPEN_STATES and deadlines_for(meeting, rules, tz).in_time_for_items(now)


def upcoming_meetings(meetings: Sequence[Meeting], now: datetime) -> list[Meeting]:
    """Meetings not cancelled that start after `now`, earliest first."""
    kept = (m for m in meetings if not m.is_cancelled and m.starts_at > now)
    return sorted(kept, key=lambda m: (m.starts_at, m.id))


def place_item(meetings: Sequence[Meeting], rules: Rules, tz: tzinfo, now: datetime) -> Placement:
    upcoming = upcoming_meetings(meetings, now)
    if not upcoming:
        raise DomainError("item.no_meeting")
    first = upcoming[0]
    if is_open_for_items(first, rules, tz, now):
        return Placement(meeting=first, late_for=None)
    later = next((m for m in upcoming[1:] if is_open_for_items(m, rules, tz, now)), None)
    return Placement(meeting=later, late_for=first)
