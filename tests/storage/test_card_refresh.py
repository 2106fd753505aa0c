"""Refreshes of a posted card coalesce while they wait, never into one already being sent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.services.ports.outbox import Outgoing
from bot.storage.unit_of_work import SqlUnitOfWorkFactory

T0 = datetime(2026, 12, 10, 7, 45, tzinfo=UTC)


def refresh(n: int) -> Outgoing:
    payload = {"post": "vote", "args": {"vote_id": 1}, "replaces": "vote:1"}
    return Outgoing(f"vote:1:update:{n}", "teams", "update", "19:channel", payload, coalesce="vote:1:update")


async def enqueue(uow: SqlUnitOfWorkFactory, message: Outgoing) -> bool:
    async with uow() as u:
        added = await u.outbox.enqueue(message, T0)
        await u.commit()
    return added


async def test_a_waiting_refresh_stands_for_later_ones(uow: SqlUnitOfWorkFactory) -> None:
    assert await enqueue(uow, refresh(1))
    assert not await enqueue(uow, refresh(2))


async def test_a_refresh_being_sent_does_not_swallow_a_later_change(uow: SqlUnitOfWorkFactory) -> None:
    assert await enqueue(uow, refresh(1))
    async with uow() as u:
        [claimed] = await u.outbox.claim_due(T0, "worker", timedelta(minutes=2), 10)
        await u.commit()
    # The worker has rendered the card and is sending it; a ballot arrives now.
    assert await enqueue(uow, refresh(2))
    async with uow() as u:
        await u.outbox.complete(claimed.id, {"activity_id": "a"}, T0)
        await u.commit()
    assert not await enqueue(uow, refresh(3))  # refresh 2 still waits and will show it
