"""The year plan's meetings: rows in, domain objects out."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, bindparam, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.meetings import Meeting, MeetingState
from bot.services.ports.meetings import NewMeeting
from bot.storage.tables import meetings


def _meeting(row: Row[Any]) -> Meeting:
    return Meeting(
        id=row.id,
        starts_at=row.starts_at,
        ends_at=row.ends_at,
        state=MeetingState(row.state),
        place=row.place,
        cancel_reason=row.cancel_reason,
        cancelled_outside_formalia=row.cancelled_outside_formalia,
        plan_key=row.plan_key,
    )


def _planned(meeting: NewMeeting) -> dict[str, Any]:
    return {
        "plan_key": meeting.plan_key,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "state": MeetingState.PLANNED.value,
        "place": meeting.place,
    }


_ALL_MEETINGS = select(meetings).order_by(meetings.c.starts_at)
# Built once: every change on the meeting day reads the first, every scheduler round the second
# (see `upsert_statement` for why).
_ENDING_AFTER = (
    select(meetings)
    .where(meetings.c.ends_at > bindparam("moment", type_=meetings.c.ends_at.type))
    .order_by(meetings.c.starts_at)
)
_WATCHED = (
    select(meetings)
    .where(meetings.c.state != MeetingState.CANCELLED.value)
    .where(
        or_(
            meetings.c.state != MeetingState.HELD.value,
            meetings.c.ends_at >= bindparam("ended_since", type_=meetings.c.ends_at.type),
        )
    )
    .order_by(meetings.c.starts_at)
)


class SqlMeetings:
    def __init__(self, connection: AsyncConnection) -> None:
        self._db = connection

    async def all(self) -> list[Meeting]:
        rows = await self._db.execute(_ALL_MEETINGS)
        return [_meeting(row) for row in rows]

    async def ending_after(self, moment: datetime) -> list[Meeting]:
        rows = await self._db.execute(_ENDING_AFTER, {"moment": moment})
        return [_meeting(row) for row in rows]

    async def watched(self, ended_since: datetime) -> list[Meeting]:
        rows = await self._db.execute(_WATCHED, {"ended_since": ended_since})
        return [_meeting(row) for row in rows]

    async def get(self, meeting_id: int) -> Meeting | None:
        row = (await self._db.execute(select(meetings).where(meetings.c.id == meeting_id))).first()
        return _meeting(row) if row else None

    async def plan_keys(self) -> set[str]:
        rows = await self._db.execute(select(meetings.c.plan_key).where(meetings.c.plan_key.is_not(None)))
        return {key for (key,) in rows}

    async def add(self, meeting: NewMeeting) -> Meeting:
        result = await self._db.execute(insert(meetings).values(**_planned(meeting)).returning(*meetings.c))
        return _meeting(result.one())

    async def add_planned(self, meeting: NewMeeting) -> Meeting | None:
        # Two processes starting at once both find the plan's line new: the second one's insert
        # waits for the first to commit, then does nothing, and it leaves the invitation to it.
        insert = pg_insert if self._db.dialect.name == "postgresql" else sqlite_insert
        result = await self._db.execute(
            insert(meetings)
            .values(**_planned(meeting))
            .on_conflict_do_nothing(index_elements=["plan_key"])
            .returning(*meetings.c)
        )
        row = result.first()
        return _meeting(row) if row else None

    async def transition(
        self, meeting_id: int, sources: frozenset[MeetingState], target: MeetingState
    ) -> bool:
        # Compare-and-set on the state: of two schedulers, exactly one moves the meeting on.
        result = await self._db.execute(
            update(meetings)
            .where(meetings.c.id == meeting_id, meetings.c.state.in_([s.value for s in sources]))
            .values(state=target.value)
        )
        return result.rowcount == 1

    async def cancel(self, meeting_id: int, reason: str, *, outside_formalia: bool = False) -> bool:
        open_states = [MeetingState.PLANNED, MeetingState.AGENDA_PUBLISHED, MeetingState.NOTICE_FIXED]
        result = await self._db.execute(
            update(meetings)
            .where(meetings.c.id == meeting_id, meetings.c.state.in_([s.value for s in open_states]))
            .values(
                state=MeetingState.CANCELLED.value,
                cancel_reason=reason,
                cancelled_outside_formalia=outside_formalia,
            )
        )
        return result.rowcount == 1

    async def reschedule(self, meeting_id: int, starts_at: datetime, ends_at: datetime) -> bool:
        # A moved meeting starts its cycle again: its agenda and notice follow the new date.
        result = await self._db.execute(
            update(meetings)
            .where(meetings.c.id == meeting_id, meetings.c.state != MeetingState.CANCELLED.value)
            .where(meetings.c.state != MeetingState.HELD.value)
            .values(starts_at=starts_at, ends_at=ends_at, state=MeetingState.PLANNED.value)
        )
        return result.rowcount == 1
