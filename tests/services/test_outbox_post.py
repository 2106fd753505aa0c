"""The card a check-in refreshes is looked up by its exact key: the post itself, never an update of
it nor a card whose key only begins the same way."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.services.ports.outbox import Outgoing
from bot.services.ports.store import UnitOfWorkFactory

NOW = datetime(2026, 12, 10, 8, 0, tzinfo=UTC)


def card(key: str, operation: str = "post") -> Outgoing:
    return Outgoing(key, "teams", operation, "channel", {"post": "acting_chair", "args": {"meeting_id": 1}})


async def test_the_post_under_exactly_its_key(uow: UnitOfWorkFactory) -> None:
    async with uow() as store:
        for message in (
            card("meeting:1:acting_chair"),
            card("meeting:1:acting_chair:update:0f", "update"),
            card("meeting:10:acting_chair"),
        ):
            await store.outbox.enqueue(message, NOW)
        await store.commit()
    async with uow() as store:
        assert await store.outbox.post("meeting:1:acting_chair") == card("meeting:1:acting_chair")
        assert await store.outbox.post("meeting:1:acting_chair:update:0f") is None  # an update, not a post
        assert await store.outbox.post("meeting:1:acting") is None  # a key is not a prefix
        assert await store.outbox.post("meeting:2:acting_chair") is None
