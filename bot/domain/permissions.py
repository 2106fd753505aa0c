"""Who may do what: the one table of role rights."""

from __future__ import annotations

from enum import StrEnum

from bot.domain.errors import DomainError
from bot.domain.group import Group, Person, Role


class Action(StrEnum):
    READ = "read"  # agenda, meetings, adjuster, protocol state
    SUBMIT_ITEM = "submit_item"
    EDIT_YEAR_PLAN = "edit_year_plan"
    OPEN_VOTE = "open_vote"
    CLOSE_VOTE = "close_vote"
    CASTING_VOTE = "casting_vote"
    CANCEL_MEETING = "cancel_meeting"
    MARK_ATTENDANCE = "mark_attendance"
    CORRECT_ATTENDANCE = "correct_attendance"  # after the meeting, from Teams' attendance report
    SUBMIT_PROTOCOL = "submit_protocol"
    START_MEETING = "start_meeting"
    LEAD_MEETING = "lead_meeting"  # Mötets gång: Nästa punkt (with whoever chairs the meeting)
    CHECK_IN = "check_in"
    APPOINT_ADJUSTER = "appoint_adjuster"
    APPOINT_ACTING_CHAIR = "appoint_acting_chair"  # when the chair is absent and no vice chair is present
    RESERVE = "reserve"
    CAST_VOTE = "cast_vote"
    READ_DRAFT = "read_draft"  # the protocol's text before it is adjusted (with the meeting's adjuster)
    APPROVE_PROTOCOL = "approve_protocol"  # with the meeting's adjuster


_EVERYONE = frozenset(Role)
_MEMBERS = frozenset({Role.CHAIR, Role.MEMBER, Role.SUBSTITUTE, Role.SECRETARY})

RIGHTS: dict[Action, frozenset[Role]] = {
    Action.READ: _EVERYONE,
    # Staff attend and read; items come from the group's members and its secretary.
    Action.SUBMIT_ITEM: _MEMBERS,
    Action.EDIT_YEAR_PLAN: frozenset({Role.SECRETARY}),
    Action.OPEN_VOTE: frozenset({Role.CHAIR, Role.SECRETARY}),
    Action.CLOSE_VOTE: frozenset({Role.CHAIR, Role.SECRETARY}),
    Action.CASTING_VOTE: frozenset({Role.CHAIR}),
    Action.CANCEL_MEETING: frozenset({Role.CHAIR}),
    Action.MARK_ATTENDANCE: frozenset({Role.SECRETARY}),
    # Those who sign the protocol confirm who was there.
    Action.CORRECT_ATTENDANCE: frozenset({Role.SECRETARY, Role.CHAIR}),
    Action.SUBMIT_PROTOCOL: frozenset({Role.SECRETARY}),
    Action.START_MEETING: frozenset({Role.CHAIR, Role.SECRETARY}),
    Action.LEAD_MEETING: frozenset({Role.CHAIR, Role.SECRETARY}),
    # Everyone present is in the protocol's attendance, staff and secretary too.
    Action.CHECK_IN: _EVERYONE,
    Action.APPOINT_ADJUSTER: frozenset({Role.CHAIR}),
    Action.APPOINT_ACTING_CHAIR: frozenset({Role.SECRETARY}),
    # Only a voter can have voted against; the vote itself checks that they did.
    Action.RESERVE: frozenset({Role.CHAIR, Role.MEMBER, Role.SUBSTITUTE}),
    # Who of them votes for a municipality is the vote's own rule (attendance, substitutes).
    Action.CAST_VOTE: frozenset({Role.CHAIR, Role.MEMBER, Role.SUBSTITUTE}),
    # A draft is not the group's record yet: its writer and those who sign it read it.
    Action.READ_DRAFT: frozenset({Role.SECRETARY, Role.CHAIR}),
    Action.APPROVE_PROTOCOL: frozenset({Role.CHAIR}),
}


def may(person: Person, action: Action) -> bool:
    return person.role in RIGHTS[action]


def actor(group: Group, aad_id: str | None, action: Action) -> Person:
    """The person behind a validated AAD id, if they may do `action`; else a DomainError."""
    person = group.person(aad_id)
    if person is None:
        raise DomainError("auth.not_in_group")
    if not may(person, action):
        raise DomainError("auth.not_allowed", action=action.value, role=person.role.value)
    return person
