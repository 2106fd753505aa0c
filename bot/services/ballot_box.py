"""Group commit for the ballots of one vote.

Every change to a vote holds the vote's row lock until it commits, so that exactly one last
ballot closes the vote. One transaction per ballot then queues twenty voters pressing at once
behind one another, each waiting for every earlier ballot's whole transaction. Instead, the
ballots that arrive while a vote's transaction is under way wait together, and the next
transaction counts all of them: each one judged in the order it arrived, exactly as if it
had been alone, and one lock, one read of the vote and one commit shared between them.

The row lock still serialises the transactions, so several processes (or several boxes) on
one database stay correct; the box only saves this process's ballots from queueing singly.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, TypeVar

Answer = TypeVar("Answer")


@dataclass(frozen=True)
class Paper:
    """One press of a vote button, as the bot received it."""

    actor_id: str  # the activity's validated AAD id
    option: str
    at: datetime  # when it arrived: ballots are counted, and time-stamped, in this order


# Counts a batch in one transaction: one answer per paper, in order, an exception for a refused
# paper; raises when the whole batch failed (the database, or a vote that is gone).
Count = Callable[[int, Sequence[Paper]], Awaitable[Sequence[Answer | Exception]]]


@dataclass
class _Queue(Generic[Answer]):
    turn: asyncio.Lock = field(default_factory=asyncio.Lock)
    waiting: list[tuple[Paper, asyncio.Future[Answer]]] = field(default_factory=list)


class BallotBox(Generic[Answer]):
    def __init__(self) -> None:
        self._queues: dict[int, _Queue[Answer]] = {}

    def __len__(self) -> int:
        """The votes with ballots waiting or being counted."""
        return len(self._queues)

    async def cast(self, vote_id: int, paper: Paper, count: Count[Answer]) -> Answer:
        queue = self._queues.get(vote_id) or self._queues.setdefault(vote_id, _Queue())
        answer: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        queue.waiting.append((paper, answer))
        async with queue.turn:
            if not answer.done():
                batch, queue.waiting = queue.waiting, []
                # Shielded: a caller that goes away must not cancel the others' ballots.
                await asyncio.shield(asyncio.ensure_future(_count(vote_id, batch, count)))
        if not queue.waiting and not queue.turn.locked() and self._queues.get(vote_id) is queue:
            # Everyone still waiting on this turn has been answered; the next ballot starts afresh.
            del self._queues[vote_id]
        return await answer


async def _count(
    vote_id: int, batch: list[tuple[Paper, asyncio.Future[Answer]]], count: Count[Answer]
) -> None:
    try:
        answers = await count(vote_id, [paper for paper, _ in batch])
    except BaseException as error:
        for _, future in batch:
            if not future.done():
                if isinstance(error, asyncio.CancelledError):
                    future.cancel()
                else:
                    future.set_exception(error)
        if not isinstance(error, Exception):
            raise
        return
    for (_, future), answer in zip(batch, answers, strict=True):
        if future.done():
            continue
        if isinstance(answer, Exception):
            future.set_exception(answer)
        else:
            future.set_result(answer)
