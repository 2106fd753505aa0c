"""Who may press which card button, and when: one entry for every Action.Execute verb.

The click dispatcher holds every press to this table before the verb's handler runs, so no
handler can forget a check. An entry names the role right (`RIGHTS`) and the relations to
what the card names that also let someone press it, and the phases of the meeting and the
states of its protocol in which the button works. The handlers keep their own checks under
their locks (a vote's own state, an item's deadline), as defence in depth. One entry says its
phase is judged under the lock only (`under_lock`, the ballot): who may press it is still
checked here first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from .adjustment import ProtocolState
from .errors import DomainError
from .group import Group, Person
from .meeting_day import OPENS_BEFORE, STAYS_OPEN_AFTER
from .meetings import Meeting
from .permissions import RIGHTS, Action
from .votes import Vote, reserving_ballot


class Relation(StrEnum):
    """A right that comes from who someone is to the meeting, vote or item, not from their role."""

    ADJUSTER = "adjuster"  # the meeting's appointed adjuster (the submitted protocol's, once submitted)
    VOTED_AGAINST = "voted_against"  # cast a ballot against the closed vote's decision
    SUBMITTER = "submitter"  # submitted the item the card names
    CHAIRING = "chairing"  # the meeting's acting chair (tjänstgörande ordförande): the chair's buttons


class Subject(StrEnum):
    """What the card's data names, by its field: the meeting it is about is found from it."""

    NONE = ""
    MEETING = "meeting_id"
    VOTE = "vote_id"
    ITEM = "item_id"


class MeetingPhase(StrEnum):
    UPCOMING = "upcoming"  # more than 30 minutes before its start
    STARTING = "starting"  # the 30 minutes before its start: people check in
    GOING_ON = "going_on"  # begun, until 3 hours after its planned end
    HELD = "held"  # over
    CANCELLED = "cancelled"


NO_PROTOCOL = "none"  # the meeting has no draft yet
ProtocolPhase = ProtocolState | str

ANY_MEETING = frozenset(MeetingPhase)
CURRENT = frozenset({MeetingPhase.STARTING, MeetingPhase.GOING_ON})
BEGUN = frozenset({MeetingPhase.GOING_ON, MeetingPhase.HELD})
ANY_PROTOCOL: frozenset[ProtocolPhase] = frozenset({NO_PROTOCOL, *ProtocolState})
NOT_ADJUSTED = ANY_PROTOCOL - {ProtocolState.ADJUSTED}
SUBMITTED = frozenset({ProtocolState.IN_REVIEW, ProtocolState.CHANGES_REQUESTED, ProtocolState.ADJUSTED})
NOT_SUBMITTED: frozenset[ProtocolPhase] = frozenset({NO_PROTOCOL, ProtocolState.DRAFT})

# Why a protocol button does not work in the meeting's phase: a draft is only for a meeting that has begun.
_PROTOCOL_MEETING = {
    MeetingPhase.UPCOMING: "protocol.meeting_not_begun",
    MeetingPhase.STARTING: "protocol.meeting_not_begun",
    MeetingPhase.CANCELLED: "protocol.meeting_cancelled",
    MeetingPhase.GOING_ON: "protocol.meeting_not_over",
}
_PROTOCOL_STATE = {
    NO_PROTOCOL: "protocol.not_drafted",
    ProtocolState.DRAFT: "protocol.not_submitted",
    ProtocolState.IN_REVIEW: "protocol.already_submitted",
    ProtocolState.CHANGES_REQUESTED: "protocol.changes_pending",
    ProtocolState.ADJUSTED: "protocol.already_adjusted",
}


@dataclass(frozen=True)
class CardRule:
    subject: Subject
    action: Action | None  # who may press it by their role (RIGHTS); None: by a relation only
    relations: frozenset[Relation] = frozenset()  # who else may: by their relation to the subject
    meeting: frozenset[MeetingPhase] = ANY_MEETING  # the phases of the subject's meeting it works in
    protocol: frozenset[ProtocolPhase] = ANY_PROTOCOL  # the states of the meeting's protocol it works in
    # The refusals in words, where the verb has its own: for someone not in the group file, for
    # someone without the right, for a meeting in another phase and a protocol in another state.
    outsider: str = "auth.not_in_group"
    not_allowed: str | None = None
    wrong_meeting: Mapping[MeetingPhase, str] = field(default_factory=dict)
    wrong_protocol: Mapping[ProtocolPhase, str] = field(default_factory=dict)
    # For a button of the meeting going on, pressed after its meeting is over: why it is too late,
    # where "no meeting is going on" would not say it.
    when_over: str | None = None
    # The phase is judged by the handler in its own transaction, under the subject's lock, in
    # the subject's own words: for the ballot, where a read before it would cost each ballot a
    # transaction of its own instead of one for all that arrive together (`BallotBox`).
    under_lock: bool = False

    @property
    def needs_protocol(self) -> bool:
        return self.protocol != ANY_PROTOCOL or Relation.ADJUSTER in self.relations

    @property
    def needs_chairing(self) -> bool:
        return Relation.CHAIRING in self.relations

    @property
    def needs_current(self) -> bool:
        return self.meeting <= CURRENT


def _protocol_rule(
    action: Action,
    meeting: frozenset[MeetingPhase],
    protocol: frozenset[ProtocolPhase],
    relations: frozenset[Relation] = frozenset(),
    not_allowed: str | None = None,
) -> CardRule:
    return CardRule(Subject.MEETING, action, relations, meeting, protocol, not_allowed=not_allowed,
                    wrong_meeting=_PROTOCOL_MEETING, wrong_protocol=_PROTOCOL_STATE)  # fmt: skip


def _current(subject: Subject, action: Action, wrong: str, **kw: Any) -> CardRule:
    return CardRule(subject, action, meeting=CURRENT, wrong_meeting=dict.fromkeys(MeetingPhase, wrong), **kw)


_CHAIRING = frozenset({Relation.CHAIRING})
# The protocol's chair is who chaired the meeting: an acting chair reads and approves it too.
_ADJUSTER = frozenset({Relation.ADJUSTER, Relation.CHAIRING})
_APPOINTABLE = frozenset({MeetingPhase.STARTING, MeetingPhase.GOING_ON, MeetingPhase.HELD})
_IN_REVIEW: frozenset[ProtocolPhase] = frozenset({ProtocolState.IN_REVIEW})

CARD_RULES: dict[str, CardRule] = {
    # Items: the agenda's deadline is the item rules' own (`is_open_for_items`).
    "item.form": CardRule(Subject.NONE, Action.SUBMIT_ITEM),
    "item.submit": CardRule(Subject.NONE, Action.SUBMIT_ITEM),
    "item.withdraw": CardRule(Subject.ITEM, None, frozenset({Relation.SUBMITTER})),
    "item.accept_offer": CardRule(Subject.ITEM, None, frozenset({Relation.SUBMITTER})),
    "meeting.cancel": CardRule(
        Subject.MEETING,
        Action.CANCEL_MEETING,
        meeting=frozenset({MeetingPhase.UPCOMING, MeetingPhase.STARTING}),
        wrong_meeting=dict.fromkeys(MeetingPhase, "meeting.not_cancellable"),
    ),
    "meeting.keep": CardRule(Subject.MEETING, Action.CANCEL_MEETING),
    "attendance.check_in": _current(Subject.MEETING, Action.CHECK_IN, "meeting.not_current"),
    "attendance.mark": _current(Subject.MEETING, Action.MARK_ATTENDANCE, "meeting.not_current"),
    "meeting.acting_chair": _current(Subject.MEETING, Action.APPOINT_ACTING_CHAIR, "meeting.not_current"),
    # Mötets gång: the secretary and whoever chairs (the chair, or the acting chair) keep it.
    "meeting.next_point": _current(
        Subject.MEETING, Action.LEAD_MEETING, "meeting.not_current", relations=_CHAIRING
    ),
    # The adjuster is appointed at the meeting, or after it until the protocol is handed over.
    **{
        verb: CardRule(
            Subject.MEETING,
            Action.APPOINT_ADJUSTER,
            _CHAIRING,
            meeting=_APPOINTABLE,
            protocol=NOT_SUBMITTED | {ProtocolState.CHANGES_REQUESTED},
            wrong_meeting=dict.fromkeys(MeetingPhase, "meeting.not_current"),
            wrong_protocol=dict.fromkeys(ANY_PROTOCOL, "adjuster.protocol_submitted"),
        )
        for verb in ("adjuster.confirm", "adjuster.choose")
    },
    # Votes: whether a vote is open, closed or tied is the vote's own rule, under its lock.
    "vote.cast": _current(
        Subject.VOTE,
        Action.CAST_VOTE,
        "vote.other_meeting",
        outsider="vote.not_in_group",
        not_allowed="vote.no_vote_role",
        under_lock=True,
    ),
    # Teams asks for it itself, for the voters the channel's card names.
    "vote.refresh": CardRule(Subject.VOTE, Action.READ),
    # A vote left open is closed, or its tie decided, at the meeting or after it, until the
    # protocol is handed over for adjustment: the record must never hold an open vote.
    **{
        verb: CardRule(
            Subject.VOTE,
            action,
            _CHAIRING,
            meeting=_APPOINTABLE,
            protocol=NOT_SUBMITTED,
            wrong_meeting=dict.fromkeys(MeetingPhase, "vote.other_meeting"),
            wrong_protocol=dict.fromkeys(ANY_PROTOCOL, "vote.protocol_handed_over"),
        )
        for verb, action in (("vote.close", Action.CLOSE_VOTE), ("vote.casting", Action.CASTING_VOTE))
    },
    # The run-off is a vote of its own, cast at the meeting as the first round was.
    "vote.runoff": _current(
        Subject.VOTE,
        Action.CASTING_VOTE,
        "vote.other_meeting",
        relations=_CHAIRING,
        protocol=NOT_SUBMITTED,
        wrong_protocol=dict.fromkeys(ANY_PROTOCOL, "vote.protocol_handed_over"),
        when_over="vote.runoff_meeting_over",
    ),
    "vote.reserve": CardRule(
        Subject.VOTE,
        None,
        frozenset({Relation.VOTED_AGAINST}),
        meeting=_APPOINTABLE,
        protocol=NOT_SUBMITTED,
        wrong_meeting=dict.fromkeys(MeetingPhase, "meeting.not_current"),
        wrong_protocol=dict.fromkeys(ANY_PROTOCOL, "reservation.protocol_submitted"),
    ),
    # Only a meeting that has begun can have been recorded; only the secretary registers it.
    "recording.confirm": CardRule(
        Subject.MEETING,
        Action.SUBMIT_PROTOCOL,
        meeting=BEGUN,
        wrong_meeting=dict.fromkeys(MeetingPhase, "recording.meeting_not_held"),
    ),
    # Teams' attendance report comes after the meeting: its corrections are taken until the
    # protocol is handed over, as the protocol's attendance follows them until then.
    "attendance_report.mark": CardRule(
        Subject.MEETING,
        Action.CORRECT_ATTENDANCE,
        meeting=BEGUN,
        protocol=NOT_SUBMITTED | {ProtocolState.CHANGES_REQUESTED},
        wrong_meeting=dict.fromkeys(MeetingPhase, "attendance_report.meeting_not_begun")
        | {MeetingPhase.CANCELLED: "meeting.cancelled"},
        wrong_protocol=dict.fromkeys(ANY_PROTOCOL, "attendance_report.protocol_submitted"),
    ),
    # The protocol: only a meeting that has begun has one. What `protocol.show` shows depends on
    # who asks: the draft to the secretary, the review card to those who adjust, else the state.
    "protocol.show": _protocol_rule(Action.READ, BEGUN, ANY_PROTOCOL),
    "protocol.edit_form": _protocol_rule(Action.SUBMIT_PROTOCOL, BEGUN, NOT_ADJUSTED),
    "protocol.edit": _protocol_rule(Action.SUBMIT_PROTOCOL, BEGUN, NOT_ADJUSTED),
    "protocol.export": _protocol_rule(Action.SUBMIT_PROTOCOL, BEGUN, ANY_PROTOCOL),
    "protocol.import": _protocol_rule(Action.SUBMIT_PROTOCOL, BEGUN, NOT_ADJUSTED),
    "protocol.submit": _protocol_rule(
        Action.SUBMIT_PROTOCOL,
        frozenset({MeetingPhase.HELD}),
        frozenset({ProtocolState.DRAFT, ProtocolState.CHANGES_REQUESTED}),
    ),
    # "Visa fortsättningen": the protocol's text, to those who may read it before it is adjusted.
    "protocol.review": _protocol_rule(Action.READ_DRAFT, BEGUN, SUBMITTED, _ADJUSTER, "protocol.not_reader"),
    "protocol.approve": _protocol_rule(
        Action.APPROVE_PROTOCOL, BEGUN, _IN_REVIEW, _ADJUSTER, "protocol.not_approver"
    ),
    "protocol.request_change": _protocol_rule(
        Action.APPROVE_PROTOCOL, BEGUN, _IN_REVIEW, _ADJUSTER, "protocol.not_approver"
    ),
}


@dataclass(frozen=True)
class CardFacts:
    """What the store says about the card's subject, read before the handler runs."""

    now: datetime
    meeting: Meeting | None = None  # None: the subject has no meeting (an item waiting for one)
    current_meeting_id: int | None = None  # the meeting going on now, if any
    protocol: ProtocolPhase = NO_PROTOCOL
    adjuster_id: str | None = None
    submitted: bool = False  # handed over for adjustment at least once: reservations are closed
    vote: Vote | None = None
    submitter_id: str | None = None
    chair_id: str | None = None  # who chairs the subject's meeting: the chair, or the acting chair


def meeting_phase(meeting: Meeting, now: datetime) -> MeetingPhase:
    if meeting.is_cancelled:
        return MeetingPhase.CANCELLED
    if now < meeting.starts_at - OPENS_BEFORE:
        return MeetingPhase.UPCOMING
    if now < meeting.starts_at:
        return MeetingPhase.STARTING
    if now < meeting.ends_at + STAYS_OPEN_AFTER:
        return MeetingPhase.GOING_ON
    return MeetingPhase.HELD


def presser(rule: CardRule, group: Group, aad_id: str | None) -> Person:
    """The person pressing, if the group file has them: nobody else gets anything from a card."""
    person = group.person(aad_id)
    if person is None:
        raise DomainError(rule.outsider)
    return person


def by_role(rule: CardRule, person: Person) -> bool:
    return rule.action is not None and person.role in RIGHTS[rule.action]


def needs_facts(rule: CardRule, person: Person) -> bool:
    conditional = rule.meeting != ANY_MEETING or rule.protocol != ANY_PROTOCOL
    return (conditional and not rule.under_lock) or not by_role(rule, person)


def _same(a: str | None, b: str) -> bool:
    return a is not None and a.casefold() == b.casefold()


_UNWORDED = DomainError("auth.not_allowed")


def _relation_refusal(
    relation: Relation, group: Group, person: Person, facts: CardFacts
) -> DomainError | None:
    """None when `person` stands in `relation` to the subject; else why not, in the subject's words."""
    if relation is Relation.ADJUSTER:
        return None if _same(facts.adjuster_id, person.aad_id) else DomainError("protocol.not_approver")
    if relation is Relation.SUBMITTER:
        return None if _same(facts.submitter_id, person.aad_id) else DomainError("item.not_yours")
    if relation is Relation.CHAIRING:
        # Not chairing has no words of its own: the role's refusal says who may.
        return None if _same(facts.chair_id, person.aad_id) else _UNWORDED
    if facts.vote is None:
        return DomainError("vote.not_found")
    chair = group.chair.aad_id if group.chair else None
    try:
        reserving_ballot(facts.vote, chair, person.aad_id, facts.submitted)
    except DomainError as error:
        return error
    return None


def check_who(rule: CardRule, group: Group, person: Person, facts: CardFacts | None) -> None:
    """By role, or by one of the entry's relations; else the entry's refusal, or the relation's."""
    if by_role(rule, person):
        return
    found = [_relation_refusal(r, group, person, facts) for r in sorted(rule.relations)] if facts else []
    refusals = [error for error in found if error is not None]
    if len(refusals) < len(found):
        return
    if rule.not_allowed is not None:
        raise DomainError(rule.not_allowed, role=person.role.value)
    worded = [error for error in refusals if error is not _UNWORDED]
    if worded:
        raise worded[0]
    raise DomainError("auth.not_allowed", action=(rule.action or Action.READ).value, role=person.role.value)


def check_when(rule: CardRule, facts: CardFacts) -> None:
    meeting = facts.meeting
    if meeting is not None:
        phase = meeting_phase(meeting, facts.now)
        if rule.needs_current and facts.current_meeting_id is None:
            over = rule.when_over if phase is MeetingPhase.HELD else None
            raise DomainError(over or "meeting.none_current")
        if phase not in rule.meeting or (rule.needs_current and facts.current_meeting_id != meeting.id):
            raise DomainError(rule.wrong_meeting.get(phase, "meeting.not_current"))
    if facts.protocol not in rule.protocol:
        raise DomainError(rule.wrong_protocol.get(facts.protocol, "protocol.not_submitted"))


def check_press(rule: CardRule, group: Group, person: Person, facts: CardFacts | None) -> None:
    """Raises the refusal when `person` may not press the button now; the handler runs only after."""
    check_who(rule, group, person, facts)
    if facts is not None:
        check_when(rule, facts)
