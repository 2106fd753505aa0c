"""A fake Bot Connector on loopback: receives what the bot sends, as Teams' connector would."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer


@dataclass
class Sent:
    method: str
    path: str
    conversation_id: str
    activity: dict[str, Any]
    headers: dict[str, str]


@dataclass
class FakeConnector:
    sent: list[Sent] = field(default_factory=list)
    server: TestServer | None = None
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _arrived: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def url(self) -> str:
        assert self.server is not None
        return str(self.server.make_url("/")).rstrip("/") + "/"

    def texts(self, conversation_id: str | None = None) -> list[str]:
        return [
            s.activity.get("text") or ""
            for s in self.sent
            if conversation_id is None or s.conversation_id == conversation_id
        ]

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/v3/conversations/{cid}/activities", self._post)
        app.router.add_post("/v3/conversations/{cid}/activities/{aid}", self._post)
        app.router.add_put("/v3/conversations/{cid}/activities/{aid}", self._post)
        return app

    async def _post(self, request: web.Request) -> web.Response:
        activity = await request.json()
        self.sent.append(
            Sent(request.method, request.path, request.match_info["cid"], activity, dict(request.headers))
        )
        self._arrived.set()
        return web.json_response({"id": f"sent-{next(self._ids)}"})
