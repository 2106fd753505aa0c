"""The scheduler's work: each meeting's due step, carried out once, with what it must announce."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.domain.cycle import (
    TRANSITIONS,
    Step,
    due_step,
    is_empty,
    is_starting,
    is_under_way,
    watched_since,
)
from bot.domain.deadlines import deadlines_for
from bot.domain.meetings import Meeting
from bot.services.artifact_looks import look_for_recording, look_for_transcript
from bot.services.attendance_report import look_for_attendance_report
from bot.services.calendar import update_event
from bot.services.chairing import ask_for_acting_chair
from bot.services.context import Context
from bot.services.meeting_day import start_meeting
from bot.services.ports.outbox import Outgoing
from bot.services.ports.store import UnitOfWork
from bot.services.protocol_cycle import run_protocol_due
from bot.services.votes import close_ended_votes

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StepDone:
    meeting_id: int
    step: Step


async def run_due(ctx: Context) -> list[StepDone]:
    """Carries out every step due now; a step another process already took is skipped.

    Only the meetings that can have something due are read: not the years of meetings held."""
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        meetings = await uow.meetings.watched(watched_since(now, ctx.group.rules))
    done = []
    for meeting in meetings:
        if is_starting(meeting, now) and (await start_meeting(ctx, meeting.id)).first_time:
            log.info("meeting %s: started", meeting.id)
            done.append(StepDone(meeting.id, Step.START))
        if is_under_way(meeting, now) and await ask_for_acting_chair(ctx, meeting.id):
            log.info("meeting %s: an acting chair asked for", meeting.id)
        step = due_step(meeting, deadlines_for(meeting, ctx.group.rules, ctx.tz), now)
        if step is not None and await _carry_out(ctx, meeting, step):
            log.info("meeting %s: %s", meeting.id, step.value)
            done.append(StepDone(meeting.id, step))
        if await look_for_attendance_report(ctx, meeting):
            done.append(StepDone(meeting.id, Step.ATTENDANCE_REPORT))
        # After the report, whose look finds the Teams meeting first.
        if await look_for_transcript(ctx, meeting):
            log.info("meeting %s: the transcript looked for", meeting.id)
        if await look_for_recording(ctx, meeting):
            log.info("meeting %s: the recording looked for", meeting.id)
    for vote_id in await close_ended_votes(ctx):
        log.info("vote %s: closed at the end of its meeting day", vote_id)
    await run_protocol_due(ctx)  # the adjustment reminder, the recording's warning and deletion
    return done


async def _carry_out(ctx: Context, meeting: Meeting, step: Step) -> bool:
    sources, target = TRANSITIONS[step]
    async with ctx.uow() as uow:
        if not await uow.meetings.transition(meeting.id, sources, target):
            return False
        for message in await _announcements(ctx, uow, meeting, step):
            await uow.outbox.enqueue(message, ctx.clock.now())
        await uow.commit()
    return True


async def _announcements(ctx: Context, uow: UnitOfWork, meeting: Meeting, step: Step) -> list[Outgoing]:
    channel, args = ctx.group.channel_id, {"meeting_id": meeting.id}
    if step is Step.PUBLISH_AGENDA:
        return [
            Outgoing(
                f"agenda:{meeting.id}", "teams", "post", channel, {"post": "agenda_published", "args": args}
            ),
            update_event(meeting.id, "agenda"),
        ]
    if step is Step.FIX_NOTICE:
        messages = [
            Outgoing(f"notice:{meeting.id}", "teams", "post", channel, {"post": "notice", "args": args}),
            update_event(meeting.id, "notice"),
        ]
        if is_empty(len(await uow.items.for_meeting(meeting.id))):
            messages.append(await _cancellation_proposal(ctx, uow, meeting))
        return messages
    return []


async def _cancellation_proposal(ctx: Context, uow: UnitOfWork, meeting: Meeting) -> Outgoing:
    """To the chair, in their chat with the bot when there is one, else in the channel."""
    chair = ctx.group.chair
    target = (await uow.conversations.personal_of(chair.aad_id) if chair else None) or ctx.group.channel_id
    payload = {"post": "cancel_proposal", "args": {"meeting_id": meeting.id}}
    return Outgoing(f"cancel-proposal:{meeting.id}", "teams", "post", target, payload)
