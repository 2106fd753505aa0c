"""Stand-ins for a machine without a tenant: the calendar, mail, files and transcripts as files in folders.

What the bot would have sent can be opened as it is: `.ics` in any calendar, `.eml` in any mail
client, and the uploads where the returned file:// address points. The files are small and the
writes blocking: acceptable for a local run, which is all these are for.
"""

from __future__ import annotations

import asyncio
import email.policy
import hashlib
import json
import mimetypes
import os
import re
from dataclasses import asdict
from datetime import UTC, datetime, tzinfo
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from bot.domain.meetings import Meeting
from bot.domain.recording import DeletionOutcome, DriveFile, RecordingFile
from bot.graph import ics
from bot.graph.identity import AUTO_SUBMITTED, calendar_uid, header_address, message_id
from bot.graph.plaintext import plain_text
from bot.services.ports.delivery import Address, CalendarEvent, DeliveryError, MailMessage
from bot.services.ports.store import Clock
from bot.services.ports.transcripts import TranscriptFile

LOCAL_MAILBOX = "styrgrupp@localhost"
SENT_LOG = "sent.jsonl"  # one line per mail sent, in the mail folder
LOCAL_DRIVE = "local"
LOCAL_DOMAIN = "localhost"
LOCAL_ORGANIZER = Address(LOCAL_MAILBOX)


class _SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class IcsCalendar:
    """Each create, update and cancel becomes an .ics file (`<key>-<sequence>-<method>.ics`).

    The event's id is derived from its key, so a second create with the same key finds the first
    and writes nothing; updates and the cancellation raise the SEQUENCE, as a calendar expects.
    """

    def __init__(
        self,
        folder: Path,
        organizer: Address = LOCAL_ORGANIZER,
        clock: Clock | None = None,
        domain: str = LOCAL_DOMAIN,
    ) -> None:
        self._folder = folder
        self._organizer = organizer
        self._clock = clock or _SystemClock()
        self._domain = domain  # the public host's: each event's UID is on it

    async def create_event(self, key: str, event: CalendarEvent) -> str:
        event_id = _safe_stem(key)
        if self._state_path(event_id).exists():
            return event_id
        self._write(event_id, 0, event, comment=None)
        return event_id

    async def update_event(self, event_id: str, event: CalendarEvent) -> None:
        sequence, _ = self._load(event_id)
        self._write(event_id, sequence + 1, event, comment=None)

    async def cancel_event(self, event_id: str, comment: str) -> None:
        sequence, event = self._load(event_id)
        self._write(event_id, sequence + 1, event, comment=comment)

    def _write(self, event_id: str, sequence: int, event: CalendarEvent, comment: str | None) -> None:
        uid = calendar_uid(event_id, self._domain)
        invitation = ics.Invitation(uid, sequence, self._organizer, event, self._clock.now())
        try:
            text = ics.request(invitation) if comment is None else ics.cancel(invitation, comment)
        except ValueError as error:  # a time without a zone
            raise DeliveryError(f"event {event_id}: {error}") from error
        method = "request" if comment is None else "cancel"
        _write_atomically(self._folder / f"{event_id}-{sequence}-{method}.ics", text.encode("utf-8"))
        state = {"sequence": sequence, "event": _to_json(event)}
        _write_atomically(self._state_path(event_id), json.dumps(state, ensure_ascii=False).encode("utf-8"))

    def _load(self, event_id: str) -> tuple[int, CalendarEvent]:
        path = self._state_path(event_id)
        if not path.exists():
            raise DeliveryError(f"no event {event_id!r} in {self._folder}")
        state = json.loads(path.read_text("utf-8"))
        return state["sequence"], _from_json(state["event"])

    def event_start(self, event_id: str) -> datetime | None:
        """When the event starts, as last written; None for an event not in this calendar."""
        event = self.event(event_id)
        return event.starts_at if event else None

    def event(self, event_id: str) -> CalendarEvent | None:
        """The event as last written; None for an event not in this calendar."""
        if not self._state_path(event_id).exists():
            return None
        return self._load(event_id)[1]

    def _state_path(self, event_id: str) -> Path:
        # The last version of each event, for the next update or cancel; hidden beside the .ics.
        return self._folder / ".state" / f"{event_id}.json"


class EmlMailer:
    """Each mail is a line in `sent.jsonl` (the send) and `<key>.eml` (the copy to open).

    A key is sent once: a second send with a key already in the log sends nothing, as the
    Graph mailer finds its message by key. The key stays in the log, as Graph keeps it in an
    extended property: the message itself carries none of it but its hash in the Message-ID.
    The line is appended in one write, which a killed process has either made or not; a send
    cut short before its .eml was written gets the copy on the next attempt, without a second
    line. `delay` makes each send take that long to return after it went out, as Graph's does
    (for trying a kill during distribution; dev only).
    """

    def __init__(
        self,
        folder: Path,
        sender: str = LOCAL_MAILBOX,
        clock: Clock | None = None,
        delay: float = 0.0,
        domain: str = LOCAL_DOMAIN,
    ) -> None:
        self._folder = folder
        self._sender = sender
        self._domain = domain
        self._clock = clock or _SystemClock()
        self._delay = delay

    @property
    def log_path(self) -> Path:
        return self._folder / SENT_LOG

    async def send(self, key: str, message: MailMessage) -> None:
        if not message.to:
            raise DeliveryError(f"mail {key!r} has no recipients")
        copy = self._folder / f"{_safe_stem(key)}.eml"
        if any(sent["key"] == key for sent in sent_mails(self._folder)):
            if not copy.exists():
                _write_atomically(copy, bytes(self._email(key, message)))
            return
        self._log(key, message)
        _write_atomically(copy, bytes(self._email(key, message)))
        if self._delay:
            await asyncio.sleep(self._delay)

    def _log(self, key: str, message: MailMessage) -> None:
        line = {
            "key": key,
            "to": [who.address for who in message.to],
            "message_id": message_id(key, self._domain),
            "subject": message.subject,
            "at": self._clock.now().isoformat(),
        }
        self._folder.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            os.write(descriptor, (json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))
        finally:
            os.close(descriptor)

    def _email(self, key: str, message: MailMessage) -> EmailMessage:
        mail = EmailMessage(policy=email.policy.SMTP)  # CRLF, and RFC 2047 words any reader decodes
        mail["From"] = header_address(Address(self._sender, message.sender_name))
        mail["To"] = ", ".join(header_address(who) for who in message.to)
        mail["Subject"] = message.subject
        mail["Date"] = format_datetime(self._clock.now())
        mail["Message-ID"] = message_id(key, self._domain)  # one key, one message
        mail["Auto-Submitted"] = AUTO_SUBMITTED
        mail.set_content(plain_text(message.body_html), charset="utf-8")
        mail.add_alternative(message.body_html, subtype="html", charset="utf-8")
        for attachment in message.attachments:
            maintype, _, subtype = attachment.content_type.partition("/")
            if not (maintype and subtype):
                maintype, subtype = "application", "octet-stream"
            mail.add_attachment(
                attachment.content, maintype=maintype, subtype=subtype, filename=attachment.name
            )
        return mail


def sent_mails(folder: Path) -> list[dict[str, Any]]:
    """What the local mailer has sent from `folder`, one entry per send, oldest first."""
    try:
        text = (folder / SENT_LOG).read_text("utf-8")
    except FileNotFoundError:
        return []
    return [json.loads(line) for line in text.splitlines() if line.strip()]


RECORDINGS_FOLDER = "Recordings"  # the folder of the organizer's OneDrive where Teams puts them


class FolderFiles:
    """The team's files as a folder: `upload(folder, …)` writes into a subfolder of that name.

    There is one local drive, the folder itself (drive id `local`): an item id is a path relative
    to it, and a link the `file://` address `upload` returns. A recording is checked as on Graph:
    a file, a video by its name's type, created (here: last written) at the meeting, and its eTag
    a stamp of the write time, size and inode, so a file replaced or rewritten is another file.
    """

    def __init__(self, folder: Path) -> None:
        self._root = folder.resolve()

    async def upload(self, folder: str, name: str, content: bytes, content_type: str) -> str:
        path = self._inside(Path(folder) / name)
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomically(path, content)
        return path.as_uri()

    async def find(self, given: RecordingFile) -> DriveFile | None:
        link, drive_id, item_id = given.link, str(given.drive_id), str(given.item_id)
        path = self._file_of(link) if link else self._item(drive_id, item_id)
        if path is None or not path.exists():
            return None
        status = path.stat()
        mime_type = mimetypes.guess_type(path.name)[0] or ""
        return DriveFile(
            drive_id=LOCAL_DRIVE,
            item_id=path.relative_to(self._root).as_posix(),
            name=path.name,
            size=status.st_size,
            created_at=datetime.fromtimestamp(status.st_mtime, UTC),
            etag=_stamp(path),
            is_file=path.is_file(),
            is_video=mime_type.startswith("video/"),
        )

    async def recording_drives(self) -> frozenset[str]:
        return frozenset({LOCAL_DRIVE})

    async def meeting_recordings(self) -> tuple[DriveFile, ...]:
        """The files of `<folder>/Recordings`, as Teams' are in the organizer's OneDrive."""
        folder = self._root / RECORDINGS_FOLDER
        if not folder.is_dir():
            return ()
        paths = sorted(p for p in folder.iterdir() if p.is_file())
        found = [
            await self.find(RecordingFile(None, LOCAL_DRIVE, p.relative_to(self._root).as_posix()))
            for p in paths
        ]
        return tuple(f for f in found if f is not None)

    async def delete_for_good(self, drive_id: str, item_id: str, etag: str) -> DeletionOutcome:
        path = self._item(drive_id, item_id)
        if path is None or not path.is_file():
            return DeletionOutcome.NOT_FOUND
        if _stamp(path) != etag:
            return DeletionOutcome.CHANGED
        path.unlink(missing_ok=True)
        return DeletionOutcome.DELETED

    def _item(self, drive_id: str, item_id: str) -> Path | None:
        if drive_id != LOCAL_DRIVE:
            return None
        try:
            return self._inside(Path(item_id))
        except DeliveryError:
            return None

    def _file_of(self, link: str) -> Path | None:
        """A `file://` address inside the folder; any other link leads to no local file."""
        parts = urlsplit(link)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        try:
            return self._inside(Path(url2pathname(parts.path)))
        except DeliveryError:
            return None

    def _inside(self, relative: Path) -> Path:
        path = (self._root / relative).resolve()
        if not path.is_relative_to(self._root) or path == self._root:
            raise DeliveryError(f"{relative} is not a file inside {self._root}")
        return path


class FolderTranscripts:
    """A meeting's transcript as a file, `<folder>/<the meeting's date>.vtt` (e.g. 2026-12-10.vtt),
    its times counted from the meeting's actual start, as Teams' are from the recording's.

    Without that file, `sample` (if given) stands for every meeting's transcript, as the sample
    attendance report does for its report, so a local run shows the excerpts."""

    def __init__(self, folder: Path, tz: tzinfo, sample: Path | None = None) -> None:
        self._folder = folder
        self._tz = tz
        self._sample = sample

    async def transcripts(self, meeting: Meeting, event_id: str | None = None) -> tuple[TranscriptFile, ...]:
        path = self._folder / f"{meeting.starts_at.astimezone(self._tz).date().isoformat()}.vtt"
        if not path.is_file():
            path = self._sample if self._sample is not None else path
        if not path.is_file():
            return ()
        return (TranscriptFile(path.read_text(encoding="utf-8-sig")),)


def _stamp(path: Path) -> str:
    status = path.stat()
    return f"{status.st_mtime_ns}-{status.st_size}-{status.st_ino}"


def _safe_stem(key: str) -> str:
    """A file name for a key: readable, and distinct for keys that differ only in odd characters."""
    readable = re.sub(r"[^A-Za-z0-9._-]+", "_", key).strip("._")[:60]
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
    return f"{readable}-{digest}" if readable else digest


def _write_atomically(path: Path, content: bytes) -> None:
    """Readers (and a crash) see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    partial.write_bytes(content)
    os.replace(partial, path)


def _to_json(event: CalendarEvent) -> dict[str, object]:
    data = asdict(event)
    data["starts_at"], data["ends_at"] = event.starts_at.isoformat(), event.ends_at.isoformat()
    return data


def _from_json(data: dict[str, object]) -> CalendarEvent:
    starts_at = datetime.fromisoformat(str(data.pop("starts_at")))
    ends_at = datetime.fromisoformat(str(data.pop("ends_at")))
    # An event written before attendees had names holds plain addresses.
    attendees = tuple(
        Address(a) if isinstance(a, str) else Address(**a)
        for a in data.pop("attendees")  # type: ignore[attr-defined]
    )
    return CalendarEvent(**data, starts_at=starts_at, ends_at=ends_at, attendees=attendees)  # type: ignore[arg-type]
