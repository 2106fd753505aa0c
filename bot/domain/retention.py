"""Gallring: the meeting's recording is deleted when its retention period ends (§3: two months).

The recording is a file (a drive item): Teams keeps it in the organizer's OneDrive or the
channel's SharePoint folder, and Graph deletes it only as that file. The secretary names it
by a link or by drive and item id. A week before the deletion the secretary and the chair
are warned; the deletion waits while the protocol is not adjusted, because the protocol
is written from the recording (the chair is told so, once).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import StrEnum

from .deadlines import shift_local
from .errors import DomainError

WARN_DAYS_BEFORE = 7
LINK_MAX = 2000
_ID = re.compile(r"^[A-Za-z0-9!_\-.]{1,200}$")


class RecordingStep(StrEnum):
    WARN = "warn"  # a week before: the secretary and the chair are told the date
    HOLD_BACK = "hold_back"  # due, but the protocol is not adjusted: wait, and tell the chair once
    DELETE = "delete"  # due, and the protocol adjusted: delete it, and log it


@dataclass(frozen=True)
class Recording:
    meeting_id: int
    link: str | None  # a SharePoint or OneDrive link to the file (Graph resolves it when deleting)
    drive_id: str | None  # or the drive item itself
    item_id: str | None
    registered_by: str
    registered_at: datetime
    warned_at: datetime | None = None
    held_back_at: datetime | None = None
    deletion_ordered_at: datetime | None = None
    deleted_at: datetime | None = None

    @property
    def what(self) -> str:
        """The file, as the deletion log names it."""
        return self.link or f"drive {self.drive_id}, item {self.item_id}"


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
    if existing is not None and existing.deletion_ordered_at is not None:
        raise DomainError("recording.already_deleted")


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
