"""Who chairs a meeting, from its attendance and the acting chair the secretary appointed."""

from __future__ import annotations

from bot.domain.attendance import present_ids
from bot.domain.chairing import may_chair, meeting_chair
from bot.domain.errors import DomainError
from bot.domain.group import Person, Role
from bot.domain.permissions import RIGHTS, Action
from bot.services.context import Context
from bot.services.ports import UnitOfWork


async def _state(uow: UnitOfWork, meeting_id: int) -> tuple[frozenset[str], str | None]:
    present = present_ids(await uow.attendance.marks(meeting_id))
    day = await uow.meeting_days.get(meeting_id)
    return present, day.acting_chair if day is not None else None


async def chair_of(ctx: Context, uow: UnitOfWork, meeting_id: int) -> Person | None:
    """Who chairs the meeting now: the chair if present, else the acting chair (None: nobody)."""
    return meeting_chair(ctx.group, *await _state(uow, meeting_id))


async def chair_id_of(ctx: Context, uow: UnitOfWork, meeting_id: int) -> str | None:
    chairing = await chair_of(ctx, uow, meeting_id)
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
