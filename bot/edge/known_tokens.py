"""Bearer tokens already checked, remembered until they expire.

Teams (the Bot Framework's channel) signs a token for the bot and sends that same token with
every activity for up to an hour. Checking its RS256 signature anew each time was the
largest single cost of an answered vote; a token whose signature, issuer, audience and
expiry were checked once is as good the next time, until it expires. Only the checks that
depend on the activity (its channel, its service URL) are made again, by the caller.

Bounded: past `size` tokens the oldest are forgotten, so a flood of distinct (forged) tokens
costs each its full check and nothing more.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value")


class KnownTokens(Generic[Key, Value]):
    def __init__(self, *, leeway: float, size: int = 1024, clock: Callable[[], float] = time.time) -> None:
        self._leeway, self._size, self._clock = leeway, size, clock
        self._known: dict[Key, tuple[Value, float]] = {}

    def get(self, key: Key) -> Value | None:
        """What the check of this token gave, while the token is within its expiry (and leeway)."""
        known = self._known.get(key)
        if known is None:
            return None
        value, expires = known
        if self._clock() > expires + self._leeway:
            del self._known[key]
            return None
        return value

    def put(self, key: Key, value: Value, expires: float) -> None:
        """`expires`: the token's `exp`, seconds since the epoch."""
        if len(self._known) >= self._size:
            for old in list(self._known)[: self._size // 4]:
                del self._known[old]
        self._known[key] = (value, expires)

    def __len__(self) -> int:
        return len(self._known)
