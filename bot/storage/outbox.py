"""The outbox table: enqueue in the caller's transaction, claim under a lease, record outcomes."""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import bindparam, exists, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.dml import Insert

from bot.services.ports.outbox import Outgoing, Pending
from bot.storage.tables import outbox

PENDING, DONE, FAILED = "pending", "done", "failed"

# Built once: every change that refreshes a card runs these (see `upsert_statement` for why).
# Only a message not yet being delivered can stand for a new one: one under a lease may
# already have rendered the state from before the change.
_WAITING = (
    select(outbox.c.id)
    .where(
        outbox.c.coalesce == bindparam("coalesce"),
        outbox.c.state == PENDING,
        or_(outbox.c.leased_until.is_(None), outbox.c.leased_until <= bindparam("now")),
    )
    .limit(1)
)

# Every check-in looks up two cards by their keys: the unique key's index, not the whole outbox.
_POST = select(outbox).where(outbox.c.key == bindparam("key"), outbox.c.operation == "post")


@cache
def _insert_new(dialect: str) -> Insert:
    return (pg_insert if dialect == "postgresql" else sqlite_insert)(outbox).on_conflict_do_nothing()


class SqlOutbox:
    def __init__(self, connection: AsyncConnection) -> None:
        self._db = connection

    async def enqueue(self, message: Outgoing, now: datetime) -> bool:
        """Adds the message unless its key is known (or a pending one has its coalesce value)."""
        if message.coalesce is not None:
            waiting = await self._db.execute(_WAITING, {"coalesce": message.coalesce, "now": now})
            if waiting.first():
                return False
        values = {
            "key": message.key, "channel": message.channel, "operation": message.operation,
            "target": message.target, "payload": message.payload, "coalesce": message.coalesce,
            "state": PENDING, "attempts": 0, "not_before": message.not_before or now, "created_at": now,
        }  # fmt: skip
        result = await self._db.execute(_insert_new(self._db.dialect.name), values)
        return bool(result.rowcount)

    async def post(self, key: str) -> Outgoing | None:
        row = (await self._db.execute(_POST, {"key": key})).first()
        return Outgoing(row.key, row.channel, row.operation, row.target, dict(row.payload)) if row else None

    async def posts(self, key_prefix: str) -> list[Outgoing]:
        rows = await self._db.execute(
            select(outbox)
            .where(outbox.c.operation == "post", outbox.c.key.startswith(key_prefix, autoescape=True))
            .order_by(outbox.c.id)
        )
        return [Outgoing(r.key, r.channel, r.operation, r.target, dict(r.payload)) for r in rows]

    async def states(self, key_prefix: str) -> list[tuple[str, str, datetime | None]]:
        rows = await self._db.execute(
            select(outbox.c.key, outbox.c.state, outbox.c.done_at)
            .where(outbox.c.key.startswith(key_prefix, autoescape=True))
            .order_by(outbox.c.id)
        )
        return [(r.key, r.state, r.done_at) for r in rows]

    async def claim_due(self, now: datetime, owner: str, lease: timedelta, limit: int) -> list[Pending]:
        earlier = outbox.alias("earlier")
        # A message waits while an earlier one to the same target is not yet due or is being sent.
        blocked = exists().where(
            earlier.c.target == outbox.c.target,
            earlier.c.state == PENDING,
            earlier.c.id < outbox.c.id,
            or_(earlier.c.not_before > now, earlier.c.leased_until > now),
        )
        free = or_(outbox.c.leased_until.is_(None), outbox.c.leased_until <= now)
        candidates = await self._db.execute(
            select(outbox)
            .where(outbox.c.state == PENDING, outbox.c.not_before <= now, free, ~blocked)
            .order_by(outbox.c.id)
            .limit(limit)
        )
        claimed: list[Pending] = []
        lost_targets: set[str] = set()
        for row in candidates:
            if row.target in lost_targets:
                continue
            # Compare-and-set: only one process wins the lease, on SQLite and PostgreSQL alike.
            won = await self._db.execute(
                update(outbox)
                .where(outbox.c.id == row.id, outbox.c.state == PENDING, free)
                .values(leased_until=now + lease, lease_owner=owner)
            )
            if won.rowcount != 1:
                lost_targets.add(row.target)
                continue
            claimed.append(
                Pending(row.id, row.key, row.channel, row.operation, row.target, row.payload, row.attempts)
            )
        return claimed

    async def complete(self, message_id: int, result: dict[str, Any] | None, now: datetime) -> None:
        await self._set(
            message_id, state=DONE, result=result, done_at=now, leased_until=None, last_error=None
        )

    async def retry(self, message_id: int, not_before: datetime, error: str) -> None:
        await self._set(
            message_id, attempts=outbox.c.attempts + 1, not_before=not_before, last_error=error[:2000],
            leased_until=None,
        )  # fmt: skip

    async def fail(self, message_id: int, error: str, now: datetime) -> None:
        await self._set(message_id, state=FAILED, last_error=error[:2000], done_at=now, leased_until=None)

    async def release(self, message_id: int) -> None:
        await self._set(message_id, leased_until=None)

    async def wake_teams(self, now: datetime) -> None:
        """Teams posts waiting for a conversation the bot did not know yet go now, not after their backoff."""
        await self._db.execute(
            update(outbox)
            .where(outbox.c.state == PENDING, outbox.c.channel == "teams", outbox.c.not_before > now)
            .where(outbox.c.last_error.like("no conversation reference%"))
            .values(not_before=now)
        )

    async def result_of(self, key: str) -> dict[str, Any] | None:
        row = (
            await self._db.execute(select(outbox.c.result, outbox.c.state).where(outbox.c.key == key))
        ).first()
        return dict(row.result) if row and row.state == DONE and row.result is not None else None

    async def failed_count(self) -> int:
        failed = await self._db.execute(select(func.count()).where(outbox.c.state == FAILED))
        return int(failed.scalar_one())

    async def _set(self, message_id: int, **values: Any) -> None:
        await self._db.execute(update(outbox).where(outbox.c.id == message_id).values(**values))
