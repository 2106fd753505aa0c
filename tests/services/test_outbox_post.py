"""The card a check-in refreshes is looked up by its exact key: the post itself, never an update of
it nor a card whose key only begins the same way."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from bot.services.ports.outbox import Outgoing
from bot.services.ports.store import UnitOfWorkFactory
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from bot.storage.unit_of_work import SqlUnitOfWorkFactory

NOW = datetime(2026, 12, 10, 8, 0, tzinfo=UTC)


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[UnitOfWorkFactory]:
    engine = make_engine(database_url)
    await upgrade(engine)
    yield SqlUnitOfWorkFactory(engine)
    await engine.dispose()


def card(key: str, operation: str = "post") -> Outgoing:
    return Outgoing(key, "teams", operation, "channel", {"post": "acting_chair", "args": {"meeting_id": 1}})


async def test_the_post_under_exactly_its_key(store: UnitOfWorkFactory) -> None:
    async with store() as uow:
        for message in (
            card("meeting:1:acting_chair"),
            card("meeting:1:acting_chair:update:0f", "update"),
            card("meeting:10:acting_chair"),
        ):
            await uow.outbox.enqueue(message, NOW)
        await uow.commit()
    async with store() as uow:
        assert await uow.outbox.post("meeting:1:acting_chair") == card("meeting:1:acting_chair")
        assert await uow.outbox.post("meeting:1:acting_chair:update:0f") is None  # an update, not a post
        assert await uow.outbox.post("meeting:1:acting") is None  # a key is not a prefix
        assert await uow.outbox.post("meeting:2:acting_chair") is None
