"""Mötets gång: the agenda of the meeting going on, and **Nästa punkt**, timed by the bot's clock.

The chair (or whoever chairs) and the secretary keep it. It begins with the first point when
one of them starts the meeting or first asks for the card; each press takes up the next point.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.errors import DomainError
from bot.domain.meeting_progress import Progress, meeting_agenda, next_point, start
from bot.domain.meetings import Meeting
from bot.domain.permissions import Action
from bot.services.chairing import chairing_actor
from bot.services.context import Context
from bot.services.meeting_day import current_meeting_is, the_current_meeting
from bot.services.ports.store import UnitOfWork


@dataclass(frozen=True)
class ProgressView:
    meeting: Meeting
    progress: Progress


async def progress_in(uow: UnitOfWork, meeting: Meeting) -> Progress:
    items = await uow.items.for_meeting(meeting.id)
    return Progress(meeting_agenda(items), await uow.meeting_progress.taken_up(meeting.id))


async def meeting_progress(ctx: Context, actor_id: str) -> ProgressView:
    """`mötets gång` (and `starta möte`): the card, its first point taken up now if it was not."""
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        meeting = await the_current_meeting(uow, now)
        person = await chairing_actor(ctx, uow, actor_id, meeting.id, Action.LEAD_MEETING)
        progress = await progress_in(uow, meeting)
        first = start(progress, now)
        if first is not None and await uow.meeting_progress.take_up(meeting.id, first, person.aad_id):
            progress = await progress_in(uow, meeting)
        await uow.commit()
    return ProgressView(meeting, progress)


async def take_up_next(ctx: Context, actor_id: str, meeting_id: int, moving_from: str) -> ProgressView:
    """**Nästa punkt** on a card that showed `moving_from`; a card the meeting has left is refused."""
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        meeting = await current_meeting_is(uow, meeting_id, now)
        person = await chairing_actor(ctx, uow, actor_id, meeting_id, Action.LEAD_MEETING)
        progress = await progress_in(uow, meeting)
        point = next_point(progress, moving_from, now)
        if not await uow.meeting_progress.take_up(meeting_id, point, person.aad_id):
            # Another press took it up between this one's read and its write.
            taken = await progress_in(uow, meeting)
            current = taken.current
            number = taken.number(current) if current else 0
            raise DomainError("progress.stale", number=number, count=len(taken.agenda))
        progress = await progress_in(uow, meeting)
        await uow.commit()
    return ProgressView(meeting, progress)
