"""The group: its municipalities, its people and their roles, and the rule parameters."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum


class Role(StrEnum):
    CHAIR = "chair"  # ordförande: also the member of their municipality
    SECRETARY = "secretary"  # sekreterare: no vote
    MEMBER = "member"  # ledamot
    SUBSTITUTE = "substitute"  # ersättare
    STAFF = "staff"  # adjungerad: attends, no vote


VOTING_ROLES = frozenset({Role.CHAIR, Role.MEMBER, Role.SUBSTITUTE})


@dataclass(frozen=True)
class Municipality:
    name: str
    mailbox: str


@dataclass(frozen=True)
class Person:
    aad_id: str  # the Entra (AAD) object id: the only identity the bot trusts
    name: str
    title: str
    role: Role
    email: str
    municipality: str | None = None  # None for the e-archive office's secretary and staff
    substitute_for: str | None = None  # aad_id of the member a substitute stands in for
    organisation: str | None = None  # shown for people without a municipality ("E-arkiv Mitt")

    @property
    def has_vote_role(self) -> bool:
        return self.role in VOTING_ROLES and self.municipality is not None


@dataclass(frozen=True)
class Rules:
    """The group's rule parameters; defaults are those of the 2023-09-26 protocol."""

    agenda_days_before: int = 14
    notice_days_before: int = 7
    adjustment_days_after: int = 14
    recording_retention_months: int = 2
    chair_must_approve: bool = False
    quorum_required_for_votes: bool = False
    item_title_max: int = 200
    item_text_max: int = 2000
    # The group's retention decision (gallringsbeslut) the deletion log names; "" if not given.
    retention_decision: str = ""


@dataclass(frozen=True)
class PlannedMeeting:
    """One line of the year plan as the group file gives it (local wall-clock times)."""

    date: str  # ISO date, e.g. "2024-02-15"
    start: time
    end: time
    place: str = "Teams"


@dataclass(frozen=True)
class PriorAdjuster:
    """The rotation's last adjuster before the bot took over (the file's `rotation.last_adjuster`)."""

    municipality: str
    date: date  # the meeting that municipality adjusted


@dataclass(frozen=True)
class Group:
    name: str
    tenant_id: str
    team_id: str
    channel_id: str
    timezone: str
    rules: Rules
    municipalities: tuple[Municipality, ...]
    people: tuple[Person, ...]
    council_mailboxes: tuple[str, ...] = ()
    group_mailbox: str | None = None
    year_plan: tuple[PlannedMeeting, ...] = ()
    last_adjuster: PriorAdjuster | None = None
    vice_chair_id: str | None = None  # the vice chair (vice ordförande): chairs when the chair is absent
    # Where the public pages' accessibility statement sends reports of a problem; None: `group_mailbox`.
    accessibility_contact: str | None = None
    _by_aad: dict[str, Person] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_aad.update({p.aad_id.casefold(): p for p in self.people})

    def person(self, aad_id: str | None) -> Person | None:
        if not aad_id:
            return None
        return self._by_aad.get(aad_id.casefold())

    @property
    def chair(self) -> Person | None:
        return next((p for p in self.people if p.role is Role.CHAIR), None)

    @property
    def vice_chair(self) -> Person | None:
        return self.person(self.vice_chair_id)

    @property
    def accessibility_address(self) -> str | None:
        """The address the accessibility statement gives for reporting a problem, if the file gives one."""
        return self.accessibility_contact or self.group_mailbox

    def municipality(self, name: str) -> Municipality | None:
        return next((m for m in self.municipalities if m.name == name), None)
