"""Teams' attendance report: looked up after the meeting, held against the bot's attendance, shown
to the secretary once, with one correction a difference.

The scheduler asks `look_for_attendance_report` of every meeting. A look is claimed in the store
first (so a second process, or a restart, neither repeats nor skips one), Graph is asked outside
any transaction, and what it came to is settled once, in the transaction that posts it to the
secretary: the card with the differences, or why there is none (a missing permission, no report,
no Teams meeting). After that the bot carries on as it did without the report.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from bot.domain.adjustment import ProtocolState
from bot.domain.attendance import present_ids
from bot.domain.attendance_report import (
    AttendanceReport,
    Comparison,
    DifferenceKind,
    ReportOutcome,
    compare,
    confirmed,
    in_look_window,
    is_last_look,
    look_at,
    meeting_sessions,
    report_due,
)
from bot.domain.group import Person, Role
from bot.domain.meetings import Meeting
from bot.services.adjustment import personal_or_channel
from bot.services.calendar import event_created_key
from bot.services.context import Context
from bot.services.meeting_day import meeting_by_id
from bot.services.ports.delivery import DeliveryError, RetryLater
from bot.services.ports.meeting_artifacts import MeetingArtifacts, NotAvailable, NotPermitted
from bot.services.posts import attendance_report_key, post_card

log = logging.getLogger(__name__)

POST = "attendance_report"


@dataclass(frozen=True)
class _Looked:
    """What one look came to: an outcome to settle now, or what to settle at the last look."""

    outcome: ReportOutcome | None = None
    otherwise: ReportOutcome = ReportOutcome.NO_REPORT
    online_meeting_id: str | None = None
    reports: tuple[AttendanceReport, ...] = field(default=())


async def look_for_attendance_report(ctx: Context, meeting: Meeting) -> bool:
    """For the scheduler: one look when one is due; True when it settled (and the secretary is told)."""
    if ctx.artifacts is None or not in_look_window(meeting, ctx.clock.now()):
        return False
    claimed = await _claim(ctx, meeting)
    if claimed is None:
        return False
    attempts, event_id, known = claimed
    looked = await _look(ctx.artifacts, meeting, event_id, known)
    if looked.online_meeting_id and looked.online_meeting_id != known:
        async with ctx.uow() as uow:
            await uow.attendance_reports.keep_online_meeting(meeting.id, looked.online_meeting_id)
            await uow.commit()
    outcome = looked.outcome or (looked.otherwise if is_last_look(attempts) else None)
    if outcome is None:
        return False  # looked again later
    return await _settle(ctx, meeting, outcome, looked.reports)


async def _claim(ctx: Context, meeting: Meeting) -> tuple[int, str | None, str | None] | None:
    """The look due now, counted: (looks so far, the calendar event's id, the online meeting's if
    known); None when none is due or another process took it."""
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        check = await uow.attendance_reports.get(meeting.id)
        if not report_due(meeting, check, now):
            return None
        attempts = check.attempts if check else 0
        if not await uow.attendance_reports.claim_look(
            meeting.id, attempts, look_at(meeting, attempts + 1), now
        ):
            return None
        created = await uow.outbox.result_of(event_created_key(meeting.id))
        await uow.commit()
    event_id = str(created["event_id"]) if created and created.get("event_id") else None
    return attempts + 1, event_id, check.online_meeting_id if check else None


async def _look(
    artifacts: MeetingArtifacts, meeting: Meeting, event_id: str | None, online_meeting_id: str | None
) -> _Looked:
    try:
        if online_meeting_id is None:
            if event_id is None:  # the calendar event is not made (yet)
                return _Looked(otherwise=ReportOutcome.NO_ONLINE_MEETING)
            found = await artifacts.online_meeting(event_id)
            if found is None:
                return _Looked(otherwise=ReportOutcome.NO_ONLINE_MEETING)
            online_meeting_id = found.id
        sessions = meeting_sessions(meeting, await artifacts.attendance_reports(online_meeting_id))
    except NotPermitted as refused:
        log.warning("meeting %s: the attendance report is not permitted: %s", meeting.id, refused)
        return _Looked(ReportOutcome.NOT_PERMITTED, online_meeting_id=online_meeting_id)
    except NotAvailable as missing:
        log.info("meeting %s: no attendance report yet: %s", meeting.id, missing)
        gone = ReportOutcome.NO_REPORT if online_meeting_id else ReportOutcome.NO_ONLINE_MEETING
        return _Looked(otherwise=gone, online_meeting_id=online_meeting_id)
    except RetryLater as error:
        log.warning("meeting %s: the attendance report could not be read for now: %s", meeting.id, error)
        return _Looked(otherwise=ReportOutcome.UNREACHABLE, online_meeting_id=online_meeting_id)
    except DeliveryError as error:
        log.error("meeting %s: reading the attendance report failed: %s", meeting.id, error)
        return _Looked(ReportOutcome.UNREACHABLE, online_meeting_id=online_meeting_id)
    if not sessions:
        return _Looked(online_meeting_id=online_meeting_id)  # the meeting may not have ended yet
    return _Looked(ReportOutcome.FOUND, online_meeting_id=online_meeting_id, reports=sessions)


def _secretary(ctx: Context) -> Person | None:
    return next((p for p in ctx.group.people if p.role is Role.SECRETARY), None)


async def _settle(
    ctx: Context, meeting: Meeting, outcome: ReportOutcome, reports: tuple[AttendanceReport, ...]
) -> bool:
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        present = present_ids(await uow.attendance.marks(meeting.id))
        differences = compare(ctx.group, present, reports).differences if reports else ()
        found = tuple((d.person.aad_id, d.kind) for d in differences)
        if not await uow.attendance_reports.settle(meeting.id, outcome, reports, found, now):
            return False
        secretary = _secretary(ctx)
        target = await personal_or_channel(ctx, uow, secretary.aad_id if secretary else None)
        args = {"meeting_id": meeting.id}
        await uow.outbox.enqueue(post_card(ctx, attendance_report_key(meeting.id), POST, args, target), now)
        await uow.commit()
    log.info("meeting %s: attendance report %s, %d difference(s)", meeting.id, outcome.value, len(found))
    return True


@dataclass(frozen=True)
class Corrected:
    """A difference found at first that the attendance no longer shows."""

    person: Person
    kind: DifferenceKind


@dataclass(frozen=True)
class AttendanceReportView:
    meeting: Meeting
    outcome: ReportOutcome
    reports: tuple[AttendanceReport, ...]
    comparison: Comparison | None  # the differences as the attendance stands now (FOUND only)
    corrected: tuple[Corrected, ...]
    correctable: bool  # the protocol's record still follows the attendance


async def attendance_report_of(ctx: Context, meeting_id: int) -> AttendanceReportView | None:
    """As it stands (for the bot's own post and the card after a click, so no actor); None until settled."""
    async with ctx.uow() as uow:
        meeting = await meeting_by_id(uow, meeting_id)
        check = await uow.attendance_reports.get(meeting_id)
        present = present_ids(await uow.attendance.marks(meeting_id))
        stored = await uow.protocols.get(meeting_id)
    if check is None or check.outcome is None:
        return None
    comparison = compare(ctx.group, present, check.reports) if check.outcome is ReportOutcome.FOUND else None
    corrected = tuple(
        Corrected(person, kind)
        for aad, kind in (confirmed(check, comparison) if comparison else ())
        if (person := ctx.group.person(aad)) is not None
    )
    frozen = stored is not None and stored.state in (ProtocolState.IN_REVIEW, ProtocolState.ADJUSTED)
    return AttendanceReportView(meeting, check.outcome, check.reports, comparison, corrected, not frozen)
