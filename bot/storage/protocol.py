"""The protocol's tables: versions and approvals, the change requests and the rendered PDF."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import Row, delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.adjustment import ProtocolState
from bot.domain.protocol import Approval, ApproverRole
from bot.domain.protocol_text import Section
from bot.services.ports.protocol import ChangeRequest, StoredProtocol, Submission
from bot.storage.statements import insert_if_absent
from bot.storage.tables import protocol_approvals, protocol_files, protocols


def _sections(raw: list[dict[str, Any]] | None) -> tuple[Section, ...] | None:
    if raw is None:
        return None
    return tuple(
        Section(s["title"], s.get("text", ""), s.get("decision", ""), tuple(s.get("votes", ()))) for s in raw
    )


def _protocol(row: Row[Any], approvals: tuple[Approval, ...]) -> StoredProtocol:
    change = None
    if row.change_requested_by is not None:
        change = ChangeRequest(row.change_requested_by, row.change_requested_at, row.change_request or "")
    return StoredProtocol(
        row.meeting_id, ProtocolState(row.state), _sections(row.sections), row.record, row.content,
        row.version, row.submitted_by, row.submitted_at, change, row.adjusted_at, row.reminded_at, approvals,
    )  # fmt: skip


class SqlProtocols:
    def __init__(self, connection: AsyncConnection) -> None:
        self._db = connection

    async def lock(self, meeting_id: int) -> None:
        values = {"meeting_id": meeting_id, "state": ProtocolState.DRAFT.value, "revision": 0}
        await self._db.execute(insert_if_absent(self._db, protocols, values))
        await self._set(meeting_id, revision=protocols.c.revision + 1)

    async def get(self, meeting_id: int) -> StoredProtocol | None:
        row = (await self._db.execute(select(protocols).where(protocols.c.meeting_id == meeting_id))).first()
        return _protocol(row, await self._approvals(meeting_id)) if row else None

    async def adjusted(self) -> list[StoredProtocol]:
        rows = await self._db.execute(
            select(protocols)
            .where(protocols.c.state == ProtocolState.ADJUSTED.value)
            .order_by(protocols.c.adjusted_at.desc(), protocols.c.meeting_id.desc())
        )
        return [_protocol(row, await self._approvals(row.meeting_id)) for row in rows.all()]

    async def _approvals(self, meeting_id: int) -> tuple[Approval, ...]:
        rows = await self._db.execute(
            select(protocol_approvals)
            .where(protocol_approvals.c.meeting_id == meeting_id)
            .order_by(protocol_approvals.c.approved_at)
        )
        return tuple(Approval(r.approver, ApproverRole(r.role), r.version, r.approved_at) for r in rows)

    async def save_sections(
        self, meeting_id: int, sections: tuple[Section, ...], state: ProtocolState
    ) -> None:
        await self._set(meeting_id, sections=[asdict(s) for s in sections], state=state.value)

    async def submit(self, meeting_id: int, submission: Submission) -> None:
        await self._set(
            meeting_id, state=ProtocolState.IN_REVIEW.value, record=submission.record,
            content=submission.content, version=submission.version, submitted_by=submission.by,
            submitted_at=submission.at,
        )  # fmt: skip

    async def request_change(self, meeting_id: int, request: ChangeRequest) -> None:
        await self._set(
            meeting_id, state=ProtocolState.CHANGES_REQUESTED.value, change_requested_by=request.by,
            change_requested_at=request.at, change_request=request.comment,
        )  # fmt: skip

    async def approve(self, meeting_id: int, approval: Approval) -> None:
        values = {
            "meeting_id": meeting_id, "approver": approval.approver, "version": approval.version,
            "role": approval.role.value, "approved_at": approval.at,
        }  # fmt: skip
        await self._db.execute(insert_if_absent(self._db, protocol_approvals, values))

    async def clear_approvals(self, meeting_id: int) -> None:
        await self._db.execute(
            delete(protocol_approvals).where(protocol_approvals.c.meeting_id == meeting_id)
        )

    async def mark_adjusted(self, meeting_id: int, now: datetime) -> bool:
        result = await self._db.execute(
            update(protocols)
            .where(protocols.c.meeting_id == meeting_id, protocols.c.state == ProtocolState.IN_REVIEW.value)
            .values(state=ProtocolState.ADJUSTED.value, adjusted_at=now)
        )
        return result.rowcount == 1

    async def mark_reminded(self, meeting_id: int, now: datetime) -> bool:
        result = await self._db.execute(
            update(protocols)
            .where(protocols.c.meeting_id == meeting_id, protocols.c.reminded_at.is_(None))
            .values(reminded_at=now)
        )
        return result.rowcount == 1

    async def store_pdf(self, meeting_id: int, version: str, pdf: bytes, now: datetime) -> None:
        values = {"meeting_id": meeting_id, "version": version, "pdf": pdf, "created_at": now}
        await self._db.execute(insert_if_absent(self._db, protocol_files, values))

    async def pdf(self, meeting_id: int, version: str) -> bytes | None:
        found = await self._db.execute(
            select(protocol_files.c.pdf).where(
                protocol_files.c.meeting_id == meeting_id, protocol_files.c.version == version
            )
        )
        row = found.first()
        return bytes(row.pdf) if row else None

    async def pdf_size(self, meeting_id: int, version: str) -> int | None:
        """The PDF's length in bytes, counted by the database rather than read out."""
        found = await self._db.execute(
            select(func.length(protocol_files.c.pdf)).where(
                protocol_files.c.meeting_id == meeting_id, protocol_files.c.version == version
            )
        )
        size = found.scalar()
        return int(size) if size is not None else None

    async def _set(self, meeting_id: int, **values: Any) -> None:
        await self._db.execute(update(protocols).where(protocols.c.meeting_id == meeting_id).values(**values))
