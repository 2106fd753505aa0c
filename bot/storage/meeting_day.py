"""The meeting day's tables: attendance marks and the day's record (start, adjuster, submission)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Row, Table, bindparam, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.dml import Insert

from bot.domain.attendance import Mark
from bot.domain.meeting_day import Appointment, MeetingDay
from bot.storage.tables import attendance, channel_users, meeting_days, meetings


def upsert(db: AsyncConnection, table: Table, values: dict[str, Any], keys: list[str]) -> Insert:
    """INSERT … ON CONFLICT (keys) DO UPDATE the other columns, on PostgreSQL and SQLite alike."""
    return upsert_statement(db.dialect.name, table, tuple(values), tuple(keys)).values(**values)


@cache
def upsert_statement(dialect: str, table: Table, columns: tuple[str, ...], keys: tuple[str, ...]) -> Insert:
    """The same upsert without its values, built once: pass the values to `execute`.

    A statement object that is reused keeps its memoized cache key, so SQLAlchemy neither
    rebuilds it nor recomputes the key on each execution (the hot path's main cost).
    """
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(table)
    changed = {k: statement.excluded[k] for k in columns if k not in keys}
    return statement.on_conflict_do_update(index_elements=list(keys), set_=changed)


def insert_if_absent(db: AsyncConnection, table: Table, values: dict[str, Any]) -> Insert:
    insert = pg_insert if db.dialect.name == "postgresql" else sqlite_insert
    return insert(table).values(**values).on_conflict_do_nothing()


_MARKS = (
    select(attendance)
    .where(attendance.c.meeting_id == bindparam("meeting_id"))
    .order_by(attendance.c.marked_at)
)
_MARK_COLUMNS = ("meeting_id", "aad_id", "present", "marked_by", "marked_at")
_MARK_KEYS = ("meeting_id", "aad_id")
_SEEN_COLUMNS = ("aad_id", "channel_user_id", "seen_at")


class SqlAttendance:
    def __init__(self, connection: AsyncConnection) -> None:
        self._db = connection

    async def mark(self, meeting_id: int, aad_id: str, present: bool, by: str, now: datetime) -> None:
        values = {
            "meeting_id": meeting_id, "aad_id": aad_id.casefold(), "present": present,
            "marked_by": by, "marked_at": now,
        }  # fmt: skip
        statement = upsert_statement(self._db.dialect.name, attendance, _MARK_COLUMNS, _MARK_KEYS)
        await self._db.execute(statement, values)

    async def marks(self, meeting_id: int) -> list[Mark]:
        rows = await self._db.execute(_MARKS, {"meeting_id": meeting_id})
        return [Mark(r.aad_id, bool(r.present), r.marked_by, r.marked_at) for r in rows]

    async def seen_in_channel(self, aad_id: str, channel_user_id: str, now: datetime) -> None:
        values = {"aad_id": aad_id.casefold(), "channel_user_id": channel_user_id, "seen_at": now}
        statement = upsert_statement(self._db.dialect.name, channel_users, _SEEN_COLUMNS, ("aad_id",))
        await self._db.execute(statement, values)

    async def channel_ids(self, aad_ids: Collection[str]) -> dict[str, str]:
        if not aad_ids:
            return {}
        folded = sorted({a.casefold() for a in aad_ids})
        rows = await self._db.execute(select(channel_users).where(channel_users.c.aad_id.in_(folded)))
        return {r.aad_id: r.channel_user_id for r in rows}


def _day(row: Row[Any]) -> MeetingDay:
    adjuster = None
    if row.adjuster_municipality is not None:
        adjuster = Appointment(
            municipality=row.adjuster_municipality,
            aad_id=row.adjuster_aad_id,
            proposed=row.adjuster_proposed,
            reason=row.adjuster_reason,
            appointed_by=row.adjuster_appointed_by,
            appointed_at=row.adjuster_appointed_at,
        )
    return MeetingDay(
        row.meeting_id, row.started_at, adjuster, row.submitted_for_adjustment_at, row.acting_chair_aad_id
    )


class SqlMeetingDays:
    def __init__(self, connection: AsyncConnection) -> None:
        self._db = connection

    async def get(self, meeting_id: int) -> MeetingDay | None:
        row = (
            await self._db.execute(select(meeting_days).where(meeting_days.c.meeting_id == meeting_id))
        ).first()
        return _day(row) if row else None

    async def start(self, meeting_id: int, now: datetime) -> bool:
        await self._ensure(meeting_id)
        # Compare-and-set: of two callers (the scheduler and the secretary), one starts the meeting.
        return await self._set_once(meeting_id, "started_at", now)

    async def appoint(self, meeting_id: int, appointment: Appointment) -> None:
        await self._ensure(meeting_id)
        await self._db.execute(
            update(meeting_days)
            .where(meeting_days.c.meeting_id == meeting_id)
            .values(
                adjuster_municipality=appointment.municipality,
                adjuster_aad_id=appointment.aad_id,
                adjuster_proposed=appointment.proposed,
                adjuster_reason=appointment.reason,
                adjuster_appointed_by=appointment.appointed_by,
                adjuster_appointed_at=appointment.appointed_at,
            )
        )

    async def appoint_acting_chair(self, meeting_id: int, aad_id: str, by: str) -> None:
        await self._ensure(meeting_id)
        await self._db.execute(
            update(meeting_days)
            .where(meeting_days.c.meeting_id == meeting_id)
            .values(acting_chair_aad_id=aad_id, acting_chair_appointed_by=by)
        )

    async def last_adjuster_before(self, starts_at: datetime) -> str | None:
        row = (
            await self._db.execute(
                select(meeting_days.c.adjuster_municipality)
                .join(meetings, meetings.c.id == meeting_days.c.meeting_id)
                .where(meetings.c.starts_at < starts_at, meeting_days.c.adjuster_municipality.is_not(None))
                .order_by(meetings.c.starts_at.desc())
                .limit(1)
            )
        ).first()
        return str(row.adjuster_municipality) if row else None

    async def mark_submitted_for_adjustment(self, meeting_id: int, now: datetime) -> None:
        await self._ensure(meeting_id)
        await self._set_once(meeting_id, "submitted_for_adjustment_at", now)

    async def _ensure(self, meeting_id: int) -> None:
        await self._db.execute(insert_if_absent(self._db, meeting_days, {"meeting_id": meeting_id}))

    async def _set_once(self, meeting_id: int, column: str, now: datetime) -> bool:
        result = await self._db.execute(
            update(meeting_days)
            .where(meeting_days.c.meeting_id == meeting_id, meeting_days.c[column].is_(None))
            .values({column: now})
        )
        return result.rowcount == 1
