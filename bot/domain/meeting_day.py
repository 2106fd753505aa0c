"""The meeting day: which meeting is "current", and the day's record (start, adjuster, submission).

A meeting is current from 30 minutes before its start (people check in early) until
3 hours after its planned end (meetings run over; votes and reservations are taken
while the protocol notes are fresh). Check-in, votes and the adjuster need a current
meeting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from .adjuster import Appointment
from .meetings import Meeting

OPENS_BEFORE = timedelta(minutes=30)
STAYS_OPEN_AFTER = timedelta(hours=3)


def day_ends_at(meeting: Meeting) -> datetime:
    """When the meeting day ends: no more ballots, and the bot closes the votes still open."""
    return meeting.ends_at + STAYS_OPEN_AFTER


def day_has_ended(meeting: Meeting, now: datetime) -> bool:
    return now >= day_ends_at(meeting)


def is_current(meeting: Meeting, now: datetime) -> bool:
    return not meeting.is_cancelled and meeting.starts_at - OPENS_BEFORE <= now < day_ends_at(meeting)


def current_ends_after(now: datetime) -> datetime:
    """A meeting current at `now` ends after this moment: only those need be asked `is_current`."""
    return now - STAYS_OPEN_AFTER


def current_meeting(meetings: Sequence[Meeting], now: datetime) -> Meeting | None:
    """The meeting going on at `now`; of two overlapping windows, the one that started last."""
    going_on = [m for m in meetings if is_current(m, now)]
    return max(going_on, key=lambda m: (m.starts_at, m.id), default=None)


@dataclass(frozen=True)
class MeetingDay:
    meeting_id: int
    started_at: datetime | None = None
    adjuster: Appointment | None = None
    submitted_for_adjustment_at: datetime | None = None  # set by the protocol; closes reservations
    acting_chair: str | None = None  # aad id of the acting chair the secretary appointed
