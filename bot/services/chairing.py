"""Who chairs a meeting, and the acting chair (tjänstgörande ordförande): asked for at the
start, appointed by the secretary when the chair is absent."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.attendance import present_ids
from bot.domain.chairing import acting_chair, check_acting_chair, may_chair, meeting_chair, needs_acting_chair
from bot.domain.chairing import candidates as chairing_candidates
from bot.domain.errors import DomainError
from bot.domain.group import Person, Role
from bot.domain.meetings import Meeting
from bot.domain.permissions import RIGHTS, Action, actor
from bot.services.attendance import refresh_meeting_cards
from bot.services.context import Context
from bot.services.meeting_day import current_meeting_is, meeting_by_id
from bot.services.ports.store import UnitOfWork
from bot.services.posts import acting_chair_key, post_card


async def _state(
    uow: UnitOfWork, meeting_id: int, present: frozenset[str] | None = None
) -> tuple[frozenset[str], str | None]:
    if present is None:
        present = present_ids(await uow.attendance.marks(meeting_id))
    day = await uow.meeting_days.get(meeting_id)
    return present, day.acting_chair if day is not None else None


async def chair_of(
    ctx: Context, uow: UnitOfWork, meeting_id: int, present: frozenset[str] | None = None
) -> Person | None:
    """Who chairs the meeting now: the chair if present, else the acting chair (None: nobody).

    `present`: who is present, when this transaction has read it already.
    """
    return meeting_chair(ctx.group, *await _state(uow, meeting_id, present))


async def chair_id_of(
    ctx: Context, uow: UnitOfWork, meeting_id: int, present: frozenset[str] | None = None
) -> str | None:
    chairing = await chair_of(ctx, uow, meeting_id, present)
    return chairing.aad_id if chairing else None


async def chairing_actor(
    ctx: Context, uow: UnitOfWork, actor_id: str, meeting_id: int, action: Action
) -> Person:
    """`actor` for the chair's rights: who chairs this meeting has them, an absent chair does not.

    The other roles with the right (the secretary closes votes too) keep it as `RIGHTS` says.
    """
    person = ctx.group.person(actor_id)
    if person is None:
        raise DomainError("auth.not_in_group")
    if person.role is not Role.CHAIR and person.role in RIGHTS[action]:
        return person
    present, appointed = await _state(uow, meeting_id)
    if may_chair(ctx.group, person, present, appointed):
        return person
    chairing = meeting_chair(ctx.group, present, appointed)
    if chairing is not None and person.role is Role.CHAIR:  # absent: the acting chair has the button
        raise DomainError("chair.someone_else_chairs", name=chairing.name)
    raise DomainError("auth.not_allowed", action=action.value, role=person.role.value)


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
