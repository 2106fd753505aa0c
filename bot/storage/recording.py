"""The meeting's recording and the deletion log."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.recording import DeletionOutcome, DriveFile, Recording
from bot.services.ports.recording import DeletionEntry
from bot.storage.statements import upsert
from bot.storage.tables import deletion_log, recordings

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
