"""The store the protocol needs: its versions and approvals, its PDF, the recording and the deletion log."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from bot.domain.adjustment import ProtocolState
from bot.domain.protocol import Approval
from bot.domain.protocol_text import Section
from bot.domain.retention import DeletionOutcome, DriveFile, Recording


@dataclass(frozen=True)
class ChangeRequest:
    by: str  # aad id of the adjuster or the chair
    at: datetime
    comment: str


@dataclass(frozen=True)
class StoredProtocol:
    meeting_id: int
    state: ProtocolState
    sections: tuple[Section, ...] | None  # None until the first draft is made
    record: dict[str, Any] | None  # frozen at submission (see protocol_record.snapshot)
    content: str | None  # what `version` hashes: sections and record, canonical JSON
    version: str | None
    submitted_by: str | None = None
    submitted_at: datetime | None = None
    change_request: ChangeRequest | None = None
    adjusted_at: datetime | None = None
    reminded_at: datetime | None = None
    approvals: tuple[Approval, ...] = ()


@dataclass(frozen=True)
class Submission:
    record: dict[str, Any]
    content: str
    version: str
    by: str
    at: datetime


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


class ProtocolRepository(Protocol):
    async def lock(self, meeting_id: int) -> None:
        """Creates the protocol's row if need be and locks it; must be the transaction's first write."""
        ...

    async def get(self, meeting_id: int) -> StoredProtocol | None: ...

    async def adjusted(self) -> list[StoredProtocol]:
        """Every adjusted protocol, the latest adjusted first."""
        ...

    async def save_sections(
        self, meeting_id: int, sections: tuple[Section, ...], state: ProtocolState
    ) -> None: ...

    async def submit(self, meeting_id: int, submission: Submission) -> None: ...

    async def request_change(self, meeting_id: int, request: ChangeRequest) -> None: ...

    async def approve(self, meeting_id: int, approval: Approval) -> None: ...

    async def clear_approvals(self, meeting_id: int) -> None: ...

    async def mark_adjusted(self, meeting_id: int, now: datetime) -> bool:
        """In review → adjusted; False if it was not in review (another got there first)."""
        ...

    async def mark_reminded(self, meeting_id: int, now: datetime) -> bool: ...

    async def store_pdf(self, meeting_id: int, version: str, pdf: bytes, now: datetime) -> None: ...

    async def pdf(self, meeting_id: int, version: str) -> bytes | None: ...

    async def pdf_size(self, meeting_id: int, version: str) -> int | None:
        """The stored PDF's length in bytes; None before it is rendered."""
        ...


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
