"""Deadlines keep the group's local wall-clock time (§3: agenda T−14 d, notice T−7 d, recording 2 months)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.deadlines import add_months, deadlines_for, shift_local, to_utc
from bot.domain.group import Rules
from bot.domain.meetings import Meeting

from .builders import STOCKHOLM, a_meeting


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def exists(wall: datetime, tz: ZoneInfo) -> bool:
    """Whether a naive wall-clock time occurs in `tz` (is not in a spring-forward gap)."""
    return wall.replace(tzinfo=tz).astimezone(UTC).astimezone(tz).replace(tzinfo=None) == wall


# --- to_utc ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "at", "expected"),
    [
        (date(2026, 1, 15), time(8, 30), utc(2026, 1, 15, 7, 30)),  # winter, CET +1
        (date(2026, 6, 15), time(8, 30), utc(2026, 6, 15, 6, 30)),  # summer, CEST +2
        (date(2026, 3, 29), time(2, 30), utc(2026, 3, 29, 1, 30)),  # gap: 02:30 does not exist → 03:30 CEST
        (date(2026, 10, 25), time(2, 30), utc(2026, 10, 25, 0, 30)),  # twice: the first, still CEST
    ],
    ids=["winter", "summer", "spring-gap-forward", "autumn-ambiguous-first"],
)
def test_to_utc_in_stockholm(day: date, at: time, expected: datetime) -> None:
    assert to_utc(day, at, STOCKHOLM) == expected


def test_a_time_in_the_gap_moves_forward_by_the_gap_not_by_an_hour() -> None:
    lord_howe = ZoneInfo("Australia/Lord_Howe")  # half-hour daylight saving
    moment = to_utc(date(2026, 10, 4), time(2, 15), lord_howe)
    assert moment.astimezone(lord_howe).time() == time(2, 45)


def test_to_utc_ignores_a_time_zone_on_the_time_and_its_fold() -> None:
    at = time(2, 30, tzinfo=timezone(timedelta(hours=5)), fold=1)
    assert to_utc(date(2026, 10, 25), at, STOCKHOLM) == utc(2026, 10, 25, 0, 30)


def test_to_utc_returns_aware_utc() -> None:
    assert to_utc(date(2026, 1, 1), time(0, 0), STOCKHOLM).tzinfo is UTC


# --- shift_local ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2023, 12, 31), 2, date(2024, 2, 29)),  # leap year
        (date(2024, 12, 31), 2, date(2025, 2, 28)),
        (date(2024, 8, 31), 1, date(2024, 9, 30)),
        (date(2024, 11, 12), 2, date(2025, 1, 12)),  # across the year end
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2024, 1, 15), -13, date(2022, 12, 15)),
    ],
)
def test_months_clamp_to_the_end_of_a_shorter_month(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected
    moved = shift_local(to_utc(start, time(8, 30), STOCKHOLM), STOCKHOLM, months=months)
    assert moved == to_utc(expected, time(8, 30), STOCKHOLM)


def test_days_before_keep_the_wall_clock_across_spring_forward() -> None:
    meeting = utc(2026, 4, 2, 6, 30)  # Thu 2 April 2026 08:30 CEST
    assert shift_local(meeting, STOCKHOLM, days=-7) == utc(2026, 3, 26, 7, 30)  # Thu 26 March 08:30 CET


def test_shift_local_refuses_a_naive_moment() -> None:
    with pytest.raises(ValueError):
        shift_local(datetime(2026, 1, 1, 8, 30), STOCKHOLM, days=1)


# --- deadlines_for --------------------------------------------------------------------


def test_the_seed_rules_for_a_meeting_after_the_march_change() -> None:
    meeting = a_meeting(date(2026, 4, 2), time(8, 30), minutes=90)  # Thursday
    assert meeting.starts_at == utc(2026, 4, 2, 6, 30)

    d = deadlines_for(meeting, Rules(), STOCKHOLM)

    assert d.notice_at == utc(2026, 3, 26, 7, 30)  # Thu 26 March 08:30 CET
    assert d.agenda_at == utc(2026, 3, 19, 7, 30)  # Thu 19 March 08:30 CET
    assert d.cancel_from == d.notice_at
    assert d.adjustment_due == utc(2026, 4, 16, 8, 0)  # the end, 10:00 CEST, plus 14 days
    assert d.recording_delete_at == utc(2026, 6, 2, 6, 30)


def test_the_seed_rules_for_a_meeting_after_the_october_change() -> None:
    meeting = a_meeting(date(2026, 10, 29), time(8, 30))  # Thursday, CET again
    assert meeting.starts_at == utc(2026, 10, 29, 7, 30)

    d = deadlines_for(meeting, Rules(), STOCKHOLM)

    assert d.notice_at == utc(2026, 10, 22, 6, 30)  # Thu 22 October 08:30 CEST
    assert d.agenda_at == utc(2026, 10, 15, 6, 30)


def test_the_deadlines_follow_the_rule_parameters() -> None:
    rules = Rules(
        agenda_days_before=21, notice_days_before=10, adjustment_days_after=7, recording_retention_months=1
    )
    meeting = a_meeting(date(2024, 2, 15), time(8, 30), minutes=90)

    d = deadlines_for(meeting, rules, STOCKHOLM)

    assert d.agenda_at.astimezone(STOCKHOLM).date() == date(2024, 1, 25)
    assert d.notice_at.astimezone(STOCKHOLM).date() == date(2024, 2, 5)
    assert d.adjustment_due.astimezone(STOCKHOLM) == datetime(2024, 2, 22, 10, 0, tzinfo=STOCKHOLM)
    assert d.recording_delete_at.astimezone(STOCKHOLM).date() == date(2024, 3, 15)


@pytest.mark.parametrize(
    ("now", "in_time"),
    [
        (utc(2026, 3, 26, 7, 29, 59), True),
        (utc(2026, 3, 26, 7, 30), False),  # at the deadline is too late: "innan dess"
        (utc(2026, 3, 27), False),
    ],
)
def test_a_submission_is_in_time_only_strictly_before_the_notice(now: datetime, in_time: bool) -> None:
    d = deadlines_for(a_meeting(date(2026, 4, 2)), Rules(), STOCKHOLM)
    assert d.in_time_for_items(now) is in_time


local_days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
local_times = st.times()


@given(day=local_days, at=local_times)
def test_notice_and_agenda_keep_the_local_wall_clock(day: date, at: time) -> None:
    start = to_utc(day, at, STOCKHOLM)
    meeting_wall = start.astimezone(STOCKHOLM).replace(tzinfo=None)
    d = deadlines_for(Meeting(1, start, start + timedelta(hours=1)), Rules(), STOCKHOLM)

    for deadline, days in ((d.notice_at, 7), (d.agenda_at, 14)):
        expected = meeting_wall - timedelta(days=days)
        got = deadline.astimezone(STOCKHOLM).replace(tzinfo=None)
        # The one exception: that wall-clock time does not exist on the earlier day.
        assert got == (expected if exists(expected, STOCKHOLM) else expected + timedelta(hours=1))
        assert deadline.tzinfo is UTC


@given(day=local_days, at=local_times, months=st.integers(0, 24))
def test_recording_deletion_keeps_the_wall_clock_months_later(day: date, at: time, months: int) -> None:
    start = to_utc(day, at, STOCKHOLM)
    wall = start.astimezone(STOCKHOLM)
    deleted = shift_local(start, STOCKHOLM, months=months).astimezone(STOCKHOLM)

    assert deleted.date() == add_months(wall.date(), months)
    if exists(datetime.combine(deleted.date(), wall.time()), STOCKHOLM):
        assert deleted.time() == wall.time()


@given(day=local_days, months=st.integers(-120, 120))
def test_add_months_lands_in_the_right_month_and_never_later_in_it(day: date, months: int) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day <= day.day
    assert moved.day == day.day or (moved + timedelta(days=1)).month != moved.month  # clamped to month end
