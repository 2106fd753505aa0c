"""The outbox worker: delivers what is due until stopped, one pass of `Delivery` at a time."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.services.outbox import Delivery

log = logging.getLogger(__name__)


async def run_worker(delivery: Delivery, stop: asyncio.Event, idle_seconds: float = 0.5) -> None:
    """Delivers until stopped; an error (e.g. the database restarting) costs one round, not the worker."""
    while not stop.is_set():
        try:
            delivered = await delivery.deliver_due()
        except Exception:
            log.exception("outbox round failed; trying again")
            delivered = 0
        if delivered == 0:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=idle_seconds)
