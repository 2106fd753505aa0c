"""The outbox's store and its deliverers: what the bot must tell the world, and who delivers it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol


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

    async def post(self, key: str) -> Outgoing | None:
        """The post (not an update) under exactly `key`, found by the key's index, if there is one."""
        ...

    async def posts(self, key_prefix: str) -> list[Outgoing]:
        """The posts (not their updates) whose key starts with `key_prefix`, in the order enqueued.

        Read through the whole outbox, which keeps every message ever sent: not for a hot path."""
        ...

    async def states(self, key_prefix: str) -> list[tuple[str, str, datetime | None]]:
        """(key, state, done at) of every message whose key starts with `key_prefix`, oldest first."""
        ...

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
