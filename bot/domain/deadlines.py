"""The meeting cycle's deadlines (§3 of the 2023-09-26 protocol), in local wall-clock time.

The group thinks in local dates and times ("a week before, at 08:30"), the store keeps
UTC. Every shift is therefore done on the local calendar and converted back, so a
deadline keeps its wall-clock time when a daylight-saving change falls in between.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from .group import Rules
from .meetings import Meeting


def to_utc(local_date: date, local_time: time, tz: tzinfo) -> datetime:
    """Local wall-clock date and time in `tz` as an aware UTC instant.

    PEP 495 gives exactly the resolution the group expects when fold=0: a time
    in the spring-forward gap uses the offset from before the change (so it
    lands `gap` later, 02:30 → 03:30), an autumn time that occurs twice is the
    first occurrence.
    """
    wall = datetime.combine(local_date, local_time.replace(tzinfo=None, fold=0))
    return wall.replace(tzinfo=tz, fold=0).astimezone(UTC)


def add_months(day: date, months: int) -> date:
    """`day` moved by whole calendar months, clamped to the last day of a shorter month."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def shift_local(moment: datetime, tz: tzinfo, *, days: int = 0, months: int = 0) -> datetime:
    """`moment` moved by calendar months, then days, on the local calendar of `tz`; aware UTC."""
    if moment.tzinfo is None:
        raise ValueError("shift_local needs an aware datetime")
    local = moment.astimezone(tz)
    moved = add_months(local.date(), months) + timedelta(days=days)
    return to_utc(moved, local.time(), tz)


@dataclass(frozen=True)
class Deadlines:
    """A meeting's deadlines, all aware UTC."""

    agenda_at: datetime  # dagordning: the placeholder gets the agenda
    notice_at: datetime  # kallelse: fixed; items must come strictly before this
    cancel_from: datetime  # an empty meeting may be proposed for cancellation from here
    adjustment_due: datetime  # the protocol should be adjusted by then
    recording_delete_at: datetime  # gallring of the recording

    def in_time_for_items(self, now: datetime) -> bool:
        return now < self.notice_at


def deadlines_for(meeting: Meeting, rules: Rules, tz: tzinfo) -> Deadlines:
    start = meeting.starts_at
    notice_at = shift_local(start, tz, days=-rules.notice_days_before)
    return Deadlines(
        agenda_at=shift_local(start, tz, days=-rules.agenda_days_before),
        notice_at=notice_at,
        cancel_from=notice_at,
        adjustment_due=shift_local(meeting.ends_at, tz, days=rules.adjustment_days_after),
        recording_delete_at=shift_local(start, tz, months=rules.recording_retention_months),
    )
