"""What the composition root gets from either SDK's adapter: the endpoint's side and the sender."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.edge.delivery import Sender
from bot.edge.http import Adapter


async def _nothing() -> None:
    return None


@dataclass(frozen=True)
class Edge:
    adapter: Adapter  # the messages endpoint's SDK side
    sender: Sender  # the outbox's posts and card updates
    aclose: Callable[[], Awaitable[None]] = _nothing  # what it holds open (its connector sessions)
