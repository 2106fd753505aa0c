"""Each activity is handled once, however often Teams delivers it.

Teams delivers an activity again, with the same id, when the bot's answer did not reach it
in time: usually while the first delivery is still being handled. The first delivery records
the activity's id for its conversation (committed before any work, so a second process sees
it too), and a delivery that finds it recorded does nothing. Ids are kept for a day, long
past Teams' last try; older ones are forgotten about once an hour by each process.

The ids that arrive while one record's transaction is under way are recorded together in the
next (`GroupCommit`): twenty people pressing at once share one commit rather than queueing
for twenty.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.services.context import Context
from bot.services.group_commit import GroupCommit

KEEP = timedelta(days=1)
FORGET_EVERY = timedelta(hours=1)

Delivery = tuple[str, str]  # (conversation id, activity id)


class Once:
    def __init__(self, ctx: Context) -> None:
        self._ctx = ctx
        self._forgotten_at: datetime | None = None
        self._records: GroupCommit[None, Delivery, bool] = GroupCommit()

    async def first_delivery(self, conversation_id: str | None, activity_id: str | None) -> bool:
        """Whether this is the first delivery of the activity; an activity without an id always is."""
        if not activity_id or not conversation_id:
            return True
        return await self._records.submit(None, (conversation_id, activity_id), self._record)

    async def _record(self, _: None, deliveries: Sequence[Delivery]) -> list[bool]:
        now = self._ctx.clock.now()
        async with self._ctx.uow() as uow:
            first = await uow.activities.first_deliveries(deliveries, now)
            if self._forgotten_at is None or now - self._forgotten_at >= FORGET_EVERY:
                await uow.activities.forget_before(now - KEEP)
                self._forgotten_at = now
            await uow.commit()
        # The same id twice in one batch (delivered again before the first was recorded): the
        # first of them is the first delivery.
        seen: set[Delivery] = set()
        answers = []
        for delivery in deliveries:
            answers.append(delivery in first and delivery not in seen)
            seen.add(delivery)
        return answers
