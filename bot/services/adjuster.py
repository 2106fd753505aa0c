"""The adjuster (§2 "Utse justerare"): the rotation's proposal, the chair's decision, the record.

The rotation continues after the municipality appointed at the latest earlier meeting
(whoever the chair chose, so a deviation moves the rotation too); with none stored it
continues after the group file's `rotation.last_adjuster`, the group's last adjuster before
the bot, and without that starts from the first municipality in Swedish order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from bot.domain.adjuster import (
    AdjusterProposal,
    Appointment,
    check_appointable,
    choose,
    confirm_proposal,
    propose,
    rotation_start,
)
from bot.domain.attendance import present_ids
from bot.domain.errors import DomainError
from bot.domain.group import Person
from bot.domain.meetings import Meeting
from bot.domain.permissions import Action, actor
from bot.services.chairing import chairing_actor
from bot.services.context import Context
from bot.services.meeting_day import going_on, meeting_by_id
from bot.services.ports.store import UnitOfWork
from bot.services.posts import adjuster_key, refresh_card


@dataclass(frozen=True)
class AdjusterView:
    meeting: Meeting
    appointed: Appointment | None
    proposal: AdjusterProposal | None  # among those present; None while nobody eligible is present
    if_everyone: AdjusterProposal | None  # the proposal if every municipality comes
    last: str | None  # the municipality that adjusted last time
    before_bot: date | None  # set when `last` is the group file's record, from before the bot
    present: frozenset[str]  # aad ids
    acting: str | None = None  # the acting chair the secretary appointed: their municipality does not adjust


async def _view(ctx: Context, uow: UnitOfWork, meeting: Meeting) -> AdjusterView:
    day = await uow.meeting_days.get(meeting.id)
    present = present_ids(await uow.attendance.marks(meeting.id))
    recorded = await uow.meeting_days.last_adjuster_before(meeting.starts_at)
    start = rotation_start(recorded, ctx.group.last_adjuster, meeting.starts_at.astimezone(ctx.tz).date())
    everyone = {p.aad_id for p in ctx.group.people}
    acting = day.acting_chair if day else None
    return AdjusterView(
        meeting,
        day.adjuster if day else None,
        _maybe(ctx, start.last, present, acting),
        _maybe(ctx, start.last, everyone),
        start.last,
        start.before_bot,
        present,
        acting,
    )


def _maybe(
    ctx: Context, last: str | None, present: frozenset[str] | set[str], acting: str | None = None
) -> AdjusterProposal | None:
    try:
        return propose(ctx.group, last, present, acting)
    except DomainError:
        return None


async def adjuster_of(ctx: Context, meeting_id: int) -> AdjusterView:
    """The proposal or the appointment as it stands (for the bot's own card, so no actor)."""
    async with ctx.uow() as uow:
        return await _view(ctx, uow, await meeting_by_id(uow, meeting_id))


async def next_adjuster(ctx: Context, actor_id: str) -> AdjusterView:
    """`justerare`: the current meeting's adjuster or proposal, else the next meeting's."""
    actor(ctx.group, actor_id, Action.READ)
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        meetings = [m for m in await uow.meetings.ending_after(now) if not m.is_cancelled]
        if not meetings:
            raise DomainError("meeting.none_upcoming")
        return await _view(ctx, uow, min(meetings, key=lambda m: m.starts_at))


async def confirm_adjuster(ctx: Context, actor_id: str, meeting_id: int, shown: str) -> AdjusterView:
    def decide(view: AdjusterView, chair: Person) -> Appointment:
        if view.appointed is not None:
            raise DomainError("adjuster.already_appointed", municipality=view.appointed.municipality)
        now = ctx.clock.now()
        return confirm_proposal(ctx.group, view.present, view.last, shown, chair.aad_id, now, view.acting)

    return await _appoint(ctx, actor_id, meeting_id, decide)


async def choose_adjuster(
    ctx: Context, actor_id: str, meeting_id: int, person_id: str, reason: str | None
) -> AdjusterView:
    """The chair's own choice; it may also correct an earlier appointment."""

    def decide(view: AdjusterView, chair: Person) -> Appointment:
        now = ctx.clock.now()
        return choose(ctx.group, view.present, view.last, person_id, reason, chair.aad_id, now, view.acting)

    return await _appoint(ctx, actor_id, meeting_id, decide)


async def _appoint(
    ctx: Context, actor_id: str, meeting_id: int, decide: Callable[[AdjusterView, Person], Appointment]
) -> AdjusterView:
    """Who chairs the meeting appoints: the chair, or in their absence the acting chair."""
    actor(ctx.group, actor_id, Action.READ)
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        meeting = await meeting_by_id(uow, meeting_id)
        chair = await chairing_actor(ctx, uow, actor_id, meeting.id, Action.APPOINT_ADJUSTER)
        current = await going_on(uow, now)
        day = await uow.meeting_days.get(meeting.id)
        submitted = day is not None and day.submitted_for_adjustment_at is not None
        check_appointable(meeting, now, current is not None and current.id == meeting.id, submitted)
        appointment = decide(await _view(ctx, uow, meeting), chair)
        await uow.meeting_days.appoint(meeting.id, appointment)
        day = await uow.meeting_days.get(meeting.id)
        if day is not None and day.started_at is not None:
            args = {"meeting_id": meeting.id}
            await uow.outbox.enqueue(refresh_card(ctx, adjuster_key(meeting.id), "adjuster", args), now)
        view = await _view(ctx, uow, meeting)
        await uow.commit()
    return view
