"""The Teams meeting's attendance report (närvarorapport), held against the bot's attendance.

Teams writes a report of who was in the meeting, and for how long, when the meeting ends. The
bot's attendance is who checked in or was marked by the secretary. They differ when someone was
in the meeting and forgot to check in, when someone checked in and was never in the meeting, and
when a substitute joined without checking in (who then serves for an absent member). Each
difference has one correction, present or absent, which the secretary or the chair confirms:
the report is a question to them, not a fact, since participants may opt out of it and someone
may have been in the room rather than in Teams.

Only the group file's people are matched, by their Entra object id; others in the meeting
(guests) are named, but the protocol's attendance is the group's.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from .adjustment import ProtocolState
from .attendance import protocol_order
from .collation import swedish_key
from .errors import DomainError
from .group import Group, Person, Role
from .meeting_day import STAYS_OPEN_AFTER
from .meetings import Meeting

# Teams makes the report when the meeting ends, which may be after its planned end: the bot
# looks a little after it, then again later, and gives up a day after the end.
LOOKS_AFTER_END = (
    timedelta(minutes=15),
    timedelta(minutes=45),
    timedelta(hours=2),
    timedelta(hours=6),
    timedelta(hours=24),
)
# A meeting that ended longer ago than this is not looked at (e.g. the year plan's past meetings
# when the bot is first started): its protocol is written by then.
NOT_AFTER = timedelta(days=14)
# A session opened well before the meeting (a test of the link) is not the meeting's.
SESSION_FROM_BEFORE_START = timedelta(hours=1)


@dataclass(frozen=True)
class Interval:
    joined_at: datetime | None  # None when Teams lacks the data
    left_at: datetime | None
    seconds: int


@dataclass(frozen=True)
class AttendanceRecord:
    """One participant of one session, as Teams reports them."""

    aad_id: str | None  # identity.id: the Entra object id; None for an anonymous guest
    name: str  # identity.displayName
    email: str | None
    role: str  # Organizer, Presenter, Attendee or None
    seconds: int  # totalAttendanceInSeconds
    intervals: tuple[Interval, ...] = ()


@dataclass(frozen=True)
class AttendanceReport:
    """One session of the meeting: Teams makes a report each time the meeting ends."""

    id: str
    started_at: datetime | None
    ended_at: datetime | None
    participants: int  # totalParticipantCount
    records: tuple[AttendanceRecord, ...]


class ReportOutcome(StrEnum):
    FOUND = "found"  # a report of the meeting: compared with the bot's attendance
    NO_REPORT = "no_report"  # Teams has none (yet) after the last look
    NO_ONLINE_MEETING = "no_online_meeting"  # the calendar event has no Teams meeting the bot can find
    NOT_PERMITTED = "not_permitted"  # Graph refused (403): a permission or the access policy is missing
    UNREACHABLE = "unreachable"  # Graph failed at every look, or refused the request for good


class DifferenceKind(StrEnum):
    NOT_CHECKED_IN = "not_checked_in"  # in the meeting, not in the bot's attendance: mark present
    SUBSTITUTE = "substitute"  # a substitute in the meeting, not checked in: mark present
    NOT_IN_MEETING = "not_in_meeting"  # in the bot's attendance, not in the meeting: mark absent

    @property
    def marks_present(self) -> bool:
        """What the correction marks."""
        return self is not DifferenceKind.NOT_IN_MEETING


@dataclass(frozen=True)
class Difference:
    person: Person
    kind: DifferenceKind
    seconds: int = 0  # time in the meeting, by the report
    substitute_for: Person | None = None  # the member a substitute stands in for
    serving: bool = False  # that member was neither checked in nor in the meeting: the substitute votes

    @property
    def municipality(self) -> str | None:
        return self.person.municipality


@dataclass(frozen=True)
class Comparison:
    differences: tuple[Difference, ...]  # in the protocol's order
    strangers: tuple[str, ...]  # in the meeting, not in the group file (names, in Swedish order)
    matched: int  # the group's people found in the report


@dataclass(frozen=True)
class ReportCheck:
    """What the bot has looked up of one meeting's report, and what it found."""

    meeting_id: int
    attempts: int = 0
    next_look_at: datetime | None = None
    online_meeting_id: str | None = None  # kept once found, so later looks skip finding it
    outcome: ReportOutcome | None = None  # None: not settled, looked again later
    settled_at: datetime | None = None
    reports: tuple[AttendanceReport, ...] = ()
    found: tuple[tuple[str, DifferenceKind], ...] = ()  # the differences when it was settled (aad id)

    @property
    def settled(self) -> bool:
        return self.outcome is not None


def look_at(meeting: Meeting, attempts: int) -> datetime | None:
    """When look number `attempts + 1` is due; None after the last."""
    if attempts >= len(LOOKS_AFTER_END):
        return None
    return meeting.ends_at + LOOKS_AFTER_END[attempts]


def in_look_window(meeting: Meeting, now: datetime) -> bool:
    """From the first look to two weeks after the end (read without the store, every round)."""
    return (
        not meeting.is_cancelled and meeting.ends_at + LOOKS_AFTER_END[0] <= now < meeting.ends_at + NOT_AFTER
    )


def report_due(meeting: Meeting, check: ReportCheck | None, now: datetime) -> bool:
    """Whether the bot looks for the meeting's report now (each look is claimed once, by the store)."""
    if not in_look_window(meeting, now) or (check is not None and check.settled):
        return False
    due = check.next_look_at if check is not None and check.next_look_at else look_at(meeting, 0)
    return due is not None and now >= due


def is_last_look(attempts: int) -> bool:
    """After look number `attempts` nothing more is looked for: what was found is told."""
    return attempts >= len(LOOKS_AFTER_END)


def meeting_sessions(meeting: Meeting, reports: Iterable[AttendanceReport]) -> tuple[AttendanceReport, ...]:
    """The sessions held at the meeting: from an hour before its start to the end of its day."""
    earliest = meeting.starts_at - SESSION_FROM_BEFORE_START
    latest = meeting.ends_at + STAYS_OPEN_AFTER
    return tuple(r for r in reports if r.started_at is None or earliest <= r.started_at <= latest)


def _attended(reports: Sequence[AttendanceReport]) -> dict[str, int]:
    """Folded Entra id → seconds in all sessions together (a guest without an id is not matched)."""
    seconds: dict[str, int] = {}
    for report in reports:
        for record in report.records:
            if record.aad_id:
                key = record.aad_id.casefold()
                seconds[key] = seconds.get(key, 0) + max(record.seconds, 0)
    return seconds


def _strangers(group: Group, reports: Sequence[AttendanceReport]) -> tuple[str, ...]:
    names = {
        r.name.strip()
        for report in reports
        for r in report.records
        if group.person(r.aad_id) is None and r.name.strip() and r.role != "Organizer"
    }
    return tuple(sorted(names, key=swedish_key))


def compare(group: Group, present: Collection[str], reports: Sequence[AttendanceReport]) -> Comparison:
    """The differences between the bot's attendance (`present`, Entra ids) and the report."""
    here = {aad.casefold() for aad in present}
    seconds = _attended(reports)
    in_meeting = {key for key in seconds if group.person(key) is not None}
    differences = []
    for person in sorted(group.people, key=protocol_order):
        key = person.aad_id.casefold()
        if key in here and key not in in_meeting:
            differences.append(Difference(person, DifferenceKind.NOT_IN_MEETING))
        elif key in in_meeting and key not in here:
            differences.append(_joined(group, person, seconds[key], here | in_meeting))
    return Comparison(tuple(differences), _strangers(group, reports), len(in_meeting))


def _joined(group: Group, person: Person, seconds: int, there: set[str]) -> Difference:
    if person.role is not Role.SUBSTITUTE:
        return Difference(person, DifferenceKind.NOT_CHECKED_IN, seconds)
    member = group.person(person.substitute_for)
    serving = member is not None and member.aad_id.casefold() not in there
    return Difference(person, DifferenceKind.SUBSTITUTE, seconds, member, serving)


def confirmed(check: ReportCheck, comparison: Comparison) -> tuple[tuple[str, DifferenceKind], ...]:
    """The differences found at first that the attendance no longer shows: corrected since."""
    still = {(d.person.aad_id.casefold(), d.kind) for d in comparison.differences}
    return tuple((aad, kind) for aad, kind in check.found if (aad.casefold(), kind) not in still)


def check_correctable(meeting: Meeting, now: datetime, protocol: ProtocolState | None) -> None:
    """Attendance is corrected after the meeting while the protocol's record is still live."""
    if meeting.is_cancelled:
        raise DomainError("meeting.cancelled")
    if now < meeting.starts_at:
        raise DomainError("attendance_report.meeting_not_begun")
    if protocol in (ProtocolState.IN_REVIEW, ProtocolState.ADJUSTED):
        raise DomainError("attendance_report.protocol_submitted")
