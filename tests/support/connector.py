"""A fake Bot Connector on loopback: receives what the bot sends, as Teams' connector would."""

from __future__ import annotations

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
    id: str = ""


@dataclass
class FakeConnector:
    sent: list[Sent] = field(default_factory=list)
    server: TestServer | None = None
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    failures: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    refused: int = 0

    def fail_next(self, status: int, times: int = 1, retry_after: str | None = None) -> None:
        """The next `times` sends are answered with `status` (and Retry-After, if given)."""
        headers = {"Retry-After": retry_after} if retry_after is not None else {}
        self.failures.extend([(status, headers)] * times)

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
        if self.failures:
            status, headers = self.failures.pop(0)
            self.refused += 1
            return web.json_response(
                {"error": {"code": "Throttled", "message": "no"}}, status=status, headers=headers
            )
        # Like Teams: a post gets a new id, an update keeps the one it replaces.
        activity_id = request.match_info["aid"] if request.method == "PUT" else f"sent-{next(self._ids)}"
        self.sent.append(
            Sent(
                request.method,
                request.path,
                request.match_info["cid"],
                activity,
                dict(request.headers),
                activity_id,
            )
        )
        return web.json_response({"id": activity_id})
