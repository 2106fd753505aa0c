"""The adjuster (justerare, §2 "Utse justerare"): the rotation and the chair's appointment.

The rotation goes "i bokstavsordning, utifrån kommunnamn" (Swedish order, see `collation`):
it needs only the store's last appointed adjuster (or, before the bot has one, the group
file's), and passes over the municipality of whoever chairs.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from .attendance import present_municipalities
from .chairing import meeting_chair
from .collation import swedish_key, swedish_sorted
from .eligibility import eligible_voters
from .errors import DomainError
from .group import Group, Person, PriorAdjuster
from .meetings import Meeting
from .text import normalise_text


@dataclass(frozen=True)
class AdjusterProposal:
    """The municipality whose representative should adjust this meeting's protocol."""

    municipality: str
    after: str | None  # the previous adjuster's municipality, as given
    skipped: tuple[tuple[str, str], ...]  # (municipality, reason), reason "absent" or "chair"
    wrapped: bool  # went past the end of the alphabet to get here


@dataclass(frozen=True)
class RotationStart:
    """Where the rotation continues from: the last adjuster, and whether the bot recorded it."""

    last: str | None  # None: from the top of the order
    before_bot: date | None = None  # the group file's date, when the file's record is what counts


def rotation_start(recorded: str | None, prior: PriorAdjuster | None, meeting_day: date) -> RotationStart:
    """The bot's own record wins; without one, the group file's, for a meeting after its date.

    The file's record says how the group's rotation stood before the bot: a meeting on or
    before that date is not one it can follow, so there the rotation starts from the top.
    """
    if recorded is not None:
        return RotationStart(recorded)
    if prior is not None and prior.date < meeting_day:
        return RotationStart(prior.municipality, prior.date)
    return RotationStart(None)


def _start_index(order: list[str], last: str | None) -> int:
    """Index of the first candidate after `last` (a name no longer listed counts where it would sort)."""
    if last is None:
        return 0
    folded = [m.casefold() for m in order]
    if last.casefold() in folded:
        return folded.index(last.casefold()) + 1
    return bisect.bisect_right([swedish_key(m) for m in order], swedish_key(last))


def _skip_reason(municipality: str, present: set[str], chair_municipality: str | None) -> str | None:
    if chair_municipality is not None and municipality.casefold() == chair_municipality.casefold():
        return "chair"  # the chair signs the protocol anyway; a second reader is the point
    if municipality.casefold() not in present:
        return "absent"
    return None


def next_adjuster(
    municipalities: Sequence[str],
    last: str | None,
    present: Collection[str],
    chair_municipality: str | None,
) -> AdjusterProposal:
    """The next municipality after `last`, in Swedish order, with a representative present.

    `present` holds municipality names (those with someone present). The chair's
    municipality is skipped. The search wraps around and may end on `last` itself.
    """
    order = swedish_sorted(dict.fromkeys(municipalities))
    start = _start_index(order, last)
    present_folded = {m.casefold() for m in present}
    skipped: list[tuple[str, str]] = []
    for step in range(len(order)):
        index = (start + step) % len(order)
        reason = _skip_reason(order[index], present_folded, chair_municipality)
        if reason is None:
            return AdjusterProposal(order[index], last, tuple(skipped), wrapped=start + step >= len(order))
        skipped.append((order[index], reason))
    raise DomainError("adjuster.none_eligible")


REASON_MAX = 500


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
