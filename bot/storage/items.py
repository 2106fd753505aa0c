"""Agenda items (övriga frågor)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.items import AgendaItem, ItemState
from bot.services.ports.items import NewItem
from bot.storage.tables import agenda_items


def _item(row: Row[Any]) -> AgendaItem:
    return AgendaItem(
        id=row.id,
        meeting_id=row.meeting_id,
        title=row.title,
        text=row.text,
        submitted_by=row.submitted_by,
        submitted_at=row.submitted_at,
        state=ItemState(row.state),
        late_for_meeting_id=row.late_for_meeting_id,
    )


class SqlItems:
    def __init__(self, connection: AsyncConnection) -> None:
        self._db = connection

    async def add(self, item: NewItem) -> AgendaItem:
        result = await self._db.execute(
            insert(agenda_items)
            .values(
                meeting_id=item.meeting_id,
                late_for_meeting_id=item.late_for_meeting_id,
                title=item.title,
                text=item.text,
                submitted_by=item.submitted_by,
                submitted_at=item.submitted_at,
                state=item.state.value,
            )
            .returning(*agenda_items.c)
        )
        return _item(result.one())

    async def get(self, item_id: int) -> AgendaItem | None:
        row = (await self._db.execute(select(agenda_items).where(agenda_items.c.id == item_id))).first()
        return _item(row) if row else None

    async def move(self, item_id: int, meeting_id: int | None, state: ItemState) -> None:
        await self._db.execute(
            update(agenda_items)
            .where(agenda_items.c.id == item_id)
            .values(meeting_id=meeting_id, state=state.value)
        )

    async def for_meeting(
        self, meeting_id: int, states: Sequence[ItemState] = (ItemState.ON_AGENDA,)
    ) -> list[AgendaItem]:
        rows = await self._db.execute(
            select(agenda_items)
            .where(agenda_items.c.meeting_id == meeting_id)
            .where(agenda_items.c.state.in_([s.value for s in states]))
            .order_by(agenda_items.c.submitted_at, agenda_items.c.id)
        )
        return [_item(row) for row in rows]
