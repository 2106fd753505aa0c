"""A small closed-loop load generator: N clients, each sending its next request when the last answered."""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from aiohttp import ClientSession, TCPConnector

Request = Callable[[ClientSession, int, int], Awaitable[int]]  # (session, client, n) -> HTTP status


@dataclass(frozen=True)
class Result:
    name: str
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @classmethod
    def merged(cls, parts: list[Result]) -> Result:
        """Several rounds of one load as one result."""
        return cls(
            parts[0].name,
            sum(p.requests for p in parts),
            sum(p.errors for p in parts),
            sum(p.seconds for p in parts),
            [latency for p in parts for latency in p.latencies_ms],
        )

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    def line(self) -> str:
        return (
            f"{self.name:<28} {self.rate:>9.0f} req/s   p50 {self.percentile(50):6.1f} ms   "
            f"p99 {self.percentile(99):6.1f} ms   errors {self.errors}   "
            f"({self.requests} in {self.seconds:.1f} s)"
        )


async def run(name: str, clients: int, seconds: float, request: Request) -> Result:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def client(index: int, session: ClientSession) -> None:
        nonlocal errors
        n = 0
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            status = await request(session, index, n)
            latencies.append((time.perf_counter() - started) * 1000)
            errors += status >= 300
            n += 1

    started = time.perf_counter()
    async with ClientSession(connector=TCPConnector(limit=clients)) as session:
        await asyncio.gather(*(client(i, session) for i in range(clients)))
    return Result(name, len(latencies), errors, time.perf_counter() - started, latencies)


def ratio(bot: Result, bare: Result) -> str:
    return (
        f"bot / bare aiohttp: {bot.rate / bare.rate:.1%} of the throughput; "
        f"p99 {bot.percentile(99):.1f} ms vs {bare.percentile(99):.1f} ms; "
        f"median {statistics.median(bot.latencies_ms):.1f} ms"
    )
