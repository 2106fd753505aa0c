"""Teams' per-conversation limits, kept by the limiter on a clock the test drives."""

from __future__ import annotations

import asyncio

from bot.edge.ratelimit import TEAMS_WINDOWS, ConversationLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def send_times(count: int, conversations: int = 1) -> dict[str, list[float]]:
    clock = Clock()
    limiter = ConversationLimiter(TEAMS_WINDOWS, clock, clock.sleep)
    times: dict[str, list[float]] = {f"c{i}": [] for i in range(conversations)}

    async def send_all() -> None:
        for _ in range(count):
            for key in times:
                await limiter.wait(key)
                times[key].append(clock.now)

    asyncio.run(send_all())
    return times


def within(times: list[float], seconds: float) -> int:
    """The most sends in any window of `seconds`."""
    return max(sum(1 for t in times if start <= t < start + seconds) for start in times)


def test_no_window_is_ever_exceeded() -> None:
    [times] = send_times(130).values()
    assert within(times, 1.0) <= 7
    assert within(times, 2.0) <= 8
    assert within(times, 30.0) <= 60


def test_the_first_sends_go_out_at_once() -> None:
    [times] = send_times(7).values()
    assert times == [1000.0] * 7


def test_sixty_one_sends_take_just_over_thirty_seconds_not_more() -> None:
    [times] = send_times(61).values()
    assert 30.0 <= times[-1] - times[0] <= 31.0


def test_conversations_are_limited_separately() -> None:
    times = send_times(7, conversations=3)
    assert all(t == [1000.0] * 7 for t in times.values())
