"""Who chairs the meeting (§3 "ordförande har utslagsröst"): the chair, or in their absence an acting chair.

The chair chairs whenever they are checked in, also when they arrive late: they take over
from then on. In their absence the acting chair (tjänstgörande ordförande) chairs: the one
the secretary appointed, if present, else the group file's vice chair, if present. The one
who chairs has the chair's buttons for that meeting and the casting vote; an absent chair's
ballot never decides a tie.
"""

from __future__ import annotations

from collections.abc import Collection

from .errors import DomainError
from .group import Group, Person, Role


def _here(aad_id: str | None, present: Collection[str]) -> bool:
    return aad_id is not None and aad_id.casefold() in {p.casefold() for p in present}


def meeting_chair(group: Group, present: Collection[str], appointed: str | None) -> Person | None:
    """Who chairs now; None when neither the chair nor an acting chair is present."""
    for candidate in (group.chair, group.person(appointed), group.vice_chair):
        if candidate is not None and _here(candidate.aad_id, present):
            return candidate
    return None


def meeting_chair_id(group: Group, present: Collection[str], appointed: str | None) -> str | None:
    chairing = meeting_chair(group, present, appointed)
    return chairing.aad_id if chairing else None


def acting_chair(group: Group, present: Collection[str], appointed: str | None) -> Person | None:
    """The acting chair (tjänstgörande ordförande): who chairs, when it is not the chair."""
    chairing = meeting_chair(group, present, appointed)
    return chairing if chairing is not None and chairing.role is not Role.CHAIR else None


def may_chair(group: Group, person: Person, present: Collection[str], appointed: str | None) -> bool:
    """The chair's buttons: for who chairs the meeting; for the chair also when nobody does."""
    chairing = meeting_chair(group, present, appointed)
    if chairing is None:
        return person.role is Role.CHAIR
    return chairing.aad_id.casefold() == person.aad_id.casefold()


def candidates(group: Group, present: Collection[str]) -> tuple[Person, ...]:
    """Whom the secretary may appoint: the members and substitutes present."""
    return tuple(
        p for p in group.people if p.role in {Role.MEMBER, Role.SUBSTITUTE} and _here(p.aad_id, present)
    )


def needs_acting_chair(group: Group, present: Collection[str], appointed: str | None) -> bool:
    """The chair is absent, nobody stands in, and someone could: the secretary is asked to appoint."""
    return meeting_chair(group, present, appointed) is None and bool(candidates(group, present))


def check_acting_chair(group: Group, present: Collection[str], chosen: str | None) -> Person:
    """The secretary's appointee: someone present with a seat in the group, while the chair is absent."""
    if _here(group.chair.aad_id if group.chair else None, present):
        raise DomainError("acting_chair.chair_present")
    person = group.person(chosen)
    if person is None or person.role not in {Role.MEMBER, Role.SUBSTITUTE}:
        raise DomainError("acting_chair.not_eligible")
    if not _here(person.aad_id, present):
        raise DomainError("acting_chair.not_present", name=person.name)
    return person
