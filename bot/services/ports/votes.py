"""The store of votes, their ballots and the reservations against their results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

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
