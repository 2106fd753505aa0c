"""The store of the meeting's recording and of the deletion log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.domain.recording import DeletionOutcome, DriveFile, Recording


@dataclass(frozen=True)
class DeletionEntry:
    """One line of the gallringslogg."""

    meeting_id: int
    what: str
    rule: str
    due_at: datetime
    ordered_at: datetime
    deleted_at: datetime | None
    size: int | None = None
    retention_decision: str | None = None  # the group's gallringsbeslut when it was ordered
    outcome: DeletionOutcome | None = None  # None: ordered, not settled yet
    settled_at: datetime | None = None


class RecordingRepository(Protocol):
    async def register(
        self, meeting_id: int, link: str | None, file: DriveFile, by: str, now: datetime
    ) -> None:
        """The file as confirmed; replaces an earlier one, and a deletion that found another file."""
        ...

    async def get(self, meeting_id: int) -> Recording | None: ...

    async def not_deleted(self) -> list[Recording]:
        """Recordings whose deletion has not been ordered yet."""
        ...

    async def mark(self, meeting_id: int, step: str, now: datetime) -> bool:
        """Sets `warned_at`, `held_back_at` or `deletion_ordered_at` once; False if it was set already."""
        ...

    async def log_ordered(self, entry: DeletionEntry) -> None: ...

    async def attempt(self, meeting_id: int, now: datetime) -> None:
        """Marks the open log line: the delete request is about to go out."""
        ...

    async def attempted(self, meeting_id: int) -> bool:
        """Whether a delete request went out (or was about to) for the open log line."""
        ...

    async def log_outcome(self, meeting_id: int, outcome: DeletionOutcome, now: datetime) -> bool:
        """Settles the meeting's open log line (and the recording); False if it was settled already."""
        ...

    async def deletion_log(self) -> list[DeletionEntry]: ...
