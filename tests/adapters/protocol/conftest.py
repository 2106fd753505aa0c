"""The protocol's world: a meeting held on either database, mail and files on the fake Graph."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.domain.group import Group
from tests.support.clock import FixedClock
from tests.support.fake_graph import FakeGraph
from tests.support.harness import Conversation
from tests.support.protocol import protocol_bot


@pytest.fixture
async def chat(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path, graph: FakeGraph
) -> AsyncIterator[Conversation]:
    async with protocol_bot(group, database_url, clock, tmp_path / "var", graph) as conversation:
        yield conversation
