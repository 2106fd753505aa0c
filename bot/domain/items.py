"""Övriga frågor (agenda items): the item as stored, its text cleaned, the meeting it belongs to.

An item that misses a deadline is never lost (§3: "övriga frågor ska vara anmälda
innan dess"): it is refused for that meeting and offered for the next open one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import StrEnum

from .deadlines import deadlines_for
from .errors import DomainError
from .group import Rules
from .meetings import Meeting, MeetingState
from .text import normalise_text

# Once the notice is fixed the agenda is closed, whatever the clock says.
OPEN_STATES = frozenset({MeetingState.PLANNED, MeetingState.AGENDA_PUBLISHED})


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


class ItemState(StrEnum):
    ON_AGENDA = "on_agenda"  # placed on a meeting's agenda
    OFFERED = "offered"  # came after the deadline: kept, offered for `meeting_id` (the next meeting)
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class AgendaItem:
    id: int
    meeting_id: int | None
    title: str
    text: str
    submitted_by: str  # aad id
    submitted_at: datetime  # aware, UTC
    state: ItemState = ItemState.ON_AGENDA
    late_for_meeting_id: int | None = None  # the meeting whose deadline it missed
