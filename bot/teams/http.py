"""The HTTP endpoints: Bot Framework messages and a health check."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from botbuilder.core import Bot
from msrest.exceptions import DeserializationError

from bot.teams.adapter import TeamsAdapter
from bot.teams.shape import malformed

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def messages_endpoint(adapter: TeamsAdapter, bot: Bot) -> Handler:
    async def messages(request: web.Request) -> web.StreamResponse:
        if "application/json" not in request.headers.get("Content-Type", ""):
            return web.json_response({"error": "Content-Type måste vara application/json"}, status=415)
        try:
            body = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            return web.json_response({"error": "ogiltig JSON"}, status=400)
        reason = malformed(body)
        if reason is not None:
            log.warning("refused a request that is not an activity: %s", reason)
            return web.json_response({"error": reason}, status=400)
        try:
            # The body is parsed once, here: the adapter reads the activity from it.
            return await adapter.process_body(request, body, bot)
        except DeserializationError as error:
            # Raised only while reading the incoming activity: errors inside the turn are
            # answered by the bot or by the adapter's on_turn_error.
            log.warning("refused an activity msrest could not read: %s", error)
            return web.json_response({"error": "aktiviteten kunde inte läsas"}, status=400)

    return messages


def health_endpoint(undelivered: Callable[[], Awaitable[int]]) -> Handler:
    """Up, and how many outbox messages failed for good: a monitor can alert when the count grows."""

    async def health(_: web.Request) -> web.Response:
        try:
            count = await undelivered()
        except Exception:  # the database out of reach: the process itself still answers
            log.warning("health: the outbox could not be counted", exc_info=True)
            return web.json_response({"status": "ok"})
        return web.json_response({"status": "ok", "undelivered": count})

    return health
