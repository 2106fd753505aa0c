"""The Teams meeting's artifacts without a tenant: a sample report and recording for every meeting.

Each event of the local calendar (`IcsCalendar`) is a Teams meeting of its own; its report is the
sample shipped with the bot (bot/samples/attendance_report.json, in Graph's own shape, read
through the SDK's parser as Graph's answer is), moved to the event's day and time. It names
people of the sample group file, so a local run shows the comparison with the bot's attendance.
Each meeting was recorded, too: as Teams saves a recording into the organizer's OneDrive, the
first look for it places a small sample file, named as Teams names them and dated at the
meeting's start, in the local files' Recordings folder, for the bot to find and offer.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.domain.attendance_report import AttendanceRecord, AttendanceReport, Interval
from bot.graph.local import IcsCalendar
from bot.services.ports.meeting_artifacts import CallRecording, NotAvailable, OnlineMeeting

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "attendance_report.json"
SAMPLE_TRANSCRIPT = SAMPLE.with_name("transcript.vtt")  # every meeting's, as the report is
SAMPLE_STARTS_AT = datetime(2026, 12, 10, 7, 30, tzinfo=UTC)  # the sample meeting: 08:30 in Stockholm
LOCAL_JOIN_URL = "https://teams.invalid/l/meetup-join/{event_id}"


def sample_report() -> AttendanceReport:
    # The SDK's parser and model are imported at the first report asked for, not at start: a
    # local run should not load msgraph-sdk for the sake of one sample.
    from kiota_serialization_json.json_parse_node_factory import JsonParseNodeFactory
    from msgraph.generated.models.meeting_attendance_report import MeetingAttendanceReport

    from bot.graph.meeting_artifacts import graph_report

    raw = SAMPLE.read_bytes()
    node = JsonParseNodeFactory().get_root_parse_node("application/json", raw)
    report = node.get_object_value(MeetingAttendanceReport)
    return graph_report(report, "sample")


SAMPLE_RECORDING = b"\x00\x00\x00\x18ftypmp42 (a sample recording of a local run)"


class LocalMeetingArtifacts:
    """Implements the MeetingArtifacts port on the local calendar's events.

    `recordings_folder`: where the sample recordings are placed (the local files' Recordings
    folder); None places none.
    """

    def __init__(self, calendar: IcsCalendar, recordings_folder: Path | None = None) -> None:
        self._calendar = calendar
        self._recordings = recordings_folder

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
        """A recording made at the start, its file placed in the local Recordings folder."""
        event = self._calendar.event(online_meeting_id)
        if event is None:
            raise NotAvailable(f"no event {online_meeting_id!r} in the local calendar")
        if self._recordings is not None:
            _place_sample(self._recordings, event.subject, event.starts_at)
        return (CallRecording(f"recording-{online_meeting_id}", event.starts_at),)


def _place_sample(folder: Path, subject: str, starts_at: datetime) -> None:
    """The file Teams would have saved: "<subject>-<yyyymmdd_hhmmss>-Mötesinspelning.mp4"."""
    safe = "".join(c for c in subject if c not in '\\/:*?"<>|').strip()  # as Teams: no colon in a name
    path = folder / f"{safe}-{starts_at.astimezone(UTC):%Y%m%d_%H%M%S}-Mötesinspelning.mp4"
    if path.exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    path.write_bytes(SAMPLE_RECORDING)
    made = (starts_at + timedelta(minutes=1)).timestamp()
    os.utime(path, (made, made))


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
