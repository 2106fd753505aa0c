"""The clock of the bot: one loop that asks the store what is due and has it done.

Nothing is remembered in memory between rounds: what is due follows from the stored
state and the time, so a restart, a missed hour or a second process changes nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.services.context import Context
from bot.services.cycle import run_due

log = logging.getLogger(__name__)


async def run_scheduler(ctx: Context, stop: asyncio.Event, interval_seconds: float = 30.0) -> None:
    while not stop.is_set():
        try:
            await run_due(ctx)
        except Exception:  # e.g. the database restarting: the next round tries again
            log.exception("scheduler round failed; trying again")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval_seconds)
