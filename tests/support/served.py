"""A bot served as its own process: a free port for it, and waiting until it answers."""

from __future__ import annotations

import asyncio
import socket

from aiohttp import ClientSession


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def until_healthy(base: str) -> None:
    """Until `base`/healthz answers 200 (the process listens once it has said so on its first line)."""
    async with ClientSession() as http:
        for _ in range(200):
            try:
                async with http.get(base + "/healthz") as response:
                    if response.status == 200:
                        return
            except OSError:
                await asyncio.sleep(0.05)
    raise AssertionError(f"{base}/healthz never answered")
