"""The outbox: what the bot must tell the world, stored with the decision, delivered with retries.

A use case enqueues `Outgoing` messages (`ports.outbox`) in its own transaction; `deliver_due`
claims due messages under a lease (so two processes never send the same one), hands each to
the deliverer of its channel and records the outcome. Transient failures come back later
with exponential backoff and jitter, honouring a server's Retry-After; permanent ones
are marked failed and logged, and `on_failure` may tell someone in the same transaction.
Messages to one target go out in the order they were made. The loop that calls it is
`bot.runtime.outbox`.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from bot.services.ports.delivery import DeliveryError, RetryLater
from bot.services.ports.outbox import Deliverer, FailureHook, OutboxRepository, OutboxStore, Pending
from bot.services.ports.store import Clock

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 12  # with the backoff below: about a day of trying before giving up


def backoff(attempts: int, retry_after: float | None, rng: random.Random) -> timedelta:
    """Exponential backoff with full jitter, capped at an hour; a server's Retry-After is a floor."""
    ceiling = min(3600.0, 2.0 ** min(attempts, 12))
    wait = rng.uniform(ceiling / 2, ceiling)
    if retry_after is not None:
        wait = max(wait, retry_after)
    return timedelta(seconds=wait)


@dataclass
class Delivery:
    """One pass of the worker over what is due."""

    uow: Callable[[], OutboxStore]
    deliverers: Mapping[str, Deliverer]
    clock: Clock
    owner: str
    rng: random.Random = field(default_factory=random.Random)
    lease: timedelta = LEASE
    on_failure: FailureHook | None = None  # e.g. a person told, in the same transaction

    async def deliver_due(self, limit: int = 50) -> int:
        async with self.uow() as uow:
            claimed = await uow.outbox.claim_due(self.clock.now(), self.owner, self.lease, limit)
            await uow.commit()
        by_target: dict[str, list[Pending]] = defaultdict(list)
        for message in claimed:
            by_target[message.target].append(message)
        await asyncio.gather(*(self._in_order(messages) for messages in by_target.values()))
        return len(claimed)

    async def _in_order(self, messages: list[Pending]) -> None:
        for index, message in enumerate(messages):
            if not await self._one(message):
                # Later messages to this target wait for this one: release their leases.
                await self._release(messages[index + 1 :])
                return

    async def _one(self, message: Pending) -> bool:
        deliverer = self.deliverers.get(message.channel)
        try:
            if deliverer is None:
                raise DeliveryError(f"no deliverer for channel {message.channel!r}")
            result = await deliverer.deliver(message)
        except RetryLater as error:
            await self._retry(message, error)
            return False
        except DeliveryError as error:
            log.error(
                "outbox %s (%s %s to %s) failed for good: %s",
                message.key, message.channel, message.operation, message.target, error,
            )  # fmt: skip
            await self._fail(message, str(error))
            return True
        await self._record(lambda o: o.complete(message.id, result, self.clock.now()))
        return True

    async def _retry(self, message: Pending, error: RetryLater) -> None:
        if message.attempts + 1 >= MAX_ATTEMPTS:
            log.error(
                "outbox %s (%s %s to %s) gave up after %d attempts: %s",
                message.key, message.channel, message.operation, message.target, message.attempts + 1, error,
            )  # fmt: skip
            await self._fail(message, str(error))
            return
        wait = backoff(message.attempts, error.retry_after, self.rng)
        log.warning("outbox %s: %s; next attempt in %.1f s", message.key, error, wait.total_seconds())
        reason = str(error)
        await self._record(lambda o: o.retry(message.id, self.clock.now() + wait, reason))

    async def _fail(self, message: Pending, reason: str) -> None:
        async with self.uow() as uow:
            await uow.outbox.fail(message.id, reason, self.clock.now())
            if self.on_failure is not None:
                await self.on_failure(uow, message)
            await uow.commit()

    async def _release(self, messages: list[Pending]) -> None:
        for message in messages:
            await self._record(lambda o, m=message: o.release(m.id))

    async def _record(self, change: Callable[[OutboxRepository], Awaitable[None]]) -> None:
        async with self.uow() as uow:
            await change(uow.outbox)
            await uow.commit()
