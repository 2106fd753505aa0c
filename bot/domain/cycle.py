"""The meeting cycle as steps: what is due for a meeting at a given moment.

The scheduler asks this of every meeting and carries out the step, guarded by the
meeting's state, so a restart or a second process can neither skip nor repeat one.
A meeting found late (the bot was down) skips straight to the step that is due now:
a notice due covers the agenda, and nothing is announced for a meeting already begun.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum

from .deadlines import Deadlines
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
