"""A fake Bot Connector on loopback: receives what the bot sends, as Teams' connector would."""

from __future__ import annotations

import asyncio
import itertools
import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer

TEAMS_MESSAGE_BYTES = 28 * 1024  # Teams' limit on a message's text and cards together


def _content_bytes(activity: dict[str, Any]) -> int:
    text = activity.get("text") or ""
    return len(str(text).encode()) + len(json.dumps(activity.get("attachments") or []).encode())


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
    hanging: int = 0  # sends still to be left hanging
    hung: int = 0  # sends that were
    _let_go: asyncio.Event = field(default_factory=asyncio.Event)
    _hanging_now: asyncio.Event = field(default_factory=asyncio.Event)

    def fail_next(self, status: int, times: int = 1, retry_after: str | None = None) -> None:
        """The next `times` sends are answered with `status` (and Retry-After, if given)."""
        headers = {"Retry-After": retry_after} if retry_after is not None else {}
        self.failures.extend([(status, headers)] * times)

    def hang_next(self, times: int = 1) -> None:
        """The next `times` sends get no answer until `let_go`, and are then dropped unprocessed."""
        self.hanging += times

    def let_go(self) -> None:
        self._let_go.set()

    async def until_hanging(self) -> None:
        """Returns once a send is being left hanging."""
        await self._hanging_now.wait()

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
        # Any characters but "/" in the ids: aiohttp's default pattern refuses braces.
        app.router.add_post("/v3/conversations/{cid:[^/]+}/activities", self._post)
        app.router.add_post("/v3/conversations/{cid:[^/]+}/activities/{aid:[^/]+}", self._post)
        app.router.add_put("/v3/conversations/{cid:[^/]+}/activities/{aid:[^/]+}", self._post)
        return app

    async def _post(self, request: web.Request) -> web.Response:
        activity = await request.json()
        nulls = sorted(key for key, value in activity.items() if value is None)
        if nulls:
            # As the Agents Playground's connector does: a field sent as null is a bad request.
            self.refused += 1
            refusal = {"error": {"code": "BadArgument", "message": f"null: {nulls}"}}
            return web.json_response(refusal, status=400)
        if _content_bytes(activity) > TEAMS_MESSAGE_BYTES:
            # As Teams does: a message bigger than its limit is refused, not cut.
            self.refused += 1
            return web.json_response({"error": {"code": "MessageSizeTooBig", "message": "no"}}, status=413)
        if self.hanging:
            self.hanging -= 1
            self.hung += 1
            self._hanging_now.set()
            await self._let_go.wait()  # long after the client stopped waiting
            return web.json_response({"error": {"code": "Timeout", "message": "no"}}, status=504)
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
