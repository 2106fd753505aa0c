"""The baseline: a bare aiohttp handler that parses the same JSON and answers a small card-sized JSON.

It runs on the event loop the bot runs on (uvloop where installed), so the two differ only
in what the handler does.
"""

from __future__ import annotations

import sys

from aiohttp import web

from bot.__main__ import event_loop


async def handle(request: web.Request) -> web.Response:
    body = await request.json()
    return web.json_response(
        {
            "statusCode": 200,
            "type": "application/vnd.microsoft.card.adaptive",
            "value": {"type": "AdaptiveCard", "echo": body.get("type")},
        }
    )


def main() -> None:
    app = web.Application()
    app.router.add_post("/api/messages", handle)
    app.router.add_get("/healthz", lambda _: web.json_response({"status": "ok"}))
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None, loop=event_loop())


if __name__ == "__main__":
    main()
