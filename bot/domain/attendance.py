"""Attendance (närvaro): who is at the meeting, as the protocol lists it.

Present, in the protocol's order: the chair first, then the municipalities in Swedish
order (the member before the substitutes), then the e-archive office's people. Absent:
the chair and the members not present; a substitute who did not come is not "absent",
since nobody expected them.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from .collation import swedish_key
from .group import Group, Person, Role

_ROLE_ORDER = {Role.CHAIR: 0, Role.MEMBER: 1, Role.SUBSTITUTE: 2, Role.SECRETARY: 3, Role.STAFF: 4}
EXPECTED = frozenset({Role.CHAIR, Role.MEMBER})


@dataclass(frozen=True)
class Mark:
    """One line of the attendance register: the latest word on one person."""

    aad_id: str
    present: bool
    marked_by: str  # the person themself (check-in) or the secretary
    marked_at: datetime


@dataclass(frozen=True)
class Attendee:
    person: Person
    substitute_for: Person | None  # the member a substitute stands in for ("ersätter")
    serving: bool  # a substitute whose member is absent: votes for the municipality ("tf")


@dataclass(frozen=True)
class AttendanceLists:
    present: tuple[Attendee, ...]
    absent: tuple[Person, ...]


def present_ids(marks: Collection[Mark]) -> frozenset[str]:
    return frozenset(m.aad_id.casefold() for m in marks if m.present)


def protocol_order(person: Person) -> tuple:
    chair_first = 0 if person.role is Role.CHAIR else 1
    place = swedish_key(person.municipality or "")
    return (
        chair_first,
        person.municipality is None,
        place,
        _ROLE_ORDER[person.role],
        swedish_key(person.name),
    )


def attendance_lists(group: Group, present: Collection[str]) -> AttendanceLists:
    here = {aad.casefold() for aad in present}
    people = sorted(group.people, key=protocol_order)
    attendees = []
    for person in (p for p in people if p.aad_id.casefold() in here):
        member = group.person(person.substitute_for) if person.role is Role.SUBSTITUTE else None
        serving = member is not None and member.aad_id.casefold() not in here
        attendees.append(Attendee(person, member, serving))
    absent = tuple(p for p in people if p.role in EXPECTED and p.aad_id.casefold() not in here)
    return AttendanceLists(tuple(attendees), absent)


def present_municipalities(group: Group, present: Collection[str]) -> set[str]:
    """Municipalities with a representative present (member, chair or substitute)."""
    here = {aad.casefold() for aad in present}
    return {
        p.municipality
        for p in group.people
        if p.has_vote_role and p.municipality is not None and p.aad_id.casefold() in here
    }
