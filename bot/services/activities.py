"""Each activity is handled once, however often Teams delivers it.

Teams delivers an activity again, with the same id, when the bot's answer did not reach it
in time: usually while the first delivery is still being handled. The first delivery records
the activity's id for its conversation (committed before any work, so a second process sees
it too), and a delivery that finds it recorded does nothing. Ids are kept for a day, long
past Teams' last try; older ones are forgotten about once an hour by each process.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.services.context import Context

KEEP = timedelta(days=1)
FORGET_EVERY = timedelta(hours=1)


class Once:
    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._forgotten_at: datetime | None = None

    async def first_delivery(self, conversation_id: str | None, activity_id: str | None) -> bool:
        """Whether this is the first delivery of the activity; an activity without an id always is."""
        if not activity_id or not conversation_id:
            return True
        now = self._ctx.clock.now()
        async with self._ctx.uow() as uow:
            first = await uow.activities.first_delivery(conversation_id, activity_id, now)
            if self._forgotten_at is None or now - self._forgotten_at >= FORGET_EVERY:
                await uow.activities.forget_before(now - KEEP)
                self._forgotten_at = now
            await uow.commit()
        return first
