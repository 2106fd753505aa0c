"""The cycle's steps: each due once, in order, and a late bot catches up with what is due now."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.cycle import TRANSITIONS, Step, due_step
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
