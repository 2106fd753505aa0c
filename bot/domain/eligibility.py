"""Who may vote, for which municipality, and whether enough municipalities are present.

One vote per municipality: the member (the chair is their municipality's member) votes;
a substitute votes only while no member of the same municipality is present.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from .collation import swedish_key
from .errors import DomainError
from .group import Group, Person, Role

MEMBER_ROLES = frozenset({Role.CHAIR, Role.MEMBER})


def _folded(present: Collection[str]) -> set[str]:
    return {aad.casefold() for aad in present}


def _is_present(person: Person, present: set[str]) -> bool:
    return person.aad_id.casefold() in present


def _present_voters(group: Group, present: set[str], municipality: str) -> list[Person]:
    return [
        p
        for p in group.people
        if p.has_vote_role and p.municipality == municipality and _is_present(p, present)
    ]


def voting_municipality(group: Group, present: Collection[str], aad_id: str) -> str:
    """The municipality whose vote `aad_id` may cast now, or the rule that says no."""
    person = group.person(aad_id)
    if person is None:
        raise DomainError("vote.not_in_group")
    if not person.has_vote_role or person.municipality is None:
        raise DomainError("vote.no_vote_role", role=str(person.role))
    folded = _folded(present)
    if not _is_present(person, folded):
        raise DomainError("vote.not_present", municipality=person.municipality)
    if person.role is Role.SUBSTITUTE:
        voters = _present_voters(group, folded, person.municipality)
        member = next((p for p in voters if p.role in MEMBER_ROLES), None)
        if member is not None:
            raise DomainError("vote.member_present", member=member.name, municipality=person.municipality)
    return person.municipality


def eligible_voters(group: Group, present: Collection[str]) -> dict[str, tuple[Person, ...]]:
    """Municipality → the present people who may cast its vote now, in Swedish order.

    Only municipalities with someone eligible present appear.
    """
    folded = _folded(present)
    # One pass over the people (this runs on every ballot): municipality → its present voters.
    here: dict[str, list[Person]] = {}
    for person in group.people:
        if person.has_vote_role and person.municipality is not None:
            voters = here.setdefault(person.municipality, [])
            if _is_present(person, folded):
                voters.append(person)
    result: dict[str, tuple[Person, ...]] = {}
    for name in sorted(here, key=swedish_key):
        voters = here[name]
        members = tuple(p for p in voters if p.role in MEMBER_ROLES)
        chosen = members or tuple(voters)
        if chosen:
            result[name] = chosen
    return result


@dataclass(frozen=True)
class Quorum:
    present_municipalities: tuple[str, ...]  # Swedish order
    total: int  # the group's municipalities
    reached: bool  # more than half of them present

    @property
    def needed(self) -> int:
        return self.total // 2 + 1


def quorum(group: Group, present: Collection[str]) -> Quorum:
    """Municipalities present with a vote; only the group's listed municipalities count."""
    listed = {m.name for m in group.municipalities}
    here = tuple(m for m in eligible_voters(group, present) if m in listed)
    total = len(listed)
    return Quorum(present_municipalities=here, total=total, reached=2 * len(here) > total)
