"""The HTTP endpoints: Bot Framework messages and a health check, the same for either SDK.

What a request gets, in order, before any work: 401 without a bearer token when
authentication is on (nothing of the body is read); 415 for another content type; 408
and the connection closed for a body that does not arrive in time; 413 for a body over
the limit; 400 naming what is wrong for a body that is no JSON the bot can keep or no
activity it can answer, or one the SDK cannot read into its model. Then the SDK's adapter
checks the token against the activity (its channel and service URL: a body that cannot be
read cannot be checked), 401 if it fails. Only then does the bot read what the activity says.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from aiohttp import web

from bot.edge.incoming import Incoming, read_incoming
from bot.edge.json_body import BodyError, parse_body
from bot.edge.shape import malformed

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Unreadable(Exception):
    """The SDK could not read the body into its activity model: the caller's mistake, a 400."""


class Adapter(Protocol):
    """An SDK's side of the endpoint: checks the token, runs the turn, gives the HTTP answer."""

    async def answer(self, request: web.Request, body: dict[str, Any], incoming: Incoming) -> web.Response:
        """Raises `Unreadable` for a body its SDK cannot read, `web.HTTPUnauthorized` for a bad token."""
        ...


def messages_endpoint(adapter: Adapter, *, authenticated: bool, body_timeout: float) -> Handler:
    async def messages(request: web.Request) -> web.StreamResponse:
        if authenticated and not _bearer(request.headers.get("Authorization", "")):
            log.warning("refused a request without a bearer token")
            raise web.HTTPUnauthorized
        if "application/json" not in request.headers.get("Content-Type", ""):
            return web.json_response({"error": "Content-Type måste vara application/json"}, status=415)
        try:
            async with asyncio.timeout(body_timeout):
                raw = await request.read()  # over the app's client_max_size: 413
        except TimeoutError:
            log.warning("closed a connection whose body did not arrive within %s s", body_timeout)
            return await _answer_and_close(
                request, web.json_response({"error": "kroppen kom inte fram i tid"}, status=408)
            )
        try:
            body = parse_body(raw, request.charset or "utf-8")
        except BodyError as error:
            log.warning("refused a body that is no JSON the bot can keep: %s", error)
            return web.json_response({"error": str(error)}, status=400)
        reason = malformed(body)
        if reason is not None:
            log.warning("refused a request that is not an activity: %s", reason)
            return web.json_response({"error": reason}, status=400)
        try:
            # The body is parsed once, here: the adapter and the bot take what was read from it.
            return await adapter.answer(request, body, read_incoming(body))
        except Unreadable as error:
            log.warning("refused an activity the SDK could not read: %s", error)
            return web.json_response({"error": "aktiviteten kunde inte läsas"}, status=400)

    return messages


async def _answer_and_close(request: web.Request, response: web.StreamResponse) -> web.StreamResponse:
    """Writes `response` and closes the connection at once.

    Left to aiohttp, a connection whose body was not read to its end stays open for ten
    seconds more while it reads and drops the rest ("lingering"): for a client that is slow
    on purpose, ten more seconds of its connection.
    """
    await response.prepare(request)
    await response.write_eof()
    if request.protocol is not None:
        request.protocol.force_close()
    return response


def _bearer(header: str) -> bool:
    scheme, _, token = header.partition(" ")
    return scheme.lower() == "bearer" and bool(token.strip())


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
