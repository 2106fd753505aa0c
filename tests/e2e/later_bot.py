"""`python -m bot serve`, but with its clock E2E_CLOCK_AHEAD_MINUTES ahead.

The protocol of a meeting can only be submitted for adjustment three hours after the meeting's
end, and the e2e test has just held that meeting in the Playground. Restarted on the same database
with its clock ahead, the real bot sees the meeting over; everything else is as `serve` builds it.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime, timedelta

from aiohttp import web

from bot.app import Overrides, create_app
from bot.groupfile import load_group
from bot.settings import load_settings


class AheadClock:
    def __init__(self, ahead: timedelta) -> None:
        self._ahead = ahead

    def now(self) -> datetime:
        return datetime.now(UTC) + self._ahead


def main() -> None:
    ahead = timedelta(minutes=float(os.environ["E2E_CLOCK_AHEAD_MINUTES"]))
    settings = load_settings()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    group = load_group(settings.group_path)
    print(f"Styrgruppsboten med klockan {ahead} före, på {settings.host}:{settings.port}", flush=True)
    app = create_app(settings, group, Overrides(clock=AheadClock(ahead)))
    web.run_app(app, host=settings.host, port=settings.port, print=None)


if __name__ == "__main__":
    main()
