"""The Teams meeting's transcript and recording, looked for by the bot after the meeting.

Teams writes both when the meeting (or its recording) ends, and the recording's file lands in the
organizer's OneDrive once it is processed. The bot looks for each as it looks for the attendance
report (the same looks, a quarter of an hour to a day after the planned end), and tells the
secretary once what it came to: the transcript read into her draft, the recording to confirm,
or in words why there is none. After that `transkription` and `inspelning` are hers, as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from .attendance_report import in_look_window, look_at
from .meetings import Meeting
from .recording import CREATED_FROM_BEFORE_START, CREATED_UNTIL_AFTER_END, DriveFile

# Teams names the recording's file after the meeting's subject, without what a file name cannot
# hold (the subject's colon, say): names are compared by their letters and digits alone.
_NOT_LETTERS = re.compile(r"[\W_]+")


class Artifact(StrEnum):
    TRANSCRIPT = "transcript"
    RECORDING = "recording"


class LookOutcome(StrEnum):
    FOUND = "found"  # read into the draft (transcript), or shown to be confirmed (recording)
    NONE = "none"  # Teams had none after the last look
    NOT_PERMITTED = "not_permitted"  # Graph refused (403): a permission or the access policy is missing
    UNREACHABLE = "unreachable"  # Graph failed at every look, or refused the request for good
    NO_ONLINE_MEETING = "no_online_meeting"  # the calendar event has no Teams meeting the bot can find
    NOT_NEEDED = "not_needed"  # the secretary did it herself first (registered, or the recording deleted)


@dataclass(frozen=True)
class ArtifactLook:
    meeting_id: int
    artifact: Artifact
    attempts: int = 0
    next_look_at: datetime | None = None
    outcome: LookOutcome | None = None  # None: not settled, looked again later
    settled_at: datetime | None = None


def look_due(meeting: Meeting, look: ArtifactLook | None, now: datetime) -> bool:
    """Whether the bot looks for the artifact now: at the attendance report's times."""
    if not in_look_window(meeting, now) or (look is not None and look.outcome is not None):
        return False
    due = look.next_look_at if look is not None and look.next_look_at else look_at(meeting, 0)
    return due is not None and now >= due


def recording_files(
    meeting: Meeting, subject: str, files: Iterable[DriveFile], recorded_at: Sequence[datetime] = ()
) -> tuple[DriveFile, ...]:
    """The files of the organizer's Recordings folder that are the meeting's: videos named after its
    subject, made within its time; those nearest a recording Teams reports first, else the earliest."""
    earliest = meeting.starts_at - CREATED_FROM_BEFORE_START
    latest = meeting.ends_at + CREATED_UNTIL_AFTER_END
    prefix = _letters(subject)
    found = [
        f
        for f in files
        if f.is_file
        and f.is_video
        and _letters(f.name).startswith(prefix)
        and earliest <= f.created_at <= latest
    ]

    def distance(file: DriveFile) -> float:
        return min((abs((file.created_at - at).total_seconds()) for at in recorded_at), default=0.0)

    return tuple(sorted(found, key=lambda f: (distance(f), f.created_at)))


def _letters(text: str) -> str:
    return _NOT_LETTERS.sub("", text).casefold()
