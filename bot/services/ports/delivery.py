"""What the outbox delivers through: the calendar, mail and files, and their two failures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.domain.recording import DeletionOutcome, DriveFile, RecordingFile


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

    async def meeting_recordings(self) -> tuple[DriveFile, ...]:
        """The files of the organizer's OneDrive's Recordings folder, where Teams puts its meetings'
        recordings; () when there is no such folder (yet)."""
        ...

    async def delete_for_good(self, drive_id: str, item_id: str, etag: str) -> DeletionOutcome:
        """Deletes the item permanently (no recycle bin), only while its eTag is still `etag`."""
        ...
