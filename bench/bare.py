"""The baseline: a bare aiohttp handler that parses the same JSON and answers a small card-sized JSON."""

from __future__ import annotations

import sys

from aiohttp import web


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
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None, access_log=None)


if __name__ == "__main__":
    main()
