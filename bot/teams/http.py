"""The HTTP endpoints: Bot Framework messages and a health check."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable

from aiohttp import web
from botbuilder.core import Bot
from botbuilder.integration.aiohttp import CloudAdapter

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def messages_endpoint(adapter: CloudAdapter, bot: Bot) -> Handler:
    async def messages(request: web.Request) -> web.StreamResponse:
        if "application/json" not in request.headers.get("Content-Type", ""):
            return web.json_response({"error": "Content-Type måste vara application/json"}, status=415)
        try:
            body = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            return web.json_response({"error": "ogiltig JSON"}, status=400)
        if not isinstance(body, dict) or not isinstance(body.get("type"), str):
            return web.json_response({"error": "en aktivitet (JSON-objekt med type) väntades"}, status=400)
        response = await adapter.process(request, bot)
        return response if response is not None else web.Response(status=201)

    return messages


async def health(_: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})
