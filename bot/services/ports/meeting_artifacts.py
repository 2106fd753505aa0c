"""What Graph knows of a Teams meeting the bot created: the online meeting and its artifacts.

The meetings are calendar events with `isOnlineMeeting` in the group mailbox's calendar (the
organizer's): the event's join URL leads to the online meeting, whose artifacts are read as
the organizer's. Today that is the attendance report; the meeting's recordings and transcripts
are artifacts of the same meeting (with permissions of their own) and belong here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.domain.attendance_report import AttendanceReport


class ArtifactError(Exception):
    """An artifact could not be had for a reason retrying will not mend (see the subclasses)."""


class NotPermitted(ArtifactError):
    """Graph refused (403): the app lacks OnlineMeetings.Read.All or OnlineMeetingArtifact.Read.All,
    or Teams' application access policy is not granted to the organizer."""


class NotAvailable(ArtifactError):
    """The event, its online meeting or the artifact is not there (404)."""


@dataclass(frozen=True)
class OnlineMeeting:
    id: str
    join_url: str


class MeetingArtifacts(Protocol):
    """Raises NotPermitted or NotAvailable; RetryLater (ports.delivery) for what may pass,
    DeliveryError for any other refusal."""

    async def online_meeting(self, event_id: str) -> OnlineMeeting | None:
        """The Teams meeting of the calendar event; None when the event has none."""
        ...

    async def attendance_reports(self, online_meeting_id: str) -> tuple[AttendanceReport, ...]:
        """Every session's report with its records, oldest first; () before the meeting has ended."""
        ...
