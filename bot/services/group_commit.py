"""Group commit: what arrives while a transaction for the same key is under way goes into the next one.

One transaction for each request queues concurrent requests behind one another, each waiting
for every earlier one's whole transaction (and, on a disk that keeps its word, its flush).
Here the requests that arrive while a key's transaction runs wait together, and the next
transaction takes all of them, in the order they arrived; each still gets an answer of its
own, or an exception of its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

Key = TypeVar("Key", bound=Hashable)
Item = TypeVar("Item")
Answer = TypeVar("Answer")

# Does a batch in one transaction: one answer per item, in order, an exception for a refused
# item; raises when the whole batch failed (e.g. the database).
Work = Callable[[Key, Sequence[Item]], Awaitable[Sequence[Answer | Exception]]]


@dataclass
class _Queue(Generic[Item, Answer]):
    turn: asyncio.Lock = field(default_factory=asyncio.Lock)
    waiting: list[tuple[Item, asyncio.Future[Answer]]] = field(default_factory=list)


class GroupCommit(Generic[Key, Item, Answer]):
    def __init__(self) -> None:
        self._queues: dict[Key, _Queue[Item, Answer]] = {}

    def __len__(self) -> int:
        """The keys with items waiting or under way."""
        return len(self._queues)

    async def submit(self, key: Key, item: Item, work: Work[Key, Item, Answer]) -> Answer:
        queue = self._queues.get(key) or self._queues.setdefault(key, _Queue())
        answer: asyncio.Future[Answer] = asyncio.get_running_loop().create_future()
        queue.waiting.append((item, answer))
        async with queue.turn:
            if not answer.done():
                batch, queue.waiting = queue.waiting, []
                # Shielded: a caller that goes away must not cancel the others' items.
                await asyncio.shield(asyncio.ensure_future(_do(key, batch, work)))
        if not queue.waiting and not queue.turn.locked() and self._queues.get(key) is queue:
            # Everyone still waiting on this turn has been answered; the next item starts afresh.
            del self._queues[key]
        return await answer


async def _do(
    key: Key, batch: list[tuple[Item, asyncio.Future[Answer]]], work: Work[Key, Item, Answer]
) -> None:
    try:
        answers = await work(key, [item for item, _ in batch])
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
