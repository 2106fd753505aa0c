"""Attendance marks, and who each person is in the chat channel."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.attendance import Mark
from bot.storage.statements import upsert_statement
from bot.storage.tables import attendance, channel_users

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
