"""Group commit for the ballots of one vote.

Every change to a vote holds the vote's row lock until it commits, so that exactly one last
ballot closes the vote. One transaction per ballot then queues twenty voters pressing at once
behind one another, each waiting for every earlier ballot's whole transaction. Instead, the
ballots that arrive while a vote's transaction is under way wait together, and the next
transaction counts all of them: each one judged in the order it arrived, exactly as if it
had been alone, and one lock, one read of the vote and one commit shared between them
(`bot.services.group_commit`).

The row lock still serialises the transactions, so several processes (or several boxes) on
one database stay correct; the box only saves this process's ballots from queueing singly.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from bot.services.group_commit import GroupCommit

Answer = TypeVar("Answer")


@dataclass(frozen=True)
class Paper:
    """One press of a vote button, as the bot received it."""

    actor_id: str  # the activity's validated AAD id
    option: str
    at: datetime  # when it arrived: ballots are counted, and time-stamped, in this order
    # (conversation id, activity id): recorded in the count's transaction, so that a press Teams
    # delivers again is counted once (`activities.record_deliveries`); None: not recorded.
    delivery: tuple[str, str] | None = None


# Counts a batch in one transaction: one answer per paper, in order, an exception for a refused
# paper; raises when the whole batch failed (the database, or a vote that is gone).
Count = Callable[[int, Sequence[Paper]], Awaitable[Sequence[Answer | Exception]]]


class BallotBox(GroupCommit[int, Paper, Answer]):
    """The ballots of each vote, counted a batch at a time (`GroupCommit`, keyed by the vote)."""

    async def cast(self, vote_id: int, paper: Paper, count: Count[Answer]) -> Answer:
        return await self.submit(vote_id, paper, count)
