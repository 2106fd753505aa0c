"""Attendance (närvaro): check-in, the secretary's marks, and the attendance as the card shows it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain.attendance import AttendanceLists, attendance_lists, present_ids
from bot.domain.attendance_report import check_correctable
from bot.domain.chairing import acting_chair
from bot.domain.eligibility import Quorum, quorum
from bot.domain.errors import DomainError
from bot.domain.group import Person
from bot.domain.meetings import Meeting
from bot.domain.permissions import Action, actor
from bot.services.context import Context
from bot.services.meeting_day import current_meeting_is, meeting_by_id, the_current_meeting
from bot.services.ports.store import UnitOfWork
from bot.services.posts import (
    acting_chair_key,
    adjuster_key,
    attendance_key,
    attendance_report_key,
    refresh_card,
    refresh_post,
    vote_key,
)


@dataclass(frozen=True)
class AttendanceView:
    meeting: Meeting
    lists: AttendanceLists
    quorum: Quorum
    started: bool
    acting_chair: Person | None = None  # who chairs in the chair's absence (tjänstgörande ordförande)


async def check_in(
    ctx: Context, actor_id: str, meeting_id: int, channel_user_id: str | None = None
) -> AttendanceView:
    """`channel_user_id`: who they are in the chat channel, so the vote cards can be refreshed for them."""
    person = actor(ctx.group, actor_id, Action.CHECK_IN)
    return await _mark(ctx, meeting_id, person, person, present=True, channel_user_id=channel_user_id)


async def mark_attendance(
    ctx: Context, actor_id: str, meeting_id: int, person_id: str, present: bool
) -> tuple[Person, AttendanceView]:
    secretary = actor(ctx.group, actor_id, Action.MARK_ATTENDANCE)
    person = ctx.group.person(person_id)
    if person is None:
        raise DomainError("attendance.unknown_person")
    return person, await _mark(ctx, meeting_id, person, secretary, present=present)


async def correct_attendance(
    ctx: Context, actor_id: str, meeting_id: int, person_id: str, present: bool
) -> tuple[Person, AttendanceView]:
    """After the meeting (from Teams' attendance report): the secretary or the chair corrects one
    person's presence, while the protocol's record still follows the attendance."""
    by = actor(ctx.group, actor_id, Action.CORRECT_ATTENDANCE)
    person = ctx.group.person(person_id)
    if person is None:
        raise DomainError("attendance.unknown_person")
    return person, await _mark(ctx, meeting_id, person, by, present=present, after_meeting=True)


async def _mark(
    ctx: Context,
    meeting_id: int,
    person: Person,
    by: Person,
    *,
    present: bool,
    channel_user_id: str | None = None,
    after_meeting: bool = False,
) -> AttendanceView:
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        if after_meeting:
            stored = await uow.protocols.get(meeting_id)
            check_correctable(await meeting_by_id(uow, meeting_id), now, stored.state if stored else None)
        else:
            await current_meeting_is(uow, meeting_id, now)
        await uow.attendance.mark(meeting_id, person.aad_id, present, by.aad_id, now)
        if channel_user_id:
            await uow.attendance.seen_in_channel(person.aad_id, channel_user_id, now)
        await refresh_meeting_cards(ctx, uow, meeting_id, now)
        view = await _view(ctx, uow, meeting_id)
        await uow.commit()
    return view


async def refresh_meeting_cards(ctx: Context, uow: UnitOfWork, meeting_id: int, now: datetime) -> None:
    """Attendance changed: the check-in card, an open adjuster proposal, the acting chair's card
    (who chairs follows who is present), open votes' counts and Teams' attendance report follow."""
    day = await uow.meeting_days.get(meeting_id)
    args = {"meeting_id": meeting_id}
    if day is not None and day.started_at is not None:
        await uow.outbox.enqueue(refresh_card(ctx, attendance_key(meeting_id), "attendance", args), now)
        if day.adjuster is None:
            await uow.outbox.enqueue(refresh_card(ctx, adjuster_key(meeting_id), "adjuster", args), now)
    if await uow.outbox.post(acting_chair_key(meeting_id)) is not None:
        await uow.outbox.enqueue(refresh_card(ctx, acting_chair_key(meeting_id), "acting_chair", args), now)
    for vote in await uow.votes.for_meeting(meeting_id):
        if vote.is_open:
            await uow.outbox.enqueue(refresh_card(ctx, vote_key(vote.id), "vote", {"vote_id": vote.id}), now)
    await refresh_post(ctx, uow.outbox, attendance_report_key(meeting_id), "attendance_report", now)


async def _view(ctx: Context, uow: UnitOfWork, meeting_id: int) -> AttendanceView:
    meeting = await meeting_by_id(uow, meeting_id)
    present = present_ids(await uow.attendance.marks(meeting_id))
    day = await uow.meeting_days.get(meeting_id)
    started = day is not None and day.started_at is not None
    acting = acting_chair(ctx.group, present, day.acting_chair if day else None)
    lists = attendance_lists(ctx.group, present)
    return AttendanceView(meeting, lists, quorum(ctx.group, present), started, acting)


async def attendance_of(ctx: Context, meeting_id: int) -> AttendanceView:
    """Attendance as it stands (for the bot's own cards, so no actor)."""
    async with ctx.uow() as uow:
        return await _view(ctx, uow, meeting_id)


async def current_attendance(ctx: Context, actor_id: str) -> AttendanceView:
    actor(ctx.group, actor_id, Action.READ)
    async with ctx.uow() as uow:
        meeting = await the_current_meeting(uow, ctx.clock.now())
        return await _view(ctx, uow, meeting.id)
