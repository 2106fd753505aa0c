"""What the meeting day leaves for the protocol: attendance, the adjuster, votes, reservations.

The protocol draft reads `meeting_record`; submitting the protocol for adjustment calls
`record_submission_for_adjustment` in its own transaction, which closes reservations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.domain import votes as rules
from bot.domain.adjuster import Appointment
from bot.domain.attendance import AttendanceLists, attendance_lists, present_ids
from bot.domain.chairing import meeting_chair
from bot.domain.collation import swedish_key
from bot.domain.eligibility import Quorum, quorum
from bot.domain.group import Group, Person, Role
from bot.domain.meetings import Meeting
from bot.domain.tally import Outcome
from bot.domain.votes import Option, Reservation, Vote
from bot.services.context import Context
from bot.services.meeting_day import meeting_by_id
from bot.services.ports.store import UnitOfWork


@dataclass(frozen=True)
class NamedBallot:
    municipality: str
    voter: Person | None  # None only if the person has left the group file since
    option: Option


@dataclass(frozen=True)
class NamedReservation:
    reservation: Reservation
    person: Person | None


@dataclass(frozen=True)
class VoteRecord:
    vote: Vote  # question, options (Option.text None: the catalogue's "vote.option.<id>"), times
    outcome: Outcome  # status, winner (an Option.id), counts, cast, tied, by_casting_vote
    ballots: tuple[NamedBallot, ...]  # in Swedish order of municipality
    reservations: tuple[NamedReservation, ...]


@dataclass(frozen=True)
class MeetingRecord:
    meeting: Meeting
    attendance: AttendanceLists  # present (with title, municipality, whom a substitute stands in for), absent
    quorum: Quorum
    adjuster: Appointment | None  # municipality, person, the rotation's proposal, the chair's reason
    adjuster_person: Person | None
    votes: tuple[VoteRecord, ...]  # in the order they were opened
    submitted_for_adjustment_at: datetime | None
    chairing: Person | None = None  # who chaired: the chair if present, else the acting chair

    @property
    def chair_acting(self) -> bool:
        """Someone other than the group's chair chaired: the protocol says "tjänstgörande ordförande"."""
        return self.chairing is not None and self.chairing.role is not Role.CHAIR


def vote_record(
    group: Group, vote: Vote, reservations: list[Reservation], chair_id: str | None
) -> VoteRecord:
    named = tuple(
        NamedBallot(b.municipality, group.person(b.voter), vote.option(b.option) or Option(b.option))
        for b in sorted(vote.ballots, key=lambda b: swedish_key(b.municipality))
    )
    people = sorted(reservations, key=lambda r: swedish_key(r.municipality))
    return VoteRecord(
        vote,
        rules.outcome(vote, chair_id),
        named,
        tuple(NamedReservation(r, group.person(r.aad_id)) for r in people),
    )


async def _votes(
    group: Group, uow: UnitOfWork, meeting_id: int, chair_id: str | None
) -> tuple[VoteRecord, ...]:
    found = await uow.votes.for_meeting(meeting_id)
    return tuple([vote_record(group, v, await uow.votes.reservations(v.id), chair_id) for v in found])


async def meeting_record(ctx: Context, meeting_id: int) -> MeetingRecord:
    async with ctx.uow() as uow:
        meeting = await meeting_by_id(uow, meeting_id)
        present = present_ids(await uow.attendance.marks(meeting_id))
        day = await uow.meeting_days.get(meeting_id)
        adjuster = day.adjuster if day else None
        chairing = meeting_chair(ctx.group, present, day.acting_chair if day else None)
        return MeetingRecord(
            meeting,
            attendance_lists(ctx.group, present),
            quorum(ctx.group, present),
            adjuster,
            ctx.group.person(adjuster.aad_id) if adjuster else None,
            await _votes(ctx.group, uow, meeting_id, chairing.aad_id if chairing else None),
            day.submitted_for_adjustment_at if day else None,
            chairing,
        )


async def record_submission_for_adjustment(uow: UnitOfWork, meeting_id: int, now: datetime) -> None:
    """For the protocol's submit use case, inside its transaction: from now on no reservations."""
    await uow.meeting_days.mark_submitted_for_adjustment(meeting_id, now)
