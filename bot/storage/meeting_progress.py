"""Mötets gång: when each point of the agenda was taken up."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.meeting_progress import TakenUp
from bot.storage.statements import insert_if_absent
from bot.storage.tables import meeting_progress


class SqlMeetingProgress:
    def __init__(self, connection: AsyncConnection) -> None:
        self._db = connection

    async def taken_up(self, meeting_id: int) -> tuple[TakenUp, ...]:
        rows = await self._db.execute(
            select(meeting_progress.c.point, meeting_progress.c.taken_up_at)
            .where(meeting_progress.c.meeting_id == meeting_id)
            .order_by(meeting_progress.c.taken_up_at)
        )
        return tuple(TakenUp(row.point, row.taken_up_at) for row in rows)

    async def take_up(self, meeting_id: int, point: TakenUp, by: str) -> bool:
        # Of two presses moving to the same point (the same card twice, or two people), one stores it.
        values = {"meeting_id": meeting_id, "point": point.key, "taken_up_at": point.at, "taken_up_by": by}
        result = await self._db.execute(insert_if_absent(self._db, meeting_progress, values))
        return result.rowcount == 1
