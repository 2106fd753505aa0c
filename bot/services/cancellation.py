"""Cancelling a meeting (§3: "ett möte kan ställas in … om inga punkter finns på dagordningen").

The chair asks, confirms on a card, and the bot does the rest in one transaction: the
meeting is cancelled, the calendar event cancelled for everyone, the channel told, and
every item on its agenda moved to the next meeting so nothing is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.agenda import upcoming_meetings
from bot.domain.errors import DomainError
from bot.domain.items import ItemState
from bot.domain.meetings import Meeting
from bot.domain.permissions import Action, actor
from bot.domain.plan import check_reason
from bot.services.calendar_sync import cancel_event
from bot.services.context import Context
from bot.services.outbox import Outgoing
from bot.services.ports import UnitOfWork


@dataclass(frozen=True)
class MeetingCancelled:
    meeting: Meeting
    reason: str
    moved_items: int
    moved_to: Meeting | None


async def meeting_to_cancel(ctx: Context, actor_id: str, day: date | None) -> Meeting:
    """The meeting the chair means: the one on `day`, or the next one."""
    actor(ctx.group, actor_id, Action.CANCEL_MEETING)
    async with ctx.uow() as uow:
        upcoming = upcoming_meetings(await uow.meetings.all(), ctx.clock.now())
    for meeting in upcoming:
        if day is None or meeting.starts_at.astimezone(ctx.tz).date() == day:
            return meeting
    raise DomainError("meeting.none_to_cancel")


async def cancel_meeting(ctx: Context, actor_id: str, meeting_id: int, reason: str) -> MeetingCancelled:
    actor(ctx.group, actor_id, Action.CANCEL_MEETING)
    reason = check_reason(reason)
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        meeting = await uow.meetings.get(meeting_id)
        if meeting is None or meeting.starts_at <= now or not await uow.meetings.cancel(meeting_id, reason):
            raise DomainError("meeting.not_cancellable")
        moved, to = await _move_items(uow, meeting)
        args = {"meeting_id": meeting.id, "moved": moved, "to": to.id if to else None}
        post = {"post": "cancelled", "args": args}
        await uow.outbox.enqueue(
            Outgoing(f"cancelled:{meeting.id}", "teams", "post", ctx.group.channel_id, post), now
        )
        await uow.outbox.enqueue(cancel_event(meeting.id, reason), now)
        await uow.commit()
    return MeetingCancelled(meeting, reason, moved, to)


async def _move_items(uow: UnitOfWork, meeting: Meeting) -> tuple[int, Meeting | None]:
    later = [m for m in upcoming_meetings(await uow.meetings.all(), meeting.starts_at) if m.id != meeting.id]
    to = later[0] if later else None
    items = await uow.items.for_meeting(meeting.id, (ItemState.ON_AGENDA, ItemState.OFFERED))
    for item in items:
        # Items submitted in time stay on an agenda; without a later meeting they wait, offered.
        await uow.items.move(item.id, to.id if to else None, item.state if to else ItemState.OFFERED)
    return len(items), to
