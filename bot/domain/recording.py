"""Gallring: the meeting's recording is deleted when its retention period ends (§3: two months).

The recording is a file (a drive item): Teams keeps it in the organizer's OneDrive or the
channel's SharePoint folder, and Graph deletes it only as that file. The secretary names it
by a link or by drive and item id; only a video file in one of those drives, made at the
meeting, is accepted, and only the very file she confirmed (its eTag) is ever deleted.
A week before the deletion the secretary and the chair
are warned; the deletion waits while the protocol is not adjusted, because the protocol
is written from the recording (the chair is told so, once).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum

from .deadlines import shift_local
from .errors import DomainError
from .meetings import Meeting

WARN_DAYS_BEFORE = 7
LINK_MAX = 2000
_ID = re.compile(r"^[A-Za-z0-9!_\-.]{1,200}$")
# A recording's file is created when the recording starts or, at the latest, when Teams has
# processed it after the meeting: an hour's margin before the start (the meeting is often
# opened early), a day after the end (processing can take hours).
CREATED_FROM_BEFORE_START = timedelta(hours=1)
CREATED_UNTIL_AFTER_END = timedelta(days=1)


class RecordingStep(StrEnum):
    WARN = "warn"  # a week before: the secretary and the chair are told the date
    HOLD_BACK = "hold_back"  # due, but the protocol is not adjusted: wait, and tell the chair once
    DELETE = "delete"  # due, and the protocol adjusted: delete it, and log it


@dataclass(frozen=True)
class Recording:
    meeting_id: int
    link: str | None  # the link the secretary gave, if any (for people; the ids are what count)
    drive_id: str | None  # the drive item, as Graph resolved it at registration
    item_id: str | None
    registered_by: str
    registered_at: datetime
    warned_at: datetime | None = None
    held_back_at: datetime | None = None
    deletion_ordered_at: datetime | None = None
    deleted_at: datetime | None = None
    etag: str | None = None  # the file as the secretary confirmed it; None: registered before the check
    name: str | None = None
    size: int | None = None
    outcome: DeletionOutcome | None = None  # what the deletion came to

    @property
    def what(self) -> str:
        """The file, as the deletion log names it."""
        return self.name or self.link or f"drive {self.drive_id}, item {self.item_id}"


class DeletionOutcome(StrEnum):
    DELETED = "deleted"  # permanently deleted (not to the recycle bin)
    NOT_FOUND = "not_found"  # Graph no longer finds it: nothing was deleted by the bot
    CHANGED = "changed"  # not the file confirmed (its eTag differs): nothing was deleted


@dataclass(frozen=True)
class DriveFile:
    """A drive item as Graph (or the local stand-in) describes it."""

    drive_id: str
    item_id: str
    name: str
    size: int
    created_at: datetime  # aware
    etag: str
    is_file: bool  # a `file` facet: not a folder, a notebook or a package
    is_video: bool  # a `video` facet, or a video/* MIME type


@dataclass(frozen=True)
class RecordingFile:
    link: str | None
    drive_id: str | None
    item_id: str | None


def parse_recording(raw: str) -> RecordingFile:
    """`<link>` or `<drive id> <item id>`."""
    parts = raw.split()
    if len(parts) == 1:
        link = parts[0]
        if not link.startswith(("https://", "file://")) or len(link) > LINK_MAX:
            raise DomainError("recording.bad_link")
        return RecordingFile(link, None, None)
    if len(parts) == 2 and all(_ID.match(p) for p in parts):
        return RecordingFile(None, parts[0], parts[1])
    raise DomainError("recording.usage")


def check_registrable(existing: Recording | None) -> None:
    """A recording may be replaced until its deletion is ordered, or when that found another file."""
    if existing is None or existing.deletion_ordered_at is None:
        return
    if existing.outcome is not DeletionOutcome.CHANGED:
        raise DomainError("recording.already_deleted")


def check_recording(found: DriveFile | None, drives: frozenset[str], meeting: Meeting) -> DriveFile:
    """Only a video file in the organizer's OneDrive or the team's drive, made at the meeting."""
    if found is None:
        raise DomainError("recording.not_found")
    if not found.is_file:
        raise DomainError("recording.not_a_file", name=found.name)
    if not found.is_video:
        raise DomainError("recording.not_video", name=found.name)
    if found.drive_id not in drives:
        raise DomainError("recording.elsewhere", name=found.name)
    earliest = meeting.starts_at - CREATED_FROM_BEFORE_START
    latest = meeting.ends_at + CREATED_UNTIL_AFTER_END
    if not earliest <= found.created_at <= latest:
        raise DomainError(
            "recording.outside_meeting", name=found.name, created=found.created_at, meeting=meeting.starts_at
        )
    return found


def check_unchanged(shown_etag: str, found: DriveFile) -> None:
    """The file the secretary confirms is the one the card showed."""
    if found.etag != shown_etag:
        raise DomainError("recording.changed_since_shown", name=found.name)


def warn_at(delete_at: datetime, tz: tzinfo) -> datetime:
    return shift_local(delete_at, tz, days=-WARN_DAYS_BEFORE)


def recording_step(
    recording: Recording, delete_at: datetime, tz: tzinfo, adjusted: bool, now: datetime
) -> RecordingStep | None:
    """The one step due for the recording at `now`; each is taken once (the store guards it)."""
    if recording.deletion_ordered_at is not None:
        return None
    if now >= delete_at:
        if adjusted:
            return RecordingStep.DELETE
        return RecordingStep.HOLD_BACK if recording.held_back_at is None else None
    if now >= warn_at(delete_at, tz) and recording.warned_at is None:
        return RecordingStep.WARN
    return None


def excerpts_expire(delete_at: datetime, adjusted: bool, now: datetime) -> bool:
    """Whether the transcript's excerpts of a meeting with no registered recording go now.

    They go as the recording would have: at its deletion date, and never before the protocol is
    adjusted (the secretary may still be writing from them). With a registered recording they go
    with it (`bot.services.recording_deletion`).
    """
    return adjusted and now >= delete_at
