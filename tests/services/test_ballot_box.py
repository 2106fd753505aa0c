"""The ballot box: ballots that arrive while their vote is being counted are counted together next.

The count here is a stand-in that records what it was given and can be held open, so each
test decides exactly which ballots arrive while a count is under way. Each step waits for
what it needs by name (the papers in the box, a count begun or finished), never for a number
of turns of the event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import pytest

from bot.services.ballot_box import BallotBox, Paper

AT = datetime(2026, 12, 10, 8, 40, tzinfo=UTC)


class Count:
    """Answers each paper with "<actor>:<option>", or refuses a paper whose option is "refused"."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []
        self.finished = 0
        self.gate = asyncio.Event()
        self.gate.set()
        self.failure: Exception | None = None
        self._changed = asyncio.Condition()

    async def __call__(self, vote_id: int, papers: Sequence[Paper]) -> list[str | Exception]:
        await self._note(lambda: self.batches.append([p.actor_id for p in papers]))
        try:
            await self.gate.wait()
            if self.failure is not None:
                raise self.failure
            return [
                ValueError(p.actor_id) if p.option == "refused" else f"{p.actor_id}:{p.option}"
                for p in papers
            ]
        finally:
            self.finished += 1
            async with self._changed:
                self._changed.notify_all()

    async def _note(self, change: Callable[[], None]) -> None:
        async with self._changed:
            change()
            self._changed.notify_all()

    async def begun(self, batches: int) -> None:
        """Until `batches` counts have begun (a count held at the gate has begun)."""
        await self._until(lambda: len(self.batches) >= batches)

    async def ended(self, batches: int) -> None:
        """Until `batches` counts have returned their answers (or failed)."""
        await self._until(lambda: self.finished >= batches)

    async def _until(self, condition: Callable[[], bool]) -> None:
        async with asyncio.timeout(5), self._changed:  # a count that never comes fails the test
            await self._changed.wait_for(condition)


def paper(actor: str, option: str = "yes") -> Paper:
    return Paper(actor, option, AT)


async def arrived(
    box: BallotBox[str], count: Count, *papers: Paper, vote_id: int = 1
) -> list[asyncio.Task[str]]:
    """The papers' presses in this order, each returned once its paper is in the box.

    `cast` puts its paper in the box before it first waits (for its turn, or for the count), and
    a press is told it is under way only then: the event set just before `cast` wakes this
    function after the pressing task has given the loop back, that is after `cast` has waited.
    """
    tasks = []
    for p in papers:
        in_the_box = asyncio.Event()
        tasks.append(asyncio.create_task(_press(box, count, p, vote_id, in_the_box)))
        await in_the_box.wait()
    return tasks


async def _press(
    box: BallotBox[str], count: Count, paper: Paper, vote_id: int, in_the_box: asyncio.Event
) -> str:
    in_the_box.set()
    return await box.cast(vote_id, paper, count)


async def test_a_ballot_alone_is_counted_alone() -> None:
    box: BallotBox[str] = BallotBox()
    count = Count()
    assert await box.cast(1, paper("anna"), count) == "anna:yes"
    assert count.batches == [["anna"]]
    assert len(box) == 0  # nothing kept once every ballot is answered


async def test_ballots_arriving_during_a_count_are_counted_together_in_arrival_order() -> None:
    box: BallotBox[str] = BallotBox()
    count = Count()
    count.gate.clear()
    first = await arrived(box, count, paper("anna"))
    await count.begun(1)
    rest = await arrived(box, count, paper("bo", "no"), paper("cilla"), paper("anna", "no"))
    assert count.batches == [["anna"]]  # the others wait for the count under way
    count.gate.set()
    answers = await asyncio.gather(*first, *rest)
    assert count.batches == [["anna"], ["bo", "cilla", "anna"]]
    assert answers == ["anna:yes", "bo:no", "cilla:yes", "anna:no"]
    assert len(box) == 0


async def test_each_vote_has_its_own_queue() -> None:
    box: BallotBox[str] = BallotBox()
    count = Count()
    count.gate.clear()
    one = await arrived(box, count, paper("anna"), vote_id=1)
    two = await arrived(box, count, paper("bo"), vote_id=2)
    await count.begun(2)  # the second vote does not wait for the first, held at the gate
    assert count.batches == [["anna"], ["bo"]]
    count.gate.set()
    assert await asyncio.gather(*one, *two) == ["anna:yes", "bo:yes"]


async def test_a_refused_ballot_is_refused_to_its_voter_only() -> None:
    box: BallotBox[str] = BallotBox()
    count = Count()
    count.gate.clear()
    first = await arrived(box, count, paper("anna"))
    await count.begun(1)
    rest = await arrived(box, count, paper("bo", "refused"), paper("cilla"))
    count.gate.set()
    answers = await asyncio.gather(*first, *rest, return_exceptions=True)
    assert answers[0] == "anna:yes" and answers[2] == "cilla:yes"
    assert isinstance(answers[1], ValueError) and str(answers[1]) == "bo"


async def test_a_failed_count_fails_its_ballots_and_the_next_ballot_is_counted_afresh() -> None:
    box: BallotBox[str] = BallotBox()
    count = Count()
    count.gate.clear()
    count.failure = ConnectionError("the database went away")
    failed = await arrived(box, count, paper("anna"), paper("bo"))
    count.gate.set()
    answers = await asyncio.gather(*failed, return_exceptions=True)
    assert all(isinstance(a, ConnectionError) for a in answers)
    count.failure = None
    assert await box.cast(1, paper("anna"), count) == "anna:yes"
    assert len(box) == 0


async def test_a_voter_who_goes_away_does_not_take_the_others_ballots_along() -> None:
    box: BallotBox[str] = BallotBox()
    count = Count()
    count.gate.clear()
    first = await arrived(box, count, paper("anna"))
    await count.begun(1)
    rest = await arrived(box, count, paper("bo"), paper("cilla"))
    count.gate.set()
    await count.ended(1)
    first[0].cancel()  # anna's ballot is counted, her request gone before her answer; bo and cilla wait
    rest_answers = await asyncio.gather(*rest)
    assert rest_answers == ["bo:yes", "cilla:yes"]
    with pytest.raises(asyncio.CancelledError):
        await first[0]


async def test_a_voter_who_goes_away_while_their_batch_is_counted_leaves_it_counted() -> None:
    box: BallotBox[str] = BallotBox()
    count = Count()
    count.gate.clear()
    leader, other = await arrived(box, count, paper("anna"), paper("bo"))
    await count.begun(1)
    # anna's batch is [anna]; bo's is next. Cancel anna while her count is under way.
    leader.cancel()
    with pytest.raises(asyncio.CancelledError):
        await leader
    count.gate.set()
    assert await other == "bo:yes"
    assert count.batches == [["anna"], ["bo"]]  # anna's ballot was still counted, once
    assert len(box) == 0
