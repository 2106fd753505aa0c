"""The activities the bot has taken, by conversation and activity id."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.storage.statements import insert_if_absent_returning
from bot.storage.tables import handled_activities


class SqlHandledActivities:
    def __init__(self, connection: AsyncConnection) -> None:
        self._db = connection

    async def first_deliveries(
        self, deliveries: Sequence[tuple[str, str]], now: datetime
    ) -> set[tuple[str, str]]:
        """Records the activities; gives those recorded only now, the first of their deliveries.

        One statement for all: INSERT … ON CONFLICT DO NOTHING RETURNING the rows it inserted.
        On PostgreSQL a second delivery inserting at the same time waits for the first's
        commit and then inserts nothing.
        """
        rows = [
            {"conversation_id": conversation, "activity_id": activity, "received_at": now}
            for conversation, activity in dict.fromkeys(deliveries)
        ]
        statement = insert_if_absent_returning(
            self._db,
            handled_activities,
            (handled_activities.c.conversation_id, handled_activities.c.activity_id),
        )
        return {(row[0], row[1]) for row in await self._db.execute(statement, rows)}

    async def forget_before(self, moment: datetime) -> None:
        await self._db.execute(delete(handled_activities).where(handled_activities.c.received_at < moment))
