"""The unit of work every use case opens, and the clock it reads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, Self

from bot.services.ports.items import ItemRepository
from bot.services.ports.meetings import MeetingRepository

if TYPE_CHECKING:
    from bot.services.ports.artifact_looks import ArtifactLookRepository
    from bot.services.ports.attendance import AttendanceRepository
    from bot.services.ports.attendance_report import AttendanceReportRepository
    from bot.services.ports.meeting_day import MeetingDayRepository
    from bot.services.ports.meeting_progress import MeetingProgressRepository
    from bot.services.ports.outbox import OutboxRepository
    from bot.services.ports.protocol import ProtocolRepository
    from bot.services.ports.recording import RecordingRepository
    from bot.services.ports.transcripts import TranscriptRepository
    from bot.services.ports.votes import VoteRepository


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, aware, in UTC."""
        ...


class ConversationRepository(Protocol):
    async def remember(
        self, conversation_id: str, kind: str, aad_id: str | None, reference: dict[str, Any], now: datetime
    ) -> bool:
        """True when the conversation is new to the bot."""
        ...

    async def get(self, conversation_id: str) -> dict[str, Any] | None: ...

    async def personal_of(self, aad_id: str) -> str | None:
        """The id of the bot's personal chat with this person, if they ever wrote to it."""
        ...


class HandledActivities(Protocol):
    async def first_deliveries(
        self, deliveries: Sequence[tuple[str, str]], now: datetime
    ) -> set[tuple[str, str]]:
        """Records the activities (conversation id, activity id); gives those recorded only now,
        that is the first deliveries among them."""
        ...

    async def forget_before(self, moment: datetime) -> None: ...


class UnitOfWork(Protocol):
    meetings: MeetingRepository
    items: ItemRepository
    conversations: ConversationRepository
    outbox: OutboxRepository
    attendance: AttendanceRepository
    meeting_days: MeetingDayRepository
    votes: VoteRepository
    protocols: ProtocolRepository
    recordings: RecordingRepository
    attendance_reports: AttendanceReportRepository
    activities: HandledActivities
    meeting_progress: MeetingProgressRepository
    transcripts: TranscriptRepository
    artifact_looks: ArtifactLookRepository

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    async def commit(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...


# --- Delivery to the outside world (Teams, Graph, mail). Adapters raise these, the outbox decides.
