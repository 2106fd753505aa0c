"""The acting chair (tjänstgörande ordförande): asked for at the start, appointed by the secretary.

When the meeting has begun and neither the chair nor the vice chair has checked in, the
bot posts a card in the channel once; the secretary picks someone present. The chair, once
checked in, chairs again (see `bot.domain.chairing`).
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.attendance import present_ids
from bot.domain.chairing import acting_chair, check_acting_chair, needs_acting_chair
from bot.domain.chairing import candidates as chairing_candidates
from bot.domain.group import Person
from bot.domain.meetings import Meeting
from bot.domain.permissions import Action, actor
from bot.services.channel_cards import acting_chair_key, post_card
from bot.services.context import Context
from bot.services.meeting_day import current_meeting_is, meeting_by_id, refresh_meeting_cards
from bot.services.ports import UnitOfWork

POST = "acting_chair"


@dataclass(frozen=True)
class ActingChairView:
    meeting: Meeting
    chair_present: bool
    acting: Person | None  # who chairs in the chair's absence, if anyone
    candidates: tuple[Person, ...]  # the members and substitutes present


async def _view(ctx: Context, uow: UnitOfWork, meeting_id: int) -> ActingChairView:
    meeting = await meeting_by_id(uow, meeting_id)
    present = present_ids(await uow.attendance.marks(meeting_id))
    day = await uow.meeting_days.get(meeting_id)
    appointed = day.acting_chair if day else None
    chair = ctx.group.chair
    candidates = chairing_candidates(ctx.group, present)
    return ActingChairView(
        meeting,
        chair is not None and chair.aad_id.casefold() in present,
        acting_chair(ctx.group, present, appointed),
        candidates,
    )


async def acting_chair_of(ctx: Context, meeting_id: int) -> ActingChairView:
    """As it stands (for the bot's own card, so no actor)."""
    async with ctx.uow() as uow:
        return await _view(ctx, uow, meeting_id)


async def ask_for_acting_chair(ctx: Context, meeting_id: int) -> bool:
    """For the scheduler, once the meeting has begun: the card, once, when nobody chairs."""
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        present = present_ids(await uow.attendance.marks(meeting_id))
        day = await uow.meeting_days.get(meeting_id)
        if not needs_acting_chair(ctx.group, present, day.acting_chair if day else None):
            return False
        posted = await uow.outbox.enqueue(
            post_card(ctx, acting_chair_key(meeting_id), POST, {"meeting_id": meeting_id}), now
        )
        await uow.commit()
    return posted


async def appoint_acting_chair(
    ctx: Context, actor_id: str, meeting_id: int, person_id: str
) -> ActingChairView:
    secretary = actor(ctx.group, actor_id, Action.APPOINT_ACTING_CHAIR)
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        await current_meeting_is(uow, meeting_id, now)
        present = present_ids(await uow.attendance.marks(meeting_id))
        person = check_acting_chair(ctx.group, present, person_id)
        await uow.meeting_days.appoint_acting_chair(meeting_id, person.aad_id, secretary.aad_id)
        await refresh_meeting_cards(ctx, uow, meeting_id, now)
        view = await _view(ctx, uow, meeting_id)
        await uow.commit()
    return view
