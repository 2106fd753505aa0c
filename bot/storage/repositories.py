"""Repositories: rows in, domain objects out."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Row, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.items import AgendaItem, ItemState
from bot.domain.meetings import Meeting, MeetingState
from bot.services.ports import NewItem, NewMeeting
from bot.storage.meeting_day import insert_if_absent
from bot.storage.tables import agenda_items, conversations, meetings


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


def _item(row: Row[Any]) -> AgendaItem:
    return AgendaItem(
        id=row.id,
        meeting_id=row.meeting_id,
        title=row.title,
        text=row.text,
        submitted_by=row.submitted_by,
        submitted_at=row.submitted_at,
        state=ItemState(row.state),
        late_for_meeting_id=row.late_for_meeting_id,
    )


# Built once: every change on the meeting day reads it (see `upsert_statement` for why).
_ALL_MEETINGS = select(meetings).order_by(meetings.c.starts_at)


class SqlMeetings:
    def __init__(self, connection: AsyncConnection) -> None:
        self._db = connection

    async def all(self) -> list[Meeting]:
        rows = await self._db.execute(_ALL_MEETINGS)
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


class SqlItems:
    def __init__(self, connection: AsyncConnection) -> None:
        self._db = connection

    async def add(self, item: NewItem) -> AgendaItem:
        result = await self._db.execute(
            insert(agenda_items)
            .values(
                meeting_id=item.meeting_id,
                late_for_meeting_id=item.late_for_meeting_id,
                title=item.title,
                text=item.text,
                submitted_by=item.submitted_by,
                submitted_at=item.submitted_at,
                state=item.state.value,
            )
            .returning(*agenda_items.c)
        )
        return _item(result.one())

    async def get(self, item_id: int) -> AgendaItem | None:
        row = (await self._db.execute(select(agenda_items).where(agenda_items.c.id == item_id))).first()
        return _item(row) if row else None

    async def move(self, item_id: int, meeting_id: int | None, state: ItemState) -> None:
        await self._db.execute(
            update(agenda_items)
            .where(agenda_items.c.id == item_id)
            .values(meeting_id=meeting_id, state=state.value)
        )

    async def for_meeting(
        self, meeting_id: int, states: Sequence[ItemState] = (ItemState.ON_AGENDA,)
    ) -> list[AgendaItem]:
        rows = await self._db.execute(
            select(agenda_items)
            .where(agenda_items.c.meeting_id == meeting_id)
            .where(agenda_items.c.state.in_([s.value for s in states]))
            .order_by(agenda_items.c.submitted_at, agenda_items.c.id)
        )
        return [_item(row) for row in rows]


class SqlConversations:
    def __init__(self, connection: AsyncConnection) -> None:
        self._db = connection

    async def remember(
        self, conversation_id: str, kind: str, aad_id: str | None, reference: dict[str, Any], now: datetime
    ) -> bool:
        """Stores where the conversation lives; True when the bot had not known it before."""
        values = {"kind": kind, "aad_id": aad_id, "reference": reference, "updated_at": now}
        this = conversations.c.conversation_id == conversation_id
        known = update(conversations).where(this).values(**values)
        if (await self._db.execute(known)).rowcount:
            return False
        # Two first messages from one conversation at once (PostgreSQL runs them side by side):
        # one inserts, the other finds the row there and updates it, and only one says "new".
        first = insert_if_absent(self._db, conversations, {"conversation_id": conversation_id, **values})
        if (await self._db.execute(first)).rowcount:
            return True
        await self._db.execute(known)
        return False

    async def personal_of(self, aad_id: str) -> str | None:
        row = (
            await self._db.execute(
                select(conversations.c.conversation_id)
                .where(conversations.c.aad_id == aad_id, conversations.c.kind == "personal")
                .order_by(conversations.c.updated_at.desc())
                .limit(1)
            )
        ).first()
        return str(row.conversation_id) if row else None

    async def get(self, conversation_id: str) -> dict[str, Any] | None:
        """The reference of one conversation; "*" asks for the most recently seen of any."""
        query = select(conversations.c.reference)
        if conversation_id == "*":
            query = query.order_by(conversations.c.updated_at.desc())
        else:
            query = query.where(conversations.c.conversation_id == conversation_id)
        row = (await self._db.execute(query.limit(1))).first()
        return dict(row.reference) if row else None
