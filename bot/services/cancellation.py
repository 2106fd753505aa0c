"""Cancelling a meeting (§3: "ett möte kan ställas in … om inga punkter finns på dagordningen").

The chair asks, confirms on a card, and the bot does the rest in one transaction: the
meeting is cancelled, the calendar event cancelled for everyone, the channel told, and
every item on its agenda moved to the next meeting so nothing is lost. A cancellation
§3 does not allow (items on the agenda, or earlier than a week before) is still the
chair's to make, but it is recorded as outside the formalia, and only confirmed from a
card that said so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.cancellation import Breach, formalia_breaches
from bot.domain.deadlines import deadlines_for
from bot.domain.errors import DomainError
from bot.domain.items import AgendaItem, ItemState, upcoming_meetings
from bot.domain.meetings import Meeting
from bot.domain.permissions import Action, actor
from bot.domain.year_plan import check_reason
from bot.services.calendar import cancel_event
from bot.services.context import Context
from bot.services.ports.outbox import Outgoing
from bot.services.ports.store import UnitOfWork

# Items submitted in time, and those offered for the meeting after its deadline: both move on.
_MOVING = (ItemState.ON_AGENDA, ItemState.OFFERED)


@dataclass(frozen=True)
class CancellationPlan:
    """What cancelling `meeting` now would mean, for the chair's confirmation card."""

    meeting: Meeting
    breaches: frozenset[Breach]  # empty: within the formalia
    moving: list[AgendaItem]
    moves_to: Meeting | None  # None: no later meeting yet, the items wait


@dataclass(frozen=True)
class MeetingCancelled:
    meeting: Meeting
    reason: str
    moved_items: int
    moved_to: Meeting | None
    outside_formalia: bool


async def meeting_to_cancel(ctx: Context, actor_id: str, day: date | None) -> CancellationPlan:
    """The meeting the chair means (the one on `day`, or the next one) and what cancelling it means."""
    actor(ctx.group, actor_id, Action.CANCEL_MEETING)
    async with ctx.uow() as uow:
        now = ctx.clock.now()
        for meeting in upcoming_meetings(await uow.meetings.ending_after(now), now):
            if day is None or meeting.starts_at.astimezone(ctx.tz).date() == day:
                return await _plan(ctx, uow, meeting)
    raise DomainError("meeting.none_to_cancel")


async def cancellation_plan(ctx: Context, meeting_id: int) -> CancellationPlan:
    """The plan for the bot's own proposal at the notice (so no actor)."""
    async with ctx.uow() as uow:
        meeting = await uow.meetings.get(meeting_id)
        if meeting is None:
            raise DomainError("meeting.not_cancellable")
        return await _plan(ctx, uow, meeting)


async def cancel_meeting(
    ctx: Context, actor_id: str, meeting_id: int, reason: str, *, seen_outside: bool
) -> MeetingCancelled:
    """`seen_outside`: the card the chair confirmed on said the cancellation is outside the formalia."""
    actor(ctx.group, actor_id, Action.CANCEL_MEETING)
    reason = check_reason(reason)
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        meeting = await uow.meetings.get(meeting_id)
        if meeting is None or meeting.starts_at <= now:
            raise DomainError("meeting.not_cancellable")
        plan = await _plan(ctx, uow, meeting)
        outside = bool(plan.breaches)
        if outside and not seen_outside:
            raise DomainError("meeting.cancel_now_outside")
        if not await uow.meetings.cancel(meeting_id, reason, outside_formalia=outside):
            raise DomainError("meeting.not_cancellable")
        moved, to = await _move_items(uow, meeting)
        args = {"meeting_id": meeting.id, "moved": moved, "to": to.id if to else None}
        post = {"post": "cancelled", "args": args}
        await uow.outbox.enqueue(
            Outgoing(f"cancelled:{meeting.id}", "teams", "post", ctx.group.channel_id, post), now
        )
        await uow.outbox.enqueue(cancel_event(meeting.id, reason), now)
        await uow.commit()
    return MeetingCancelled(meeting, reason, moved, to, outside)


async def _plan(ctx: Context, uow: UnitOfWork, meeting: Meeting) -> CancellationPlan:
    now = ctx.clock.now()
    on_agenda = await uow.items.for_meeting(meeting.id)
    breaches = formalia_breaches(len(on_agenda), deadlines_for(meeting, ctx.group.rules, ctx.tz), now)
    moving = await uow.items.for_meeting(meeting.id, _MOVING)
    return CancellationPlan(meeting, breaches, moving, await _next_after(uow, meeting))


async def _next_after(uow: UnitOfWork, meeting: Meeting) -> Meeting | None:
    upcoming = upcoming_meetings(await uow.meetings.ending_after(meeting.starts_at), meeting.starts_at)
    later = [m for m in upcoming if m.id != meeting.id]
    return later[0] if later else None


async def _move_items(uow: UnitOfWork, meeting: Meeting) -> tuple[int, Meeting | None]:
    to = await _next_after(uow, meeting)
    items = await uow.items.for_meeting(meeting.id, _MOVING)
    for item in items:
        # Items submitted in time stay on an agenda; without a later meeting they wait, offered.
        await uow.items.move(item.id, to.id if to else None, item.state if to else ItemState.OFFERED)
    return len(items), to


async def cancelled_meeting(
    ctx: Context, meeting_id: int, moved_to: int | None
) -> tuple[Meeting, Meeting | None]:
    """For the announcement: the cancelled meeting, and the meeting its items were moved to."""
    async with ctx.uow() as uow:
        meeting = await uow.meetings.get(meeting_id)
        to = await uow.meetings.get(moved_to) if moved_to else None
    assert meeting is not None
    return meeting, to
