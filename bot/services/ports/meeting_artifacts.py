"""What Graph knows of a Teams meeting the bot created: the online meeting and its artifacts.

The meetings are calendar events with `isOnlineMeeting` in the group mailbox's calendar (the
organizer's): the event's join URL leads to the online meeting, whose artifacts are read as
the organizer's: the attendance report, and what Teams says of the meeting's recordings (their
files are in the organizer's OneDrive, `Files`); the transcripts are read through `Transcripts`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.domain.attendance_report import AttendanceReport


class ArtifactError(Exception):
    """An artifact could not be had for a reason retrying will not mend (see the subclasses)."""


class NotPermitted(ArtifactError):
    """Graph refused (403): the app lacks OnlineMeetings.Read.All or the artifact's own permission
    (OnlineMeetingArtifact.Read.All, OnlineMeetingTranscript.Read.All, OnlineMeetingRecording.Read.All),
    or Teams' application access policy is not granted to the organizer."""


class NotAvailable(ArtifactError):
    """The event, its online meeting or the artifact is not there (404)."""


@dataclass(frozen=True)
class OnlineMeeting:
    id: str
    join_url: str
    subject: str = ""  # the recording's file is named after it


@dataclass(frozen=True)
class CallRecording:
    """A recording Teams reports of the meeting (Graph's callRecording); its file is found apart."""

    id: str
    created_at: datetime | None  # createdDateTime: when the recording was made (it started)
    ended_at: datetime | None = None
    content_correlation_id: str | None = None  # the same as its transcript's


class MeetingArtifacts(Protocol):
    """Raises NotPermitted or NotAvailable; RetryLater (ports.delivery) for what may pass,
    DeliveryError for any other refusal."""

    async def online_meeting(self, event_id: str) -> OnlineMeeting | None:
        """The Teams meeting of the calendar event; None when the event has none."""
        ...

    async def attendance_reports(self, online_meeting_id: str) -> tuple[AttendanceReport, ...]:
        """Every session's report with its records, oldest first; () before the meeting has ended."""
        ...

    async def recordings(self, online_meeting_id: str) -> tuple[CallRecording, ...]:
        """The meeting's recordings, oldest first; () before any is made (or processed)."""
        ...
