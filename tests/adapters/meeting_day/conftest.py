"""The meeting day's world: the bot on a SQLite file, its clock at the meeting's start."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.domain.group import Group
from tests.support.clock import FixedClock
from tests.support.harness import Conversation
from tests.support.meeting_day import meeting_day
from tests.support.protocol import MEETING_TIME


@pytest.fixture
async def chat(
    group: Group, sqlite_url: str, clock: FixedClock, tmp_path: Path
) -> AsyncIterator[Conversation]:
    async with meeting_day(group, sqlite_url, clock, tmp_path / "var", MEETING_TIME) as conversation:
        yield conversation
