"""The store of the year plan's meetings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.domain.meetings import Meeting, MeetingState


@dataclass(frozen=True)
class NewMeeting:
    starts_at: datetime
    ends_at: datetime
    place: str
    plan_key: str | None = None


class MeetingRepository(Protocol):
    async def all(self) -> list[Meeting]: ...

    async def ending_after(self, moment: datetime) -> list[Meeting]:
        """The meetings (cancelled ones too) that end after `moment`, in the order they start."""
        ...

    async def watched(self, ended_since: datetime) -> list[Meeting]:
        """What the scheduler watches (`cycle.watched_since`): every meeting neither held nor
        cancelled, and the held ones that ended at or after `ended_since`, in the order they start."""
        ...

    async def get(self, meeting_id: int) -> Meeting | None: ...

    async def plan_keys(self) -> set[str]: ...

    async def add(self, meeting: NewMeeting) -> Meeting: ...

    async def add_planned(self, meeting: NewMeeting) -> Meeting | None:
        """Adds a meeting of the group file's plan; None when another process added it first."""
        ...

    async def transition(
        self, meeting_id: int, sources: frozenset[MeetingState], target: MeetingState
    ) -> bool:
        """Moves the meeting to `target` if it is in one of `sources`; False if another got there first."""
        ...

    async def cancel(self, meeting_id: int, reason: str, *, outside_formalia: bool = False) -> bool: ...

    async def reschedule(self, meeting_id: int, starts_at: datetime, ends_at: datetime) -> bool: ...
