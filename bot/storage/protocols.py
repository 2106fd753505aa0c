"""The protocol's tables: versions and approvals, the rendered PDF, recordings and the deletion log."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.adjustment import ProtocolState
from bot.domain.protocol import Approval, ApproverRole
from bot.domain.protocol_text import Section
from bot.domain.retention import DeletionOutcome, DriveFile, Recording
from bot.services.protocol_ports import ChangeRequest, DeletionEntry, StoredProtocol, Submission
from bot.storage.meeting_day import insert_if_absent, upsert
from bot.storage.tables import deletion_log, protocol_approvals, protocol_files, protocols, recordings


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


_STEPS = {"warn": "warned_at", "hold_back": "held_back_at", "delete": "deletion_ordered_at"}


def _recording(row: Row[Any]) -> Recording:
    return Recording(
        row.meeting_id, row.link, row.drive_id, row.item_id, row.registered_by, row.registered_at,
        row.warned_at, row.held_back_at, row.deletion_ordered_at, row.deleted_at,
        row.etag, row.name, row.size, DeletionOutcome(row.outcome) if row.outcome else None,
    )  # fmt: skip


def _entry(r: Row[Any]) -> DeletionEntry:
    outcome = DeletionOutcome(r.outcome) if r.outcome else None
    return DeletionEntry(
        r.meeting_id, r.what, r.rule, r.due_at, r.ordered_at, r.deleted_at, r.size, r.retention_decision,
        outcome, r.settled_at,
    )  # fmt: skip


def _open_line(meeting_id: int) -> ColumnElement[bool]:
    """The meeting's log line whose deletion has not been settled (at most one)."""
    log = deletion_log.c
    return and_(log.meeting_id == meeting_id, log.outcome.is_(None), log.deleted_at.is_(None))


class SqlRecordings:
    def __init__(self, connection: AsyncConnection) -> None:
        self._db = connection

    async def register(
        self, meeting_id: int, link: str | None, file: DriveFile, by: str, now: datetime
    ) -> None:
        values = {
            "meeting_id": meeting_id, "link": link, "drive_id": file.drive_id, "item_id": file.item_id,
            "etag": file.etag, "name": file.name, "size": file.size,
            "registered_by": by, "registered_at": now,
            "deletion_ordered_at": None, "deleted_at": None, "outcome": None,
        }  # fmt: skip
        await self._db.execute(upsert(self._db, recordings, values, ["meeting_id"]))

    async def get(self, meeting_id: int) -> Recording | None:
        row = (
            await self._db.execute(select(recordings).where(recordings.c.meeting_id == meeting_id))
        ).first()
        return _recording(row) if row else None

    async def not_deleted(self) -> list[Recording]:
        rows = await self._db.execute(
            select(recordings)
            .where(recordings.c.deletion_ordered_at.is_(None))
            .order_by(recordings.c.meeting_id)
        )
        return [_recording(row) for row in rows]

    async def mark(self, meeting_id: int, step: str, now: datetime) -> bool:
        column = recordings.c[_STEPS[step]]
        result = await self._db.execute(
            update(recordings)
            .where(recordings.c.meeting_id == meeting_id, column.is_(None))
            .values({column: now})
        )
        return result.rowcount == 1

    async def log_ordered(self, entry: DeletionEntry) -> None:
        values = asdict(entry)
        await self._db.execute(insert(deletion_log).values(**values))

    async def attempt(self, meeting_id: int, now: datetime) -> None:
        await self._db.execute(
            update(deletion_log)
            .where(_open_line(meeting_id), deletion_log.c.attempted_at.is_(None))
            .values(attempted_at=now)
        )

    async def attempted(self, meeting_id: int) -> bool:
        found = await self._db.execute(
            select(deletion_log.c.id).where(_open_line(meeting_id), deletion_log.c.attempted_at.is_not(None))
        )
        return found.first() is not None

    async def log_outcome(self, meeting_id: int, outcome: DeletionOutcome, now: datetime) -> bool:
        # The first word counts: a repeated delivery changes nothing, and tells nobody again.
        deleted = now if outcome is DeletionOutcome.DELETED else None
        settled = await self._db.execute(
            update(deletion_log)
            .where(_open_line(meeting_id))
            .values(outcome=outcome.value, settled_at=now, deleted_at=deleted)
        )
        await self._db.execute(
            update(recordings)
            .where(recordings.c.meeting_id == meeting_id, recordings.c.outcome.is_(None))
            .values(outcome=outcome.value, deleted_at=deleted)
        )
        return settled.rowcount == 1

    async def deletion_log(self) -> list[DeletionEntry]:
        rows = await self._db.execute(
            select(deletion_log).order_by(deletion_log.c.ordered_at, deletion_log.c.id)
        )
        return [_entry(r) for r in rows]
