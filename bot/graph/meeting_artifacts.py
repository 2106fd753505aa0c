"""The Teams meeting of each calendar event, and its attendance reports, read as the organizer's.

The events are the group mailbox's (`bot.graph.calendar`): `users/{mailbox}/events/{id}` gives
the join URL, `users/{mailbox}/onlineMeetings?$filter=JoinWebUrl eq '…'` the meeting
(OnlineMeetings.Read.All), `…/onlineMeetings/{id}/attendanceReports` its reports
(OnlineMeetingArtifact.Read.All), `…/transcripts` and their `content` as WebVTT
(OnlineMeetingTranscript.Read.All), and `…/recordings` (OnlineMeetingRecording.Read.All). With
application permissions all need Teams' application access policy granted to the mailbox;
without it Graph answers 403.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from kiota_abstractions.base_request_configuration import RequestConfiguration
from msgraph import GraphServiceClient
from msgraph.generated.models.attendance_record import AttendanceRecord as GraphRecord
from msgraph.generated.models.call_recording import CallRecording as GraphRecording
from msgraph.generated.models.meeting_attendance_report import MeetingAttendanceReport
from msgraph.generated.users.item.events.item.event_item_request_builder import EventItemRequestBuilder
from msgraph.generated.users.item.online_meetings.item.attendance_reports.item.meeting_attendance_report_item_request_builder import (  # noqa: E501
    MeetingAttendanceReportItemRequestBuilder,
)
from msgraph.generated.users.item.online_meetings.online_meetings_request_builder import (
    OnlineMeetingsRequestBuilder,
)

from bot.domain.attendance_report import AttendanceRecord, AttendanceReport, Interval
from bot.domain.meetings import Meeting
from bot.graph.errors import delivery_errors
from bot.services.ports.delivery import DeliveryError
from bot.services.ports.meeting_artifacts import CallRecording, NotAvailable, NotPermitted, OnlineMeeting
from bot.services.ports.transcripts import TranscriptFile

EventQuery = EventItemRequestBuilder.EventItemRequestBuilderGetQueryParameters
MeetingsQuery = OnlineMeetingsRequestBuilder.OnlineMeetingsRequestBuilderGetQueryParameters
ReportQuery = (
    MeetingAttendanceReportItemRequestBuilder.MeetingAttendanceReportItemRequestBuilderGetQueryParameters
)

_REFUSALS: dict[int, type[Exception]] = {403: NotPermitted, 404: NotAvailable}


@contextmanager
def artifact_errors(action: str) -> Iterator[None]:
    """The delivery errors, with a 403 and a 404 told apart: they are answered in words, once."""
    try:
        with delivery_errors(action):
            yield
    except DeliveryError as error:
        status = getattr(error.__cause__, "response_status_code", None)
        refusal = _REFUSALS.get(status) if isinstance(status, int) else None
        if refusal is not None:
            raise refusal(str(error)) from error
        raise


class GraphMeetingArtifacts:
    """Implements the MeetingArtifacts port on `users/{organizer}`."""

    def __init__(self, client: GraphServiceClient, organizer_mailbox: str) -> None:
        self._user = client.users.by_user_id(organizer_mailbox)
        self._organizer = organizer_mailbox
        # An event's Teams meeting never changes: found once, for the report, transcript and recording.
        self._meetings: dict[str, OnlineMeeting] = {}

    async def online_meeting(self, event_id: str) -> OnlineMeeting | None:
        if event_id not in self._meetings:
            found = await self._find_online_meeting(event_id)
            if found is None:
                return None  # asked again next time: the event may get one
            self._meetings[event_id] = found
        return self._meetings[event_id]

    async def _find_online_meeting(self, event_id: str) -> OnlineMeeting | None:
        query = EventQuery(select=["onlineMeeting"])
        with artifact_errors(f"read event {event_id} of {self._organizer}"):
            event = await self._user.events.by_event_id(event_id).get(
                RequestConfiguration(query_parameters=query)
            )
        join_url = event.online_meeting.join_url if event and event.online_meeting else None
        if not join_url:
            return None
        quoted = join_url.replace("'", "''")  # an OData string literal doubles its quotes
        meetings = MeetingsQuery(filter=f"JoinWebUrl eq '{quoted}'")
        with artifact_errors(f"find the online meeting of event {event_id} in {self._organizer}"):
            found = await self._user.online_meetings.get(RequestConfiguration(query_parameters=meetings))
        first = next((m for m in (found.value if found else None) or [] if m.id), None)
        if first is None:
            return None
        return OnlineMeeting(str(first.id), first.join_web_url or join_url, first.subject or "")

    async def attendance_reports(self, online_meeting_id: str) -> tuple[AttendanceReport, ...]:
        meeting = self._user.online_meetings.by_online_meeting_id(online_meeting_id)
        with artifact_errors(f"list the attendance reports of online meeting {online_meeting_id}"):
            listed = await meeting.attendance_reports.get()
        reports = []
        expand = ReportQuery(expand=["attendanceRecords"])
        for listed_report in (listed.value if listed else None) or []:
            if not listed_report.id:
                continue
            with artifact_errors(f"read attendance report {listed_report.id} of {online_meeting_id}"):
                report = await meeting.attendance_reports.by_meeting_attendance_report_id(
                    listed_report.id
                ).get(RequestConfiguration(query_parameters=expand))
            if report is not None:
                reports.append(graph_report(report, listed_report.id))
        return tuple(sorted(reports, key=lambda r: r.started_at or datetime.min.replace(tzinfo=UTC)))

    async def recordings(self, online_meeting_id: str) -> tuple[CallRecording, ...]:
        meeting = self._user.online_meetings.by_online_meeting_id(online_meeting_id)
        with artifact_errors(f"list the recordings of online meeting {online_meeting_id}"):
            listed = await meeting.recordings.get()
        found = [_recording(r) for r in (listed.value if listed else None) or [] if r.id]
        return tuple(sorted(found, key=lambda r: r.created_at or datetime.min.replace(tzinfo=UTC)))

    async def transcripts(self, online_meeting_id: str) -> tuple[TranscriptFile, ...]:
        """Each transcript's content as WebVTT, its times counted from its `createdDateTime`: Teams
        creates the transcript as transcription starts (it ends at its `endDateTime`), and its
        cues count from there."""
        meeting = self._user.online_meetings.by_online_meeting_id(online_meeting_id)
        with artifact_errors(f"list the transcripts of online meeting {online_meeting_id}"):
            listed = await meeting.transcripts.get()
        files = []
        vtt: RequestConfiguration[Any] = RequestConfiguration()
        vtt.headers.add("Accept", "text/vtt")  # without it Graph answers in its own format (docx)
        for transcript in sorted(
            (t for t in (listed.value if listed else None) or [] if t.id),
            key=lambda t: _aware(t.created_date_time) or datetime.min.replace(tzinfo=UTC),
        ):
            with artifact_errors(f"read transcript {transcript.id} of {online_meeting_id}"):
                content = await meeting.transcripts.by_call_transcript_id(str(transcript.id)).content.get(vtt)
            if content:
                files.append(
                    TranscriptFile(content.decode("utf-8-sig"), _aware(transcript.created_date_time))
                )
        return tuple(files)


def _recording(recording: GraphRecording) -> CallRecording:
    return CallRecording(
        str(recording.id),
        _aware(recording.created_date_time),
        _aware(recording.end_date_time),
        recording.content_correlation_id or None,
    )


class GraphTranscripts:
    """Implements the Transcripts port: the transcripts of the calendar event's Teams meeting."""

    def __init__(self, artifacts: GraphMeetingArtifacts) -> None:
        self._artifacts = artifacts

    async def transcripts(self, meeting: Meeting, event_id: str | None) -> tuple[TranscriptFile, ...]:
        if event_id is None:
            return ()
        online = await self._artifacts.online_meeting(event_id)
        return await self._artifacts.transcripts(online.id) if online else ()


def _aware(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def graph_report(report: MeetingAttendanceReport, report_id: str) -> AttendanceReport:
    records = tuple(_record(r) for r in report.attendance_records or [])
    return AttendanceReport(
        report.id or report_id,
        _aware(report.meeting_start_date_time),
        _aware(report.meeting_end_date_time),
        report.total_participant_count or len(records),
        records,
    )


def _record(record: GraphRecord) -> AttendanceRecord:
    identity = record.identity
    intervals = tuple(
        Interval(_aware(i.join_date_time), _aware(i.leave_date_time), i.duration_in_seconds or 0)
        for i in record.attendance_intervals or []
    )
    return AttendanceRecord(
        aad_id=(identity.id if identity else None) or None,
        name=(identity.display_name if identity else None) or record.email_address or "",
        email=record.email_address or None,
        role=record.role or "None",
        seconds=record.total_attendance_in_seconds or 0,
        intervals=intervals,
    )
