"""The meeting day: which meeting is "current", and the appointment of its adjuster (§2).

A meeting is current from 30 minutes before its start (people check in early) until
3 hours after its planned end (meetings run over; votes and reservations are taken
while the protocol notes are fresh). Check-in, votes and the adjuster need a current
meeting; the rotation needs only the store's last appointed adjuster (or, before the bot
has one, the group file's).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from .attendance import present_municipalities
from .chairing import meeting_chair
from .eligibility import eligible_voters
from .errors import DomainError
from .group import Group, Person
from .meetings import Meeting
from .rotation import AdjusterProposal, next_adjuster
from .text import normalise_text

OPENS_BEFORE = timedelta(minutes=30)
STAYS_OPEN_AFTER = timedelta(hours=3)
REASON_MAX = 500


def day_ends_at(meeting: Meeting) -> datetime:
    """When the meeting day ends: no more ballots, and the bot closes the votes still open."""
    return meeting.ends_at + STAYS_OPEN_AFTER


def day_has_ended(meeting: Meeting, now: datetime) -> bool:
    return now >= day_ends_at(meeting)


def is_current(meeting: Meeting, now: datetime) -> bool:
    return not meeting.is_cancelled and meeting.starts_at - OPENS_BEFORE <= now < day_ends_at(meeting)


def current_meeting(meetings: Sequence[Meeting], now: datetime) -> Meeting | None:
    """The meeting going on at `now`; of two overlapping windows, the one that started last."""
    going_on = [m for m in meetings if is_current(m, now)]
    return max(going_on, key=lambda m: (m.starts_at, m.id), default=None)


def check_appointable(meeting: Meeting, now: datetime, current: bool, submitted: bool) -> None:
    """The adjuster is appointed at the meeting, or after it until the protocol goes to adjustment.

    A protocol cannot be submitted without an adjuster: one forgotten at the meeting is
    appointed afterwards, from those who were present.
    """
    if current:
        return
    if meeting.is_cancelled or now < meeting.starts_at:
        raise DomainError("meeting.not_current")
    if submitted:
        raise DomainError("adjuster.protocol_submitted")


@dataclass(frozen=True)
class Appointment:
    """The meeting's adjuster (justerare), as the chair decided."""

    municipality: str
    aad_id: str  # the municipality's representative present
    proposed: str | None  # the rotation's proposal at the time
    reason: str | None  # why the chair chose someone else than the proposal
    appointed_by: str
    appointed_at: datetime

    @property
    def followed_rotation(self) -> bool:
        return self.municipality == self.proposed


@dataclass(frozen=True)
class MeetingDay:
    meeting_id: int
    started_at: datetime | None = None
    adjuster: Appointment | None = None
    submitted_for_adjustment_at: datetime | None = None  # set by the protocol; closes reservations
    acting_chair: str | None = None  # aad id of the acting chair the secretary appointed


def _chairing(group: Group, present: Collection[str], acting: str | None) -> Person | None:
    """Who signs as chair: who chairs the meeting (see `chairing`), else the group's chair."""
    return meeting_chair(group, present, acting) or group.chair


def propose(
    group: Group, last: str | None, present: Collection[str], acting: str | None = None
) -> AdjusterProposal:
    """The rotation's proposal among the municipalities with someone present (aad ids in `present`).

    The municipality of who chairs is passed over: they sign the protocol already. `acting`
    is the acting chair the secretary appointed, if any.
    """
    chair = _chairing(group, present, acting)
    return next_adjuster(
        [m.name for m in group.municipalities],
        last,
        present_municipalities(group, present),
        chair.municipality if chair else None,
    )


def representative(group: Group, present: Collection[str], municipality: str) -> Person:
    """Who adjusts for `municipality`: its member if present, else its substitute."""
    voters = eligible_voters(group, present).get(municipality)
    if not voters:
        raise DomainError("adjuster.not_present", name=municipality)
    return voters[0]


def confirm_proposal(
    group: Group,
    present: Collection[str],
    last: str | None,
    shown: str,
    by: str,
    now: datetime,
    acting: str | None = None,
) -> Appointment:
    """The chair's yes to the proposal they saw; if attendance has changed it since, they are told."""
    proposal = propose(group, last, present, acting)
    if proposal.municipality != shown:
        raise DomainError("adjuster.proposal_changed", shown=shown, proposed=proposal.municipality)
    person = representative(group, present, proposal.municipality)
    return Appointment(proposal.municipality, person.aad_id, proposal.municipality, None, by, now)


def choose(
    group: Group,
    present: Collection[str],
    last: str | None,
    chosen: str,
    reason: str | None,
    by: str,
    now: datetime,
    acting: str | None = None,
) -> Appointment:
    """The chair's own choice; anyone but the proposal needs a reason, for the protocol."""
    person = group.person(chosen)
    if person is None or not person.has_vote_role or person.municipality is None:
        raise DomainError("adjuster.not_eligible")
    if person.aad_id.casefold() not in {aad.casefold() for aad in present}:
        raise DomainError("adjuster.not_present", name=person.name)
    chair = _chairing(group, present, acting)
    if chair is not None and person.municipality == chair.municipality:
        raise DomainError("adjuster.is_chair", municipality=person.municipality)
    cleaned = normalise_text(reason or "") or None
    if cleaned is not None and len(cleaned) > REASON_MAX:
        raise DomainError("adjuster.reason_too_long", limit=REASON_MAX, length=len(cleaned))
    proposal = propose(group, last, present, acting)
    if person.municipality != proposal.municipality and cleaned is None:
        raise DomainError("adjuster.reason_required", proposed=proposal.municipality)
    return Appointment(person.municipality, person.aad_id, proposal.municipality, cleaned, by, now)
