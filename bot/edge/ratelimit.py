"""Teams' per-conversation send limits (7 in 1 s, 8 in 2 s, 60 in 30 s), kept before each send."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable

TEAMS_WINDOWS: tuple[tuple[int, float], ...] = ((7, 1.0), (8, 2.0), (60, 30.0), (1800, 3600.0))


class ConversationLimiter:
    """Sliding windows per conversation; `wait` returns when one more send keeps every window.

    Held in memory per process: with several processes each keeps its own count, which is
    why the outbox sends one target's messages from one process at a time.
    """

    def __init__(
        self,
        windows: tuple[tuple[int, float], ...] = TEAMS_WINDOWS,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._windows = windows
        self._clock = clock
        self._sleep = sleep
        self._sent: dict[str, deque[float]] = defaultdict(deque)
        self._locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    def delay(self, key: str) -> float:
        now, sent = self._clock(), self._sent[key]
        longest = max(seconds for _, seconds in self._windows)
        while sent and sent[0] <= now - longest:
            sent.popleft()
        wait = 0.0
        for limit, seconds in self._windows:
            recent = [t for t in sent if t > now - seconds]
            if len(recent) >= limit:
                wait = max(wait, recent[-limit] + seconds - now)
        return wait

    async def wait(self, key: str) -> None:
        async with self._locks[key]:
            while (delay := self.delay(key)) > 0:
                await self._sleep(delay)
            self._sent[key].append(self._clock())
