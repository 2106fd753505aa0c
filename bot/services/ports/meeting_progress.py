"""The store of Mötets gång: when each point of a meeting's agenda was taken up."""

from __future__ import annotations

from typing import Protocol

from bot.domain.meeting_progress import TakenUp


class MeetingProgressRepository(Protocol):
    async def taken_up(self, meeting_id: int) -> tuple[TakenUp, ...]:
        """Every point taken up, in the order of their times."""
        ...

    async def take_up(self, meeting_id: int, point: TakenUp, by: str) -> bool:
        """Records the point; False when it had been taken up already (nothing changes)."""
        ...
