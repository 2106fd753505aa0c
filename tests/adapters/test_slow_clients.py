"""Slow clients: hundreds of connections that send their headers or bodies byte by byte.

Before, a connection that never finished its request head was kept for aiohttp's keep-alive
time (an hour in `AppRunner`, 75 s in `run_app`) and one that never finished its body for
ever: a few hundred of them held as many sockets, and the bot's file descriptors, for good.
Now each is closed after BOT_HEADER_TIMEOUT_SECONDS or BOT_BODY_TIMEOUT_SECONDS (two seconds
here), and the bot answers everyone else in the meantime.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from yarl import URL

from bot.domain.group import Group
from tests.support.clock import FixedClock
from tests.support.harness import Conversation, running_bot
from tests.support.people import person

TIMEOUT = 2.0
SLOW = 300  # connections
DRIP = 0.1  # seconds between two bytes
BYTES = 100  # sent at most: ten seconds of dripping, long past the timeout
RESET = b"(reset)"


@pytest.fixture
async def bot(
    group: Group, sqlite_url: str, clock: FixedClock, tmp_path: Path
) -> AsyncIterator[Conversation]:
    timeouts = {"header_timeout_seconds": TIMEOUT, "body_timeout_seconds": TIMEOUT}
    async with running_bot(group, sqlite_url, clock, tmp_path / "var", settings=timeouts) as chat:
        yield chat


@dataclass
class Slow:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    opened: float


async def connect(url: URL, head: bytes) -> Slow:
    reader, writer = await asyncio.open_connection(url.host, url.port)
    writer.write(head)
    await writer.drain()
    return Slow(reader, writer, time.monotonic())


async def drip(slow: Slow, rest: bytes) -> tuple[float, bytes]:
    """Sends `rest` a byte at a time; how long after opening the bot closed, and what it said."""

    async def send() -> None:
        for byte in rest[:BYTES]:
            await asyncio.sleep(DRIP)  # the client's slowness, not a wait for the bot
            slow.writer.write(bytes([byte]))
            await slow.writer.drain()

    sending = asyncio.create_task(send())
    try:
        try:
            answer = await slow.reader.read()  # until the bot closes the connection
        except ConnectionResetError:  # closed with our last bytes unread: the kernel resets
            answer = RESET
        return time.monotonic() - slow.opened, answer
    finally:
        sending.cancel()
        await asyncio.gather(sending, return_exceptions=True)
        slow.writer.close()


async def slow_clients(url: URL, head: bytes, rest: bytes) -> list[asyncio.Task[tuple[float, bytes]]]:
    """SLOW connections, all open and their `head` sent, each now dripping `rest`."""
    opened = await asyncio.gather(*(connect(url, head) for _ in range(SLOW)))
    return [asyncio.create_task(drip(slow, rest)) for slow in opened]


async def answered_meanwhile(chat: Conversation, group: Group, slow: list[asyncio.Task[Any]]) -> None:
    assert "Det här kan du be mig om" in await chat.say(person(group, "Marika Lyman"), "hjälp")
    assert not any(task.done() for task in slow)  # answered while every slow connection was held


async def test_connections_that_send_their_headers_slowly_are_closed(bot: Conversation, group: Group) -> None:
    url = URL(bot.bot_url)
    head = b"POST /api/messages HTTP/1.1\r\n"
    rest = f"Host: {url.host}\r\nContent-Type: application/json\r\n".encode() + b"X-Slow: " + b"a" * BYTES
    slow = await slow_clients(url, head, rest)
    await answered_meanwhile(bot, group, slow)
    closed = await asyncio.wait_for(asyncio.gather(*slow), timeout=BYTES * DRIP / 2)
    assert all(TIMEOUT * 0.9 <= after < TIMEOUT + 3 for after, _ in closed), sorted(a for a, _ in closed)
    assert {answer for _, answer in closed} <= {b"", RESET}  # no request was read: nothing to answer


async def test_connections_that_send_their_body_slowly_are_closed_with_408(
    bot: Conversation, group: Group, caplog: pytest.LogCaptureFixture
) -> None:
    url = URL(bot.bot_url)
    body = b'{"type": "message", "text": "' + b"a" * BYTES + b'"}'
    head = (
        f"POST /api/messages HTTP/1.1\r\nHost: {url.host}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    slow = await slow_clients(url, head, body)
    await answered_meanwhile(bot, group, slow)
    closed = await asyncio.wait_for(asyncio.gather(*slow), timeout=BYTES * DRIP / 2)
    assert all(TIMEOUT * 0.9 <= after < TIMEOUT + 3 for after, _ in closed), sorted(a for a, _ in closed)
    # The 408 is written before the close; a client still sending may see only the reset.
    assert {answer[:13] for _, answer in closed} <= {b"HTTP/1.1 408 ", RESET}
    timed_out = [r for r in caplog.records if r.message.startswith("closed a connection whose body")]
    assert len(timed_out) == SLOW
    assert len(bot.connector.sent) == 1  # the normal request's answer, and only it
