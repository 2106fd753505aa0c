"""The store of attendance marks and of who people are in the channel."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Protocol

from bot.domain.attendance import Mark


class AttendanceRepository(Protocol):
    async def mark(self, meeting_id: int, aad_id: str, present: bool, by: str, now: datetime) -> None:
        """Sets one person's presence (an upsert: the latest word counts)."""
        ...

    async def marks(self, meeting_id: int) -> list[Mark]: ...

    async def seen_in_channel(self, aad_id: str, channel_user_id: str, now: datetime) -> None:
        """Who the person is in the chat channel, as their own activity said."""
        ...

    async def channel_ids(self, aad_ids: Collection[str]) -> dict[str, str]:
        """Folded AAD id → channel user id, for those of `aad_ids` the bot has seen."""
        ...
