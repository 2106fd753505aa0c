"""The store of the meeting day's record: its start, adjuster, acting chair and submission."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.domain.adjuster import Appointment
from bot.domain.meeting_day import MeetingDay


class MeetingDayRepository(Protocol):
    async def get(self, meeting_id: int) -> MeetingDay | None: ...

    async def start(self, meeting_id: int, now: datetime) -> bool:
        """Records the start; False when the meeting had already started (nothing changes)."""
        ...

    async def appoint(self, meeting_id: int, appointment: Appointment) -> None: ...

    async def appoint_acting_chair(self, meeting_id: int, aad_id: str, by: str) -> None: ...

    async def last_adjuster_before(self, starts_at: datetime) -> str | None:
        """The municipality appointed at the latest meeting that started before `starts_at`."""
        ...

    async def mark_submitted_for_adjustment(self, meeting_id: int, now: datetime) -> None: ...
