"""The meeting's recording: found and confirmed by the secretary, deleted for good when its time is up.

Registration has two steps: `inspelning <länk>` looks the file up and shows it; the secretary's
confirmation looks it up again and stores it as it was shown (drive, item, eTag, name, size).
The deletion log keeps the rule as data (`recording_retention_months=2`) beside the file, its
size, the group's retention decision and what came of it, so it reads in any language and can be
checked later against the group file of the time.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.adjustment import ProtocolState
from bot.domain.deadlines import deadlines_for
from bot.domain.errors import DomainError
from bot.domain.meetings import Meeting
from bot.domain.permissions import Action, actor
from bot.domain.recording import (
    DriveFile,
    Recording,
    RecordingFile,
    check_recording,
    check_registrable,
    check_unchanged,
    parse_recording,
    warn_at,
)
from bot.services.context import Context
from bot.services.meeting_day import meeting_by_id
from bot.services.ports.delivery import DeliveryError, RetryLater
from bot.services.ports.outbox import Outgoing
from bot.services.ports.recording import DeletionEntry
from bot.services.protocol import meeting_for

log = logging.getLogger(__name__)

RULE = "recording_retention_months={months}"


@dataclass(frozen=True)
class RecordingView:
    meeting: Meeting
    recording: Recording
    delete_at: datetime
    warn_at: datetime
    adjusted: bool


@dataclass(frozen=True)
class FoundRecording:
    """What `inspelning <länk>` found, for the secretary to confirm."""

    meeting: Meeting
    link: str | None
    file: DriveFile


async def find_recording(ctx: Context, actor_id: str, day: date | None, raw: str) -> FoundRecording:
    """`inspelning <länk>` (or drive id and item id) for the latest meeting, or the one of `day`."""
    actor(ctx.group, actor_id, Action.SUBMIT_PROTOCOL)
    given = parse_recording(raw)
    meeting = await meeting_for(ctx, day)
    await _registrable(ctx, meeting)
    return FoundRecording(meeting, given.link, await _checked(ctx, meeting, given))


async def confirm_recording(
    ctx: Context, actor_id: str, meeting_id: int, drive_id: str, item_id: str, etag: str, link: str | None
) -> RecordingView:
    """The secretary's confirmation: the same file, still a recording of the meeting, is registered."""
    person = actor(ctx.group, actor_id, Action.SUBMIT_PROTOCOL)
    async with ctx.uow() as uow:
        meeting = await meeting_by_id(uow, meeting_id)
    found = await _checked(ctx, meeting, RecordingFile(None, drive_id, item_id))
    check_unchanged(etag, found)
    async with ctx.uow() as uow:
        check_registrable(await uow.recordings.get(meeting.id))
        await uow.recordings.register(meeting.id, link, found, person.aad_id, ctx.clock.now())
        await uow.commit()
    view = await _view(ctx, meeting)
    assert view is not None  # just registered
    return view


async def _registrable(ctx: Context, meeting: Meeting) -> None:
    async with ctx.uow() as uow:
        check_registrable(await uow.recordings.get(meeting.id))


async def _checked(ctx: Context, meeting: Meeting, given: RecordingFile) -> DriveFile:
    if ctx.files is None:
        raise DomainError("recording.lookup_failed")
    try:
        found = await ctx.files.find(given)
        drives = await ctx.files.recording_drives()
    except RetryLater as error:  # Graph out of reach or busy: say so now, nothing is stored
        log.warning("looking up a recording failed for now: %s", error)
        raise DomainError("recording.lookup_failed") from error
    except DeliveryError as error:  # refused for good, e.g. a file the bot may not read
        log.warning("looking up a recording was refused: %s", error)
        raise DomainError("recording.unreachable") from error
    return check_recording(found, drives, meeting)


async def recording_of(ctx: Context, actor_id: str, day: date | None) -> RecordingView | None:
    actor(ctx.group, actor_id, Action.READ)
    return await _view(ctx, await meeting_for(ctx, day))


async def _view(ctx: Context, meeting: Meeting) -> RecordingView | None:
    async with ctx.uow() as uow:
        recording = await uow.recordings.get(meeting.id)
        protocol = await uow.protocols.get(meeting.id)
    if recording is None:
        return None
    delete_at = deadlines_for(meeting, ctx.group.rules, ctx.tz).recording_delete_at
    adjusted = protocol is not None and protocol.state is ProtocolState.ADJUSTED
    return RecordingView(meeting, recording, delete_at, warn_at(delete_at, ctx.tz), adjusted)


@dataclass(frozen=True)
class LoggedDeletion:
    entry: DeletionEntry
    meeting: Meeting | None


async def deletion_log(ctx: Context, actor_id: str) -> list[LoggedDeletion]:
    """Gallringslogg: every deletion ordered, the oldest first."""
    actor(ctx.group, actor_id, Action.READ)
    async with ctx.uow() as uow:
        meetings = {m.id: m for m in await uow.meetings.all()}
        return [LoggedDeletion(e, meetings.get(e.meeting_id)) for e in await uow.recordings.deletion_log()]


def log_entry(ctx: Context, recording: Recording, due: datetime, now: datetime) -> DeletionEntry:
    rule = RULE.format(months=ctx.group.rules.recording_retention_months)
    decision = ctx.group.rules.retention_decision or None
    return DeletionEntry(recording.meeting_id, recording.what, rule, due, now, None, recording.size, decision)


def deletion(recording: Recording) -> Outgoing:
    """The Graph call that deletes the file; one per file confirmed, whatever happens to the process."""
    payload = {
        "meeting_id": recording.meeting_id,
        "link": recording.link,
        "drive_id": recording.drive_id,
        "item_id": recording.item_id,
        "etag": recording.etag,
    }
    # Keyed by the file too: after "changed", the file then registered is a deletion of its own.
    stamp = file_key(recording.drive_id, recording.item_id, recording.etag)
    key = f"recording:{recording.meeting_id}:delete:{stamp}"
    return Outgoing(key, "files", "delete_recording", f"recording:{recording.meeting_id}", payload)


def file_key(drive_id: str | None, item_id: str | None, etag: str | None) -> str:
    """A short stamp of the file as registered, for outbox keys."""
    file = f"{drive_id}\n{item_id}\n{etag}"
    return hashlib.sha256(file.encode("utf-8")).hexdigest()[:16]


async def meeting_of(ctx: Context, meeting_id: int) -> Meeting:
    async with ctx.uow() as uow:
        return await meeting_by_id(uow, meeting_id)


async def recording_view(ctx: Context, meeting_id: int) -> RecordingView | None:
    """The recording as it stands (for the bot's own posts, so no actor)."""
    async with ctx.uow() as uow:
        meeting = await meeting_by_id(uow, meeting_id)
    return await _view(ctx, meeting)
