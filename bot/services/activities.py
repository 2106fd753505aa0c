"""Each activity is handled once, however often Teams delivers it.

Teams delivers an activity again, with the same id, when the bot's answer did not reach it
in time: usually while the first delivery is still being handled. The first delivery records
the activity's id for its conversation (committed before any work, so a second process sees
it too), and a delivery that finds it recorded does nothing. Ids are kept for a day, long
past Teams' last try; older ones are forgotten about once an hour by each process.

The ids that arrive while one record's transaction is under way are recorded together in the
next (`GroupCommit`): twenty people pressing at once share one commit rather than queueing
for twenty. A use case that has a transaction of its own for each batch (the ballots of a
vote) records its activities' ids in it instead (`record_deliveries`): the ballot and the
record of its activity are then committed together, or neither is.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.services.context import Context
from bot.services.group_commit import GroupCommit
from bot.services.ports.store import UnitOfWork

KEEP = timedelta(days=1)
FORGET_EVERY = timedelta(hours=1)

Delivery = tuple[str, str]  # (conversation id, activity id)


class DeliveredAgain(Exception):
    """The activity has been handled already, or is being handled: Teams delivered it again."""


async def record_deliveries(uow: UnitOfWork, deliveries: Sequence[Delivery], now: datetime) -> list[bool]:
    """Records the activities in the unit of work; for each, whether it is its first delivery.

    The same id twice among them (delivered again before the first was recorded): the first
    of them is the first delivery.
    """
    first = await uow.activities.first_deliveries(deliveries, now) if deliveries else set()
    seen: set[Delivery] = set()
    answers = []
    for delivery in deliveries:
        answers.append(delivery in first and delivery not in seen)
        seen.add(delivery)
    return answers


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
            answers = await record_deliveries(uow, deliveries, now)
            if self._forgotten_at is None or now - self._forgotten_at >= FORGET_EVERY:
                await uow.activities.forget_before(now - KEEP)
                self._forgotten_at = now
            await uow.commit()
        return answers
