"""The outbox: what the bot must tell the world, stored with the decision, delivered with retries.

A use case enqueues `Outgoing` messages in its own transaction; `deliver_due` claims due
messages under a lease (so two processes never send the same one), hands each to the
deliverer of its channel and records the outcome. Transient failures come back later
with exponential backoff and jitter, honouring a server's Retry-After; permanent ones
are marked failed and logged, and `on_failure` may tell someone in the same transaction.
Messages to one target go out in the order they were made.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections import defaultdict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.services.ports import Clock, DeliveryError, RetryLater

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=2)
MAX_ATTEMPTS = 12  # with the backoff below: about a day of trying before giving up


@dataclass(frozen=True)
class Outgoing:
    key: str  # idempotency: a second enqueue with the same key is ignored
    channel: str  # "teams", "calendar", "mail", "files"
    operation: str  # e.g. "post", "update", "create_event", "send"
    target: str  # conversation id, mailbox, …: messages to one target keep their order
    payload: dict[str, Any] = field(default_factory=dict)
    not_before: datetime | None = None
    coalesce: str | None = None  # skip enqueueing when a pending message with the same value waits


@dataclass(frozen=True)
class Pending:
    id: int
    key: str
    channel: str
    operation: str
    target: str
    payload: dict[str, Any]
    attempts: int


class OutboxRepository(Protocol):
    async def enqueue(self, message: Outgoing, now: datetime) -> bool: ...

    async def claim_due(self, now: datetime, owner: str, lease: timedelta, limit: int) -> list[Pending]: ...

    async def complete(self, message_id: int, result: dict[str, Any] | None, now: datetime) -> None: ...

    async def retry(self, message_id: int, not_before: datetime, error: str) -> None: ...

    async def fail(self, message_id: int, error: str, now: datetime) -> None: ...

    async def release(self, message_id: int) -> None: ...

    async def wake_teams(self, now: datetime) -> None: ...

    async def result_of(self, key: str) -> dict[str, Any] | None: ...

    async def posts(self, key_prefix: str) -> list[Outgoing]:
        """The posts (not their updates) whose key starts with `key_prefix`, in the order enqueued."""
        ...

    async def states(self, key_prefix: str) -> list[tuple[str, str, datetime | None]]:
        """(key, state, done at) of every message whose key starts with `key_prefix`, oldest first."""
        ...

    async def next_due(self) -> datetime | None: ...

    async def failed_count(self) -> int:
        """How many messages failed for good (never delivered), in all."""
        ...


# Called in the transaction that marks a message failed for good, with that unit of work.
FailureHook = Callable[[Any, Pending], Awaitable[None]]


class Deliverer(Protocol):
    async def deliver(self, message: Pending) -> dict[str, Any] | None:
        """Delivers one message; returns what later messages may need (e.g. the posted activity's id)."""
        ...


class OutboxStore(Protocol):
    """A unit of work that has an outbox (`bot.services.ports.UnitOfWork` with `outbox`)."""

    outbox: OutboxRepository

    async def __aenter__(self) -> OutboxStore: ...

    async def __aexit__(self, *exc: object) -> None: ...

    async def commit(self) -> None: ...


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


async def run_worker(delivery: Delivery, stop: asyncio.Event, idle_seconds: float = 0.5) -> None:
    """Delivers until stopped; an error (e.g. the database restarting) costs one round, not the worker."""
    while not stop.is_set():
        try:
            delivered = await delivery.deliver_due()
        except Exception:
            log.exception("outbox round failed; trying again")
            delivered = 0
        if delivered == 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=idle_seconds)
