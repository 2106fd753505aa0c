"""A bot served as its own process: a free port for it, started, and waited for until it answers."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator, Sequence
from pathlib import Path

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


@contextlib.asynccontextmanager
async def serving(command: Sequence[str | Path], cwd: Path, env: dict[str, str]) -> AsyncIterator[str]:
    """`command serve` on a free port (authentication off), until the block ends; its base URL."""
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        *command,
        "serve",
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        env=env | {"BOT_INSECURE_DEV": "1", "BOT_PORT": str(port)},
    )
    try:
        assert process.stdout is not None
        first = (await asyncio.wait_for(process.stdout.readline(), timeout=60)).decode()
        assert f"lyssnar på http://127.0.0.1:{port}/api/messages" in first, first
        # The SDK it runs on, as the test asked (BOT_SDK; the Agents SDK when unsaid).
        second = (await asyncio.wait_for(process.stdout.readline(), timeout=60)).decode()
        assert f"(BOT_SDK={env.get('BOT_SDK', 'agents')})" in second, second
        # Read on, so that a chatty log never blocks the bot on a full pipe.
        drain = asyncio.create_task(process.stdout.read())
        base = f"http://127.0.0.1:{port}"
        await until_healthy(base)
        yield base
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), timeout=30)
    await drain
