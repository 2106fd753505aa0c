"""PostgreSQL going away under the bot: the next request works, the one in flight says "try again".

The restart is simulated as PostgreSQL does it to its clients: every server process of the
bot's database is terminated (`pg_terminate_backend`). To catch a request in flight, the
test first takes an exclusive lock on the outbox table, so the request's transaction stops
at its outbox statement, after it has written its ballot or its vote; the connection dies
there, and that write must be gone.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from bot.domain.group import Group
from bot.texts import texts_for
from tests.conftest import stockholm
from tests.support.clock import FixedClock
from tests.support.databases import fresh_database
from tests.support.harness import Conversation
from tests.support.meeting_day import CARD, FIVE, MESSAGE, SECRETARY, a_vote, ballots_of, meeting_day, press
from tests.support.people import person

MEETING_TIME = stockholm(2026, 12, 10, 8, 40)
TRY_AGAIN = texts_for("sv", UTC)("fault.try_again")
NOT_CHECKED_IN = "Lotta Daun Messing"  # present nowhere yet: checks in during the test


@pytest.fixture
async def postgres_url(tmp_path: Path) -> AsyncIterator[str]:
    async with fresh_database("postgresql", str(tmp_path)) as url:
        yield url


@pytest.fixture
async def chat(
    group: Group, postgres_url: str, clock: FixedClock, tmp_path: Path
) -> AsyncIterator[Conversation]:
    async with meeting_day(group, postgres_url, clock, tmp_path / "var", MEETING_TIME) as conversation:
        yield conversation


@asynccontextmanager
async def admin(url: str) -> AsyncIterator[AsyncConnection]:
    """A connection of the test's own, outside the bot's pool."""
    engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            yield connection
    finally:
        await engine.dispose()


async def restart(connection: AsyncConnection, url: str, *spare: int) -> int:
    """Terminates every server process of the database but the test's own; returns how many."""
    result = await connection.execute(
        text(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = :db AND pid <> pg_backend_pid() AND NOT (pid = ANY(:spare))"
        ),
        {"db": make_url(url).database, "spare": list(spare)},
    )
    return len(result.all())


async def until(condition: Callable[[], Awaitable[bool]], seconds: float = 20) -> None:
    """Polls a condition the database offers no notification for."""
    deadline = time.monotonic() + seconds
    while not await condition():
        assert time.monotonic() < deadline, "the condition never came true"
        await asyncio.sleep(0.02)


@asynccontextmanager
async def outbox_locked(url: str) -> AsyncIterator[Callable[[], Awaitable[int]]]:
    """Holds the outbox table; yields a function that waits for the bot to block on it, then restarts."""
    async with admin(url) as locker, admin(url) as watcher:
        await locker.execute(text("BEGIN"))
        await locker.execute(text("LOCK TABLE outbox IN ACCESS EXCLUSIVE MODE"))
        locker_pid = (await locker.execute(text("SELECT pg_backend_pid()"))).scalar_one()

        async def blocked() -> bool:
            waiting = await watcher.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = :db AND wait_event_type = 'Lock'"
                ),
                {"db": make_url(url).database},
            )
            return bool(waiting.scalar_one())

        async def restart_when_blocked() -> int:
            await until(blocked)
            return await restart(watcher, url, locker_pid)

        try:
            yield restart_when_blocked
        finally:
            await locker.execute(text("ROLLBACK"))


async def test_after_a_restart_between_requests_the_next_one_works(
    chat: Conversation, group: Group, postgres_url: str
) -> None:
    vote_id, _ = await a_vote(chat, FIVE)
    async with admin(postgres_url) as connection:
        assert await restart(connection, postgres_url) >= 1  # the bot's pooled connections
    # pool_pre_ping finds the dead connections and opens new ones: nobody sees the restart.
    body = await press(chat, person(group, FIVE[1]), "vote.cast", {"vote_id": vote_id, "option": "yes"})
    assert body["type"] == CARD
    assert (await chat.say(person(group, SECRETARY), "hjälp")).startswith("Hej Joanna Karabay")
    assert (await ballots_of(chat, vote_id))["Avesta"][1] == "yes"


async def test_a_click_in_flight_gets_try_again_and_its_ballot_is_not_kept(
    chat: Conversation, group: Group, postgres_url: str
) -> None:
    vote_id, _ = await a_vote(chat, FIVE)
    voter = person(group, FIVE[1])
    cast = {"vote_id": vote_id, "option": "no"}
    async with outbox_locked(postgres_url) as restart_when_blocked:
        click = asyncio.create_task(press(chat, voter, "vote.cast", cast))
        assert await restart_when_blocked() >= 1
        body = await click
    assert (body["type"], body["value"]) == (MESSAGE, TRY_AGAIN)
    assert "Avesta" not in await ballots_of(chat, vote_id)  # written, then rolled back with the connection
    body = await press(chat, voter, "vote.cast", cast)
    assert body["type"] == CARD
    assert (await ballots_of(chat, vote_id))["Avesta"][1] == "no"


async def test_a_message_in_flight_gets_try_again_and_its_vote_is_not_kept(
    chat: Conversation, group: Group, postgres_url: str
) -> None:
    await a_vote(chat, FIVE, "Första frågan?")
    secretary = person(group, SECRETARY)
    async with outbox_locked(postgres_url) as restart_when_blocked:
        said = asyncio.create_task(chat.say(secretary, "omröstning Andra frågan?"))
        assert await restart_when_blocked() >= 1
        reply = await said
    assert reply == TRY_AGAIN  # from the adapter's on_turn_error: the reply itself needs no database
    assert await questions(chat) == ["Första frågan?"]
    assert (await chat.say(secretary, "omröstning Andra frågan?")).startswith("Omröstningen ”Andra frågan?”")
    assert await questions(chat) == ["Första frågan?", "Andra frågan?"]


async def questions(chat: Conversation) -> list[str]:
    from bot.app import CONTEXT
    from tests.support.meeting_day import meeting_at

    meeting = await meeting_at(chat, chat.clock.now())
    async with chat.app[CONTEXT].uow() as uow:
        return [v.question for v in await uow.votes.for_meeting(meeting.id)]
