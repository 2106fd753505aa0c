"""Fixtures shared by the service and adapter tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.domain.group import Group
from bot.groupfile import SAMPLE_PATH, load_group
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from bot.storage.unit_of_work import SqlUnitOfWorkFactory
from tests.support.clock import FixedClock
from tests.support.databases import fresh_database
from tests.support.fake_graph import FakeGraph
from tests.support.harness import Conversation, running_bot

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def stockholm(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


@pytest.fixture(scope="session")
def sample_group() -> Group:
    """The sample group file as it ships, with the rotation's history from before the bot."""
    return load_group(SAMPLE_PATH)


@pytest.fixture(scope="session")
def group(sample_group: Group) -> Group:
    """The sample group as a bot with no history meets it: the rotation starts at Avesta.

    Most tests hold a meeting and follow its adjuster; the file's `rotation.last_adjuster`
    has tests of its own (tests/adapters/test_rotation_history.py), with `sample_group`.
    """
    return replace(sample_group, last_adjuster=None)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(stockholm(2026, 11, 27, 10, 0))


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    async with fresh_database(request.param, str(tmp_path)) as url:
        yield url


@pytest.fixture
async def uow(database_url: str) -> AsyncIterator[SqlUnitOfWorkFactory]:
    """The store at the newest schema, on each database: a unit of work for each call."""
    engine = make_engine(database_url)
    await upgrade(engine)
    yield SqlUnitOfWorkFactory(engine)
    await engine.dispose()


@pytest.fixture
async def sqlite_url(tmp_path: Path) -> AsyncIterator[str]:
    async with fresh_database("sqlite", str(tmp_path)) as url:
        yield url


@pytest.fixture
async def graph() -> AsyncIterator[FakeGraph]:
    """A fake Microsoft Graph on loopback."""
    async with FakeGraph.running() as fake:
        yield fake


@pytest.fixture
async def chat(
    group: Group, sqlite_url: str, clock: FixedClock, tmp_path: Path
) -> AsyncIterator[Conversation]:
    async with running_bot(group, sqlite_url, clock, tmp_path / "var") as conversation:
        yield conversation
