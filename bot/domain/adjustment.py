"""The protocol's way from draft to adjusted (justerat), and the reminder before the deadline.

The secretary writes the draft and submits it; the adjuster and the chair approve the
version they were shown, or send it back with a comment. Any edit makes a new version
(`protocol.revise`) and takes the protocol back to the secretary, so approvals are always
of the text that goes out. Once adjusted it never changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from enum import StrEnum

from .deadlines import shift_local
from .errors import DomainError
from .meeting_day import day_ends_at
from .meetings import Meeting
from .protocol_text import Section, unfinished
from .text import normalise_text

COMMENT_MAX = 1000
REMIND_DAYS_BEFORE = 3  # the adjuster's reminder, three days before the adjustment deadline


class ProtocolState(StrEnum):
    DRAFT = "draft"  # the secretary is writing
    IN_REVIEW = "in_review"  # lämnat för justering: the adjuster and the chair have it
    CHANGES_REQUESTED = "changes_requested"  # sent back with a comment
    ADJUSTED = "adjusted"  # justerat: sent and published; never changes again


def check_draftable(meeting: Meeting, now: datetime) -> None:
    """A protocol is only written about a meeting that has begun: never a future or cancelled one."""
    if meeting.is_cancelled:
        raise DomainError("protocol.meeting_cancelled")
    if now < meeting.starts_at:
        raise DomainError("protocol.meeting_not_begun")


def check_editable(state: ProtocolState) -> None:
    if state is ProtocolState.ADJUSTED:
        raise DomainError("protocol.already_adjusted")


def check_submittable(
    state: ProtocolState, meeting: Meeting, sections: Sequence[Section], has_adjuster: bool, now: datetime
) -> None:
    """What must hold before the adjuster gets the protocol."""
    check_editable(state)
    if state is ProtocolState.IN_REVIEW:
        raise DomainError("protocol.already_submitted")
    # Attendance, votes and reservations may still change while the meeting is going on.
    if now < day_ends_at(meeting):
        raise DomainError("protocol.meeting_not_over")
    if not has_adjuster:
        raise DomainError("protocol.no_adjuster")
    number = unfinished(sections)
    if number is not None:
        raise DomainError("protocol.empty_paragraph", number=number)


def check_in_review(state: ProtocolState) -> None:
    """Approvals and change requests are for a protocol the secretary has handed over."""
    if state is ProtocolState.ADJUSTED:
        raise DomainError("protocol.already_adjusted")
    if state is ProtocolState.CHANGES_REQUESTED:
        raise DomainError("protocol.changes_pending")
    if state is not ProtocolState.IN_REVIEW:
        raise DomainError("protocol.not_submitted")


def check_version(shown: str, current: str) -> None:
    if shown != current:
        raise DomainError("protocol.stale_version", shown=shown, current=current)


def clean_comment(raw: str | None) -> str:
    """What the adjuster or the chair wants changed: required, so the secretary knows what to do."""
    text = normalise_text(raw or "")
    if not text:
        raise DomainError("protocol.comment_missing")
    if len(text) > COMMENT_MAX:
        raise DomainError("protocol.comment_too_long", limit=COMMENT_MAX, length=len(text))
    return text


def reminder_due(
    adjustment_due: datetime, tz: tzinfo, now: datetime, state: ProtocolState, reminded: bool
) -> bool:
    """Three days before the adjustment deadline, once, unless the protocol is adjusted already.

    After the deadline nobody is reminded: a meeting found long past (an old year plan) is history.
    """
    if reminded or state is ProtocolState.ADJUSTED:
        return False
    return shift_local(adjustment_due, tz, days=-REMIND_DAYS_BEFORE) <= now < adjustment_due
