"""A checked token is remembered until it expires (with the leeway), and never past it."""

from __future__ import annotations

from bot.edge.known_tokens import KnownTokens


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_a_token_is_known_until_its_expiry_and_the_leeway_then_forgotten() -> None:
    clock = Clock(1_000.0)
    known: KnownTokens[str, str] = KnownTokens(leeway=300, clock=clock)
    known.put("token", "claims", expires=2_000.0)
    assert known.get("token") == "claims"
    clock.now = 2_300.0
    assert known.get("token") == "claims"  # within the leeway, as the full check would allow
    clock.now = 2_300.5
    assert known.get("token") is None
    assert len(known) == 0
    assert known.get("never seen") is None


def test_past_its_size_the_oldest_tokens_are_forgotten_first() -> None:
    known: KnownTokens[int, int] = KnownTokens(leeway=0, size=8, clock=Clock(0.0))
    for n in range(9):
        known.put(n, n, expires=100.0)
    assert len(known) <= 8
    assert known.get(0) is None  # the oldest went
    assert known.get(8) == 8  # the newest stays
