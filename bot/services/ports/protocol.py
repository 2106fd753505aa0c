"""The store of the protocol: its versions and approvals, the change requests and its PDF."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from bot.domain.adjustment import ProtocolState
from bot.domain.protocol import Approval
from bot.domain.protocol_text import Section


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
