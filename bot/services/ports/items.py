"""The store of agenda items (övriga frågor)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.domain.items import AgendaItem, ItemState


@dataclass(frozen=True)
class NewItem:
    meeting_id: int | None
    late_for_meeting_id: int | None
    title: str
    text: str
    submitted_by: str
    submitted_at: datetime
    state: ItemState


class ItemRepository(Protocol):
    async def add(self, item: NewItem) -> AgendaItem: ...

    async def get(self, item_id: int) -> AgendaItem | None: ...

    async def move(self, item_id: int, meeting_id: int | None, state: ItemState) -> None: ...

    async def for_meeting(
        self, meeting_id: int, states: Sequence[ItemState] = (ItemState.ON_AGENDA,)
    ) -> list[AgendaItem]: ...
