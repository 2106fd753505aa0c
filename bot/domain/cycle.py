"""The meeting cycle as steps: what is due for a meeting at a given moment.

The scheduler asks this of every meeting it watches and carries out the step, guarded by the
meeting's state, so a restart or a second process can neither skip nor repeat one.
A meeting found late (the bot was down) skips straight to the step that is due now:
a notice due covers the agenda, and nothing is announced for a meeting already begun.
It watches every meeting not yet held (however long ago it was planned) and the held ones
that ended since `watched_since`: for a meeting held before, nothing can be due any more.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from .attendance_report import NOT_AFTER
from .deadlines import Deadlines
from .group import Rules
from .meetings import Meeting, MeetingState


class Step(StrEnum):
    PUBLISH_AGENDA = "publish_agenda"  # T−14 d: the agenda card, and the call for övriga frågor
    FIX_NOTICE = "fix_notice"  # T−7 d: the notice; nothing more is added
    START = "start"  # the meeting begins: check-in and the adjuster's proposal (not a state change)
    MARK_HELD = "mark_held"  # the meeting has ended
    ATTENDANCE_REPORT = "attendance_report"  # after the end: Teams' report told (not a state change)


# The states a step moves a meeting from; the state it moves it to.
TRANSITIONS: dict[Step, tuple[frozenset[MeetingState], MeetingState]] = {
    Step.PUBLISH_AGENDA: (frozenset({MeetingState.PLANNED}), MeetingState.AGENDA_PUBLISHED),
    Step.FIX_NOTICE: (
        frozenset({MeetingState.PLANNED, MeetingState.AGENDA_PUBLISHED}),
        MeetingState.NOTICE_FIXED,
    ),
    Step.MARK_HELD: (
        frozenset({MeetingState.PLANNED, MeetingState.AGENDA_PUBLISHED, MeetingState.NOTICE_FIXED}),
        MeetingState.HELD,
    ),
}


def due_step(meeting: Meeting, deadlines: Deadlines, now: datetime) -> Step | None:
    """The one step due for `meeting` at `now`, or None."""
    if meeting.state in (MeetingState.CANCELLED, MeetingState.HELD):
        return None
    if now >= meeting.ends_at:
        return Step.MARK_HELD
    if now >= meeting.starts_at:
        return None  # under way: nothing more is announced
    if now >= deadlines.notice_at and meeting.state is not MeetingState.NOTICE_FIXED:
        return Step.FIX_NOTICE
    if now >= deadlines.agenda_at and meeting.state is MeetingState.PLANNED:
        return Step.PUBLISH_AGENDA
    return None


CHECK_IN_OPENS = timedelta(minutes=5)


def is_starting(meeting: Meeting, now: datetime) -> bool:
    """From five minutes before the start to the end: the check-in card and the adjuster's proposal."""
    if meeting.state in (MeetingState.CANCELLED, MeetingState.HELD):
        return False
    return meeting.starts_at - CHECK_IN_OPENS <= now < meeting.ends_at


def is_under_way(meeting: Meeting, now: datetime) -> bool:
    """From the start to the end: without the chair or the vice chair, an acting chair is asked for."""
    if meeting.state in (MeetingState.CANCELLED, MeetingState.HELD):
        return False
    return meeting.starts_at <= now < meeting.ends_at


def is_empty(item_count: int) -> bool:
    """Nothing on the agenda but the standard items: the meeting may be cancelled (§3)."""
    return item_count == 0


# A local day is at most 25 hours: the adjustment's deadline, days after the end on the local
# calendar, falls at most an hour later than as many whole days of 24 hours.
_LONGEST_DAY = timedelta(days=1)


def watched_since(now: datetime, rules: Rules) -> datetime:
    """The earliest end of a held meeting the scheduler may still have something to do for at `now`.

    After the end come the looks for Teams' report, transcript and recording (until `NOT_AFTER`)
    and the adjustment's reminder (until the adjustment is due); the recording's deletion and a
    transcript's excerpts are found from their own rows. A meeting not held (nor cancelled) is
    watched whenever it was: the bot may have been down when it ended.
    """
    return now - max(NOT_AFTER, timedelta(days=rules.adjustment_days_after) + _LONGEST_DAY)
