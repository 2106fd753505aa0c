"""The interfaces the services need; adapters implement them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Any, Protocol, Self

from bot.domain.items import AgendaItem, ItemState
from bot.domain.meetings import Meeting


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, aware, in UTC."""
        ...


@dataclass(frozen=True)
class NewMeeting:
    starts_at: datetime
    ends_at: datetime
    place: str
    plan_key: str | None = None


@dataclass(frozen=True)
class NewItem:
    meeting_id: int | None
    late_for_meeting_id: int | None
    title: str
    text: str
    submitted_by: str
    submitted_at: datetime
    state: ItemState


class MeetingRepository(Protocol):
    async def all(self) -> list[Meeting]: ...

    async def get(self, meeting_id: int) -> Meeting | None: ...

    async def plan_keys(self) -> set[str]: ...

    async def add(self, meeting: NewMeeting) -> Meeting: ...


class ItemRepository(Protocol):
    async def add(self, item: NewItem) -> AgendaItem: ...

    async def for_meeting(
        self, meeting_id: int, states: Sequence[ItemState] = (ItemState.ON_AGENDA,)
    ) -> list[AgendaItem]: ...


class ConversationRepository(Protocol):
    async def remember(
        self, conversation_id: str, kind: str, aad_id: str | None, reference: dict[str, Any], now: datetime
    ) -> None: ...

    async def get(self, conversation_id: str) -> dict[str, Any] | None: ...


class UnitOfWork(Protocol):
    meetings: MeetingRepository
    items: ItemRepository
    conversations: ConversationRepository

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    async def commit(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...
