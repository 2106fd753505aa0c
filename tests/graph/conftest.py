"""The real GraphServiceClient, with the real auth provider, talking to a fake Graph on loopback."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from msgraph import GraphServiceClient

from bot.graph.client import connect_with
from tests.support.fake_graph import FAST_INLINE_RETRY, FakeGraph, FixedCredential


@pytest.fixture
def credential() -> FixedCredential:
    return FixedCredential()


@pytest.fixture
async def client(graph: FakeGraph, credential: FixedCredential) -> AsyncIterator[GraphServiceClient]:
    async with connect_with(credential, graph.base_url, FAST_INLINE_RETRY) as connection:
        yield connection.client
