"""The interfaces the services need; adapters implement them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol, Self

from bot.domain.items import AgendaItem, ItemState
from bot.domain.meetings import Meeting, MeetingState
from bot.domain.retention import DeletionOutcome, DriveFile, RecordingFile

if TYPE_CHECKING:
    from bot.services.meeting_day_ports import AttendanceRepository, MeetingDayRepository, VoteRepository
    from bot.services.outbox import OutboxRepository
    from bot.services.protocol_ports import ProtocolRepository, RecordingRepository


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


class ItemRepository(Protocol):
    async def add(self, item: NewItem) -> AgendaItem: ...

    async def get(self, item_id: int) -> AgendaItem | None: ...

    async def move(self, item_id: int, meeting_id: int | None, state: ItemState) -> None: ...

    async def for_meeting(
        self, meeting_id: int, states: Sequence[ItemState] = (ItemState.ON_AGENDA,)
    ) -> list[AgendaItem]: ...


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
    async def first_delivery(self, conversation_id: str, activity_id: str, now: datetime) -> bool:
        """Records the activity; True only for the first of its deliveries."""
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
    activities: HandledActivities

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    async def commit(self) -> None: ...


class UnitOfWorkFactory(Protocol):
    def __call__(self) -> UnitOfWork: ...


# --- Delivery to the outside world (Teams, Graph, mail). Adapters raise these, the outbox decides.


class DeliveryError(Exception):
    """Delivery failed for good (e.g. 400, 403, 404): retrying will not help."""


class RetryLater(DeliveryError):
    """Delivery failed for now (429, 412, 5xx, timeout); `retry_after` seconds if the server said so."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Address:
    """An e-mail address with the name a mail client shows beside it ("Marika Lyman")."""

    address: str
    name: str = ""


@dataclass(frozen=True)
class CalendarEvent:
    """A meeting in the group's calendar, sent as a Teams meeting to every attendee."""

    subject: str
    body_html: str
    starts_at: datetime  # aware
    ends_at: datetime  # aware
    time_zone: str  # IANA, e.g. Europe/Stockholm
    location: str
    attendees: tuple[Address, ...]
    online_meeting: bool = True


class Calendar(Protocol):
    async def create_event(self, key: str, event: CalendarEvent) -> str:
        """Creates the event once per `key` (idempotent); returns its id."""
        ...

    async def update_event(self, event_id: str, event: CalendarEvent) -> None: ...

    async def cancel_event(self, event_id: str, comment: str) -> None:
        """Cancels the event so that every attendee is notified."""
        ...


@dataclass(frozen=True)
class Attachment:
    name: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class MailMessage:
    to: tuple[Address, ...]
    subject: str
    body_html: str  # the text part is made from it
    attachments: tuple[Attachment, ...] = ()
    sender_name: str = ""  # shown beside the group mailbox's address


class Mailer(Protocol):
    async def send(self, key: str, message: MailMessage) -> None:
        """Sends from the group's mailbox; `key` identifies the message for logs and stand-ins."""
        ...


class Files(Protocol):
    async def upload(self, folder: str, name: str, content: bytes, content_type: str) -> str:
        """Stores a file in the team's files; returns its web address."""
        ...

    async def find(self, given: RecordingFile) -> DriveFile | None:
        """The drive item a sharing link (or web address), or a drive and item id, leads to; None: none."""
        ...

    async def recording_drives(self) -> frozenset[str]:
        """The drives a recording may be in: the organizer's (the group mailbox's) OneDrive, the team's."""
        ...

    async def delete_for_good(self, drive_id: str, item_id: str, etag: str) -> DeletionOutcome:
        """Deletes the item permanently (no recycle bin), only while its eTag is still `etag`."""
        ...
