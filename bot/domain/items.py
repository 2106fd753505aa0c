"""Agenda items (ärenden, övriga frågor) as the store keeps them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class ItemState(StrEnum):
    ON_AGENDA = "on_agenda"  # placed on a meeting's agenda
    OFFERED = "offered"  # came after the deadline: kept, offered for `meeting_id` (the next meeting)
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class AgendaItem:
    id: int
    meeting_id: int | None
    title: str
    text: str
    submitted_by: str  # aad id
    submitted_at: datetime  # aware, UTC
    state: ItemState = ItemState.ON_AGENDA
    late_for_meeting_id: int | None = None  # the meeting whose deadline it missed
