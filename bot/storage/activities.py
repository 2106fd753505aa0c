"""The activities the bot has taken, by conversation and activity id."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.storage.statements import insert_if_absent
from bot.storage.tables import handled_activities


class SqlHandledActivities:
    def __init__(self, connection: AsyncConnection) -> None:
        self._db = connection

    async def first_delivery(self, conversation_id: str, activity_id: str, now: datetime) -> bool:
        """Records the activity; True only for the first of its deliveries.

        On PostgreSQL a second delivery inserting at the same time waits for the first's
        commit and then inserts nothing.
        """
        values = {"conversation_id": conversation_id, "activity_id": activity_id, "received_at": now}
        return bool((await self._db.execute(insert_if_absent(self._db, handled_activities, values))).rowcount)

    async def forget_before(self, moment: datetime) -> None:
        await self._db.execute(delete(handled_activities).where(handled_activities.c.received_at < moment))
