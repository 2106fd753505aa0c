"""A cancellation outside the formalia is kept on SQLite and PostgreSQL, and older databases upgrade."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from bot.domain.meetings import MeetingState
from bot.services.ports.meetings import NewMeeting
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from bot.storage.tables import agenda_items, meetings
from bot.storage.unit_of_work import SqlUnitOfWorkFactory

T0 = datetime(2027, 2, 11, 7, 30, tzinfo=UTC)


def _meeting(day: int, **kw: object) -> dict[str, object]:
    starts = T0 + timedelta(days=day)
    return {"starts_at": starts, "ends_at": starts + timedelta(hours=1), "place": "Teams", **kw}


async def test_a_database_with_meetings_and_items_upgrades_and_old_cancellations_read_as_within(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    try:
        await upgrade(engine, "0008_handled_activities")
        async with engine.begin() as connection:  # rows as the bot before this upgrade wrote them
            kept = await connection.execute(insert(meetings).values(**_meeting(0, state="planned")))
            kept_id = kept.inserted_primary_key[0]
            old = _meeting(60, state="cancelled", cancel_reason="Inga punkter på dagordningen.")
            gone_id = (await connection.execute(insert(meetings).values(**old))).inserted_primary_key[0]
            item = {
                "title": "Budget",
                "text": "",
                "submitted_by": "aad",
                "submitted_at": T0,
                "state": "on_agenda",
            }
            await connection.execute(insert(agenda_items).values(meeting_id=kept_id, **item))
        await upgrade(engine)  # agenda items point at `meetings`: the upgrade must not copy the table
        store = SqlUnitOfWorkFactory(engine)
        async with store() as uow:
            gone = await uow.meetings.get(gone_id)
            assert await uow.meetings.cancel(kept_id, "Ordföranden är sjuk", outside_formalia=True)
            later = await uow.meetings.add(
                NewMeeting(T0 + timedelta(days=90), T0 + timedelta(days=91), "Teams", None)
            )
            assert await uow.meetings.cancel(later.id, "Inga punkter.", outside_formalia=False)
            await uow.commit()
        async with store() as uow:
            cancelled, within = await uow.meetings.get(kept_id), await uow.meetings.get(later.id)
    finally:
        await engine.dispose()
    assert gone is not None and gone.is_cancelled and not gone.cancelled_outside_formalia
    assert cancelled is not None and cancelled.state is MeetingState.CANCELLED
    assert (cancelled.cancel_reason, cancelled.cancelled_outside_formalia) == ("Ordföranden är sjuk", True)
    assert within is not None and within.is_cancelled and not within.cancelled_outside_formalia
