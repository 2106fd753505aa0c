"""SQLite's write-ahead log moved into the database beside the requests, not inside one of them.

By default the commit that finds the log past 1,000 pages copies it into the database and
flushes both, there and then: every few seconds of voting one batch of ballots waited a
checkpoint out, up to 0.7 s with a busy disk, and every voter pressing meanwhile waited
behind it. The bot's own connection now never checkpoints (`wal_autocheckpoint=0`, see
`bot.storage.engine`); a connection of its own does, every second, in a thread: a PASSIVE
checkpoint, which takes no lock a writer or a reader waits for, copies what no reader still
needs, and leaves the rest for the next round.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from pathlib import Path

log = logging.getLogger(__name__)

EVERY_SECONDS = 1.0


class Checkpointer:
    def __init__(self, database: Path) -> None:
        self._database = database
        self._connection: sqlite3.Connection | None = None

    def checkpoint(self) -> tuple[int, int, int]:
        """One PASSIVE checkpoint: (busy, frames in the log, frames now in the database)."""
        if self._connection is None:
            if not self._database.exists():  # not made yet: connecting would make it, without WAL
                return 0, 0, 0
            self._connection = sqlite3.connect(self._database, timeout=0, check_same_thread=False)
        busy, frames, moved = self._connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        if frames == -1:  # opened before the database was in WAL mode: open it again next round
            self.close()
            return int(busy), 0, 0
        return int(busy), int(frames), int(moved)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    async def run(self, stop: asyncio.Event, every: float = EVERY_SECONDS) -> None:
        try:
            while not stop.is_set():
                try:
                    await asyncio.to_thread(self.checkpoint)
                except sqlite3.Error as error:  # e.g. locked by a migration: the next round will do
                    log.warning("the SQLite checkpoint did not run: %s", error)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), every)
        finally:
            await asyncio.to_thread(self.close)
