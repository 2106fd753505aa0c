"""The store the meeting day needs: attendance, the day's record (adjuster), votes and reservations."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.domain.attendance import Mark
from bot.domain.meeting_day import Appointment, MeetingDay
from bot.domain.tally import Outcome
from bot.domain.votes import Ballot, Option, Reservation, Vote


@dataclass(frozen=True)
class NewVote:
    meeting_id: int
    question: str
    options: tuple[Option, ...]
    opened_by: str
    opened_at: datetime
    runoff_of: int | None = None  # the first round, for a run-off


class AttendanceRepository(Protocol):
    async def mark(self, meeting_id: int, aad_id: str, present: bool, by: str, now: datetime) -> None:
        """Sets one person's presence (an upsert: the latest word counts)."""
        ...

    async def marks(self, meeting_id: int) -> list[Mark]: ...

    async def seen_in_channel(self, aad_id: str, channel_user_id: str, now: datetime) -> None:
        """Who the person is in the chat channel, as their own activity said."""
        ...

    async def channel_ids(self, aad_ids: Collection[str]) -> dict[str, str]:
        """Folded AAD id → channel user id, for those of `aad_ids` the bot has seen."""
        ...


class MeetingDayRepository(Protocol):
    async def get(self, meeting_id: int) -> MeetingDay | None: ...

    async def start(self, meeting_id: int, now: datetime) -> bool:
        """Records the start; False when the meeting had already started (nothing changes)."""
        ...

    async def appoint(self, meeting_id: int, appointment: Appointment) -> None: ...

    async def appoint_acting_chair(self, meeting_id: int, aad_id: str, by: str) -> None: ...

    async def last_adjuster_before(self, starts_at: datetime) -> str | None:
        """The municipality appointed at the latest meeting that started before `starts_at`."""
        ...

    async def mark_submitted_for_adjustment(self, meeting_id: int, now: datetime) -> None: ...


class VoteRepository(Protocol):
    async def add(self, vote: NewVote) -> Vote: ...

    async def locked(self, vote_id: int) -> Vote | None:
        """The vote, its changes serialised from here on; must be the transaction's first statement."""
        ...

    async def get(self, vote_id: int) -> Vote | None: ...

    async def for_meeting(self, meeting_id: int) -> list[Vote]: ...

    async def still_open(self) -> list[tuple[int, int]]:
        """(vote id, meeting id) of every open vote, of any meeting."""
        ...

    async def put_ballots(self, vote_id: int, ballots: Sequence[Ballot]) -> None:
        """New or changed ballots, at most one per municipality."""
        ...

    async def save_state(self, vote: Vote, outcome: Outcome) -> None: ...

    async def reserve(self, reservation: Reservation) -> None: ...

    async def reservations(self, vote_id: int) -> list[Reservation]: ...
