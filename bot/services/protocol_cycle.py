"""The scheduler's protocol work: the adjustment reminder, and the recording's warning and deletion.

Each step is taken in one transaction that first sets its mark by compare-and-set, so a
restart, a missed tick or a second process neither skips nor repeats it.
"""

from __future__ import annotations

import logging
from datetime import datetime

from bot.domain.adjustment import ProtocolState, reminder_due
from bot.domain.cycle import watched_since
from bot.domain.deadlines import deadlines_for
from bot.domain.meetings import Meeting
from bot.domain.recording import Recording, RecordingStep, excerpts_expire, recording_step
from bot.services.adjustment import ADJUSTER, CHAIR, SECRETARY, in_channel, personal_or_channel
from bot.services.context import Context
from bot.services.ports.outbox import Outgoing
from bot.services.ports.protocol import StoredProtocol
from bot.services.ports.store import UnitOfWork
from bot.services.recording import deletion, log_entry

log = logging.getLogger(__name__)


async def run_protocol_due(ctx: Context) -> None:
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        watched = await uow.meetings.watched(watched_since(now, ctx.group.rules))
        recordings = await uow.recordings.not_deleted()
        with_excerpts = await uow.transcripts.meetings()
        # A recording is kept, and excerpts are, for months after their meeting: read by their rows.
        meetings = {m.id: m for m in watched}
        for meeting_id in {r.meeting_id for r in recordings} | with_excerpts:
            if meeting_id not in meetings and (found := await uow.meetings.get(meeting_id)) is not None:
                meetings[meeting_id] = found
    meetings = {k: m for k, m in meetings.items() if not m.is_cancelled}
    for meeting in watched:
        if _in_reminder_window(ctx, meeting, now):
            await _remind(ctx, meeting, now)
    for recording in recordings:
        if recording.meeting_id in meetings:
            await _recording(ctx, meetings[recording.meeting_id], recording, now)
    for meeting_id in sorted(with_excerpts & meetings.keys()):
        await _excerpts_without_recording(ctx, meetings[meeting_id], now)


async def _excerpts_without_recording(ctx: Context, meeting: Meeting, now: datetime) -> None:
    """The excerpts of a meeting whose recording was never registered go when it would have."""
    delete_at = deadlines_for(meeting, ctx.group.rules, ctx.tz).recording_delete_at
    if now < delete_at:
        return
    async with ctx.uow() as uow:
        if await uow.recordings.get(meeting.id) is not None:
            return  # they go with the recording
        protocol = await uow.protocols.get(meeting.id)
        adjusted = protocol is not None and protocol.state is ProtocolState.ADJUSTED
        if not excerpts_expire(delete_at, adjusted, now):
            return
        deleted = await uow.transcripts.delete(meeting.id)
        await uow.commit()
    log.info(
        "meeting %s: %d cues of the transcript deleted (no recording was registered)", meeting.id, deleted
    )


def _in_reminder_window(ctx: Context, meeting: Meeting, now: datetime) -> bool:
    due = deadlines_for(meeting, ctx.group.rules, ctx.tz).adjustment_due
    return reminder_due(due, ctx.tz, now, ProtocolState.DRAFT, reminded=False)


def _adjuster_id(protocol: StoredProtocol | None) -> str | None:
    adjuster = (protocol.record or {}).get(ADJUSTER) if protocol else None
    return str(adjuster["aad_id"]) if adjuster else None


def _person_id(ctx: Context, role: str, protocol: StoredProtocol | None) -> str | None:
    if role == SECRETARY:
        return next((p.aad_id for p in ctx.group.people if p.role.value == SECRETARY), None)
    if role == CHAIR:
        return ctx.group.chair.aad_id if ctx.group.chair else None
    return _adjuster_id(protocol)


def _addressee(protocol: StoredProtocol) -> str:
    """The adjuster while it waits for them (then the chair); the secretary before it is handed over."""
    if protocol.state is not ProtocolState.IN_REVIEW:
        return SECRETARY
    adjuster = _adjuster_id(protocol)
    approved = {a.approver.casefold() for a in protocol.approvals if a.version == protocol.version}
    return CHAIR if adjuster and adjuster.casefold() in approved else ADJUSTER


async def _remind(ctx: Context, meeting: Meeting, now: datetime) -> None:
    due = deadlines_for(meeting, ctx.group.rules, ctx.tz).adjustment_due
    async with ctx.uow() as uow:
        await uow.protocols.lock(meeting.id)
        protocol = await uow.protocols.get(meeting.id)
        assert protocol is not None  # lock() made the row
        if not reminder_due(due, ctx.tz, now, protocol.state, protocol.reminded_at is not None):
            return
        await uow.protocols.mark_reminded(meeting.id, now)
        addressee = _addressee(protocol)
        target = await personal_or_channel(ctx, uow, _person_id(ctx, addressee, protocol))
        args = {"meeting_id": meeting.id, "to": addressee, **in_channel(ctx, target)}
        await uow.outbox.enqueue(
            _post(f"protocol:{meeting.id}:reminder", target, "protocol_reminder", args), now
        )
        await uow.commit()
    log.info("meeting %s: adjustment reminder to the %s", meeting.id, addressee)


def _post(key: str, target: str, post: str, args: dict[str, object]) -> Outgoing:
    return Outgoing(key, "teams", "post", target, {"post": post, "args": args})


async def _recording(ctx: Context, meeting: Meeting, recording: Recording, now: datetime) -> None:
    delete_at = deadlines_for(meeting, ctx.group.rules, ctx.tz).recording_delete_at
    async with ctx.uow() as uow:
        protocol = await uow.protocols.get(meeting.id)
    adjusted = protocol is not None and protocol.state is ProtocolState.ADJUSTED
    step = recording_step(recording, delete_at, ctx.tz, adjusted, now)
    if step is None:
        return
    async with ctx.uow() as uow:
        if not await uow.recordings.mark(meeting.id, step.value, now):
            return  # another process took this step
        for message in await _messages(ctx, uow, recording, step, delete_at, now):
            await uow.outbox.enqueue(message, now)
        await uow.commit()
    log.info("meeting %s: recording %s", meeting.id, step.value)


async def _messages(
    ctx: Context, uow: UnitOfWork, recording: Recording, step: RecordingStep, due: datetime, now: datetime
) -> list[Outgoing]:
    meeting_id = recording.meeting_id
    if step is RecordingStep.DELETE:
        await uow.recordings.log_ordered(log_entry(ctx, recording, due, now))
        return [deletion(recording)]
    told = (SECRETARY, CHAIR) if step is RecordingStep.WARN else (CHAIR,)
    targets = {await personal_or_channel(ctx, uow, _person_id(ctx, role, None)) for role in told}
    args = {"meeting_id": meeting_id, "step": step.value}
    return [
        _post(f"recording:{meeting_id}:{step.value}:{target}", target, "recording_notice", args)
        for target in sorted(targets)
    ]
