"""The cycle's steps: each due once, in order, and a late bot catches up with what is due now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.adjustment import ProtocolState, reminder_due
from bot.domain.attendance_report import NOT_AFTER, in_look_window
from bot.domain.cycle import TRANSITIONS, Step, due_step, is_starting, is_under_way, watched_since
from bot.domain.deadlines import deadlines_for
from bot.domain.group import Rules
from bot.domain.meetings import Meeting, MeetingState
from tests.domain.builders import STOCKHOLM

START = datetime(2027, 2, 11, 7, 30, tzinfo=UTC)  # 08:30 in Stockholm
MEETING = Meeting(id=1, starts_at=START, ends_at=START + timedelta(minutes=90))
DEADLINES = deadlines_for(MEETING, Rules(), STOCKHOLM)


def at(state: MeetingState) -> Meeting:
    return Meeting(id=1, starts_at=MEETING.starts_at, ends_at=MEETING.ends_at, state=state)


@pytest.mark.parametrize(
    ("state", "moment", "step"),
    [
        (MeetingState.PLANNED, DEADLINES.agenda_at - timedelta(seconds=1), None),
        (MeetingState.PLANNED, DEADLINES.agenda_at, Step.PUBLISH_AGENDA),
        (MeetingState.AGENDA_PUBLISHED, DEADLINES.agenda_at + timedelta(days=1), None),
        (MeetingState.AGENDA_PUBLISHED, DEADLINES.notice_at, Step.FIX_NOTICE),
        (
            MeetingState.PLANNED,
            DEADLINES.notice_at + timedelta(hours=1),
            Step.FIX_NOTICE,
        ),  # the agenda was missed
        (MeetingState.NOTICE_FIXED, START - timedelta(minutes=1), None),
        (MeetingState.NOTICE_FIXED, START + timedelta(minutes=10), None),
        (MeetingState.PLANNED, START + timedelta(minutes=10), None),  # nothing is announced once it has begun
        (MeetingState.NOTICE_FIXED, MEETING.ends_at, Step.MARK_HELD),
        (MeetingState.PLANNED, MEETING.ends_at + timedelta(days=30), Step.MARK_HELD),
        (MeetingState.CANCELLED, DEADLINES.notice_at, None),
        (MeetingState.HELD, MEETING.ends_at + timedelta(days=1), None),
    ],
)
def test_the_step_due(state: MeetingState, moment: datetime, step: Step | None) -> None:
    assert due_step(at(state), DEADLINES, moment) == step


def test_the_agenda_is_published_in_the_morning_two_weeks_before() -> None:
    assert DEADLINES.agenda_at == datetime(2027, 1, 28, 7, 30, tzinfo=UTC)
    assert DEADLINES.notice_at == datetime(2027, 2, 4, 7, 30, tzinfo=UTC)


@given(st.lists(st.integers(min_value=0, max_value=60 * 24 * 20), min_size=1, max_size=40))
def test_following_the_steps_never_repeats_one(minutes: list[int]) -> None:
    """Whenever the scheduler looks, carrying out what is due moves the meeting forward, never back."""
    meeting = at(MeetingState.PLANNED)
    seen: list[Step] = []
    for offset in sorted(minutes):
        moment = DEADLINES.agenda_at - timedelta(days=1) + timedelta(minutes=offset)
        step = due_step(meeting, DEADLINES, moment)
        if step is not None:
            sources, target = TRANSITIONS[step]
            assert meeting.state in sources
            meeting = at(target)
            seen.append(step)
    assert len(seen) == len(set(seen))
    order = [Step.PUBLISH_AGENDA, Step.FIX_NOTICE, Step.MARK_HELD]
    assert seen == [s for s in order if s in seen]


# --- the meetings the scheduler watches ------------------------------------------------------

ADJUSTMENT_DAYS = st.integers(min_value=0, max_value=90)
# Any end of a meeting over two years (every daylight-saving change in them), to the minute.
ENDS = st.integers(min_value=0, max_value=2 * 365 * 24 * 60).map(
    lambda minutes: datetime(2026, 1, 1, 9, 0, tzinfo=UTC) + timedelta(minutes=minutes)
)


def nothing_due(meeting: Meeting, rules: Rules, now: datetime) -> bool:
    """What the scheduler's round asks of a meeting, and of its protocol; all of it no."""
    deadlines = deadlines_for(meeting, rules, STOCKHOLM)
    return not (
        is_starting(meeting, now)
        or is_under_way(meeting, now)
        or due_step(meeting, deadlines, now) is not None
        or in_look_window(meeting, now)
        or (
            not meeting.is_cancelled
            and reminder_due(deadlines.adjustment_due, STOCKHOLM, now, ProtocolState.DRAFT, reminded=False)
        )
    )


@given(ENDS, st.integers(min_value=1, max_value=60 * 24 * 400), ADJUSTMENT_DAYS)
def test_nothing_is_due_for_a_meeting_held_before_the_scheduler_watches(
    end: datetime, minutes_before: int, days: int
) -> None:
    """Held (or cancelled) and ended before `watched_since`: left alone, nothing lost."""
    rules = Rules(adjustment_days_after=days)
    now = end + timedelta(days=400)
    ended = watched_since(now, rules) - timedelta(minutes=minutes_before)
    for state in (MeetingState.HELD, MeetingState.CANCELLED):
        meeting = Meeting(id=1, starts_at=ended - timedelta(minutes=90), ends_at=ended, state=state)
        assert nothing_due(meeting, rules, now)


@given(ENDS, ADJUSTMENT_DAYS)
def test_the_last_things_due_after_a_meeting_fall_inside_the_watch(end: datetime, days: int) -> None:
    """The reminder's last moment and the last look after the end are both watched."""
    rules = Rules(adjustment_days_after=days)
    held = Meeting(id=1, starts_at=end - timedelta(minutes=90), ends_at=end, state=MeetingState.HELD)
    due = deadlines_for(held, rules, STOCKHOLM).adjustment_due
    for last in (due - timedelta(seconds=1), end + NOT_AFTER - timedelta(seconds=1)):
        assert held.ends_at >= watched_since(last, rules)


def test_a_meeting_held_a_fortnight_ago_is_still_watched_and_one_held_a_month_ago_is_not() -> None:
    now = MEETING.ends_at + timedelta(days=15)
    assert watched_since(now, Rules()) == now - timedelta(days=15)  # the 14 days to adjust, and a day
    assert MEETING.ends_at >= watched_since(now, Rules())
    assert MEETING.ends_at < watched_since(MEETING.ends_at + timedelta(days=31), Rules())
