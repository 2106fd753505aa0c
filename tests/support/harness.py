"""The bot on a real loopback HTTP server, talking to a fake Bot Connector."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from aiohttp import ClientSession
from aiohttp.test_utils import TestServer

from bot.app import Overrides, create_app
from bot.domain.group import Group, Person
from bot.settings import Settings
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from tests.support.activities import channel_message, personal_message
from tests.support.clock import FixedClock
from tests.support.connector import FakeConnector


@dataclass
class Conversation:
    """Says things to the bot as a person would, and returns what the bot answered."""

    group: Group
    bot_url: str
    connector: FakeConnector
    http: ClientSession
    clock: FixedClock

    async def post(self, activity: dict[str, Any]) -> int:
        async with self.http.post(self.bot_url, json=activity) as response:
            return response.status

    async def say(self, who: Person | str | None, text: str, *, where: str = "channel", **kw: Any) -> str:
        aad_id = who.aad_id if isinstance(who, Person) else who
        name = who.name if isinstance(who, Person) else "Okänd"
        build = channel_message if where == "channel" else personal_message
        activity = build(self.group, self.connector.url, aad_id, text, name=name, **kw)
        before = len(self.connector.sent)
        status = await self.post(activity)
        assert status < 300, f"the bot answered HTTP {status}"
        replies = [s.activity.get("text") or "" for s in self.connector.sent[before:]]
        assert len(replies) == 1, f"expected one reply, got {replies!r}"
        return replies[0]


@asynccontextmanager
async def running_bot(group: Group, database_url: str, clock: FixedClock) -> AsyncIterator[Conversation]:
    engine = make_engine(database_url)
    await upgrade(engine)
    await engine.dispose()
    connector = FakeConnector()
    connector.server = TestServer(connector.app(), host="127.0.0.1")
    await connector.server.start_server()
    settings = Settings(insecure_dev=True, database_url=database_url, _env_file=None)  # type: ignore[call-arg]
    app = create_app(settings, group, Overrides(clock=clock))
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        async with ClientSession() as http:
            yield Conversation(group, str(server.make_url("/api/messages")), connector, http, clock)
    finally:
        await server.close()
        await connector.server.close()
