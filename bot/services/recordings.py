"""The meeting's recording: registered by the secretary, deleted by the scheduler when its time is up.

The deletion log keeps the rule as data (`recording_retention_months=2`) beside what was
deleted and when, so the log can be read in words in any language, and checked later
against the group file's rule of the time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from bot.domain.adjustment import ProtocolState
from bot.domain.deadlines import deadlines_for
from bot.domain.meetings import Meeting
from bot.domain.permissions import Action, actor
from bot.domain.retention import Recording, check_registrable, parse_recording, warn_at
from bot.services.context import Context
from bot.services.meeting_day import meeting_by_id
from bot.services.outbox import Outgoing
from bot.services.protocol_ports import DeletionEntry
from bot.services.protocols import meeting_for

RULE = "recording_retention_months={months}"


@dataclass(frozen=True)
class RecordingView:
    meeting: Meeting
    recording: Recording
    delete_at: datetime
    warn_at: datetime
    adjusted: bool


async def register_recording(ctx: Context, actor_id: str, day: date | None, raw: str) -> RecordingView:
    """`inspelning <länk>` (or drive id and item id) for the latest meeting, or the one of `day`."""
    person = actor(ctx.group, actor_id, Action.SUBMIT_PROTOCOL)
    file = parse_recording(raw)
    meeting = await meeting_for(ctx, day)
    async with ctx.uow() as uow:
        check_registrable(await uow.recordings.get(meeting.id))
        await uow.recordings.register(meeting.id, file, person.aad_id, ctx.clock.now())
        await uow.commit()
    return await _view(ctx, meeting)


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


def rule_text(ctx: Context) -> str:
    return RULE.format(months=ctx.group.rules.recording_retention_months)


def deletion(recording: Recording) -> Outgoing:
    """The Graph call that deletes the file; one per recording, whatever happens to the process."""
    payload = {
        "meeting_id": recording.meeting_id,
        "link": recording.link,
        "drive_id": recording.drive_id,
        "item_id": recording.item_id,
    }
    key = f"recording:{recording.meeting_id}:delete"
    return Outgoing(key, "files", "delete_recording", f"recording:{recording.meeting_id}", payload)


async def recording_view(ctx: Context, meeting_id: int) -> RecordingView | None:
    """The recording as it stands (for the bot's own posts, so no actor)."""
    async with ctx.uow() as uow:
        meeting = await meeting_by_id(uow, meeting_id)
    return await _view(ctx, meeting)
