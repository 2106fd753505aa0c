"""The meeting day's record: its start, the adjuster, the acting chair, the submission."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.adjuster import Appointment
from bot.domain.meeting_day import MeetingDay
from bot.storage.statements import insert_if_absent
from bot.storage.tables import meeting_days, meetings


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
