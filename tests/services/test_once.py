"""Each activity id is handled once, and the ids that arrive together are recorded in one commit.

The store is real (SQLite, or PostgreSQL when there); a unit of work that can be held open
decides which deliveries arrive while a record's transaction is under way.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from bot.domain.group import Group
from bot.services.activities import Once
from bot.services.context import Context
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from bot.storage.unit_of_work import SqlUnitOfWorkFactory
from tests.support.clock import FixedClock

NOW = datetime(2026, 12, 10, 8, 40, tzinfo=UTC)


class HeldStore:
    """The real unit of work, counted; while `held`, each one waits before it begins."""

    def __init__(self, real: SqlUnitOfWorkFactory) -> None:
        self.real = real
        self.begun = 0
        self.held = asyncio.Event()
        self.held.set()
        self.waiting = asyncio.Event()

    def __call__(self) -> Any:
        store = self

        class Held:
            async def __aenter__(self) -> Any:
                store.begun += 1
                store.waiting.set()
                await store.held.wait()
                self.uow = store.real()
                return await self.uow.__aenter__()

            async def __aexit__(self, *exc: Any) -> None:
                await self.uow.__aexit__(*exc)

        return Held()


@pytest.fixture
async def store(database_url: str, group: Group) -> AsyncIterator[tuple[Once, HeldStore]]:
    engine = make_engine(database_url)
    await upgrade(engine)
    held = HeldStore(SqlUnitOfWorkFactory(engine))
    try:
        yield Once(Context(group=group, clock=FixedClock(NOW), uow=held)), held
    finally:
        await engine.dispose()


async def test_an_activity_is_first_once_and_then_never_again(store: tuple[Once, HeldStore]) -> None:
    once, _ = store
    assert await once.first_delivery("19:channel", "a1") is True
    assert await once.first_delivery("19:channel", "a1") is False
    assert await once.first_delivery("a:personal", "a1") is True  # an id is the conversation's own
    assert await once.first_delivery("19:channel", None) is True  # no id: nothing to know it by


async def test_deliveries_arriving_during_a_record_share_the_next_commit(
    store: tuple[Once, HeldStore],
) -> None:
    once, held = store
    held.held.clear()
    leader = asyncio.create_task(once.first_delivery("19:channel", "first"))
    await held.waiting.wait()  # the first record's transaction has begun, and is held
    others = [asyncio.create_task(once.first_delivery("19:channel", f"press-{n}")) for n in range(20)]
    again = asyncio.create_task(once.first_delivery("19:channel", "press-3"))  # Teams tries again
    await asyncio.sleep(0)
    held.held.set()
    assert await leader is True
    assert await asyncio.gather(*others) == [True] * 20
    assert await again is False  # in the same batch as its first delivery, and after it
    assert held.begun == 2  # twenty-two deliveries, two transactions
