"""The Teams meeting's artifacts without a tenant: a sample attendance report for every meeting.

Each event of the local calendar (`IcsCalendar`) is a Teams meeting of its own; its report is the
sample shipped with the bot (bot/samples/attendance_report.json, in Graph's own shape, read
through the SDK's parser as Graph's answer is), moved to the event's day and time. It names
people of the sample group file, so a local run shows the comparison with the bot's attendance.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiota_serialization_json.json_parse_node_factory import JsonParseNodeFactory
from msgraph.generated.models.meeting_attendance_report import MeetingAttendanceReport

from bot.domain.attendance_report import AttendanceRecord, AttendanceReport, Interval
from bot.graph.local import IcsCalendar
from bot.graph.meeting_artifacts import graph_report
from bot.services.ports.meeting_artifacts import CallRecording, NotAvailable, OnlineMeeting

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "attendance_report.json"
SAMPLE_TRANSCRIPT = SAMPLE.with_name("transcript.vtt")  # every meeting's, as the report is
SAMPLE_STARTS_AT = datetime(2026, 12, 10, 7, 30, tzinfo=UTC)  # the sample meeting: 08:30 in Stockholm
LOCAL_JOIN_URL = "https://teams.invalid/l/meetup-join/{event_id}"


def sample_report() -> AttendanceReport:
    raw = SAMPLE.read_bytes()
    node = JsonParseNodeFactory().get_root_parse_node("application/json", raw)
    report = node.get_object_value(MeetingAttendanceReport)
    return graph_report(report, "sample")


class LocalMeetingArtifacts:
    """Implements the MeetingArtifacts port on the local calendar's events."""

    def __init__(self, calendar: IcsCalendar) -> None:
        self._calendar = calendar

    async def online_meeting(self, event_id: str) -> OnlineMeeting | None:
        if self._calendar.event_start(event_id) is None:
            raise NotAvailable(f"no event {event_id!r} in the local calendar")
        return OnlineMeeting(event_id, LOCAL_JOIN_URL.format(event_id=event_id))

    async def attendance_reports(self, online_meeting_id: str) -> tuple[AttendanceReport, ...]:
        starts_at = self._calendar.event_start(online_meeting_id)
        if starts_at is None:
            raise NotAvailable(f"no event {online_meeting_id!r} in the local calendar")
        return (_moved(sample_report(), starts_at - SAMPLE_STARTS_AT),)

    async def recordings(self, online_meeting_id: str) -> tuple[CallRecording, ...]:
        """A recording made at the start: its file is whatever is in the local Recordings folder."""
        starts_at = self._calendar.event_start(online_meeting_id)
        if starts_at is None:
            raise NotAvailable(f"no event {online_meeting_id!r} in the local calendar")
        return (CallRecording(f"recording-{online_meeting_id}", starts_at),)


def _moved(report: AttendanceReport, by: timedelta) -> AttendanceReport:
    def at(moment: datetime | None) -> datetime | None:
        return moment + by if moment else None

    records = tuple(
        AttendanceRecord(
            r.aad_id, r.name, r.email, r.role, r.seconds,
            tuple(Interval(at(i.joined_at), at(i.left_at), i.seconds) for i in r.intervals),
        )
        for r in report.records
    )  # fmt: skip
    return AttendanceReport(
        report.id, at(report.started_at), at(report.ended_at), report.participants, records
    )
