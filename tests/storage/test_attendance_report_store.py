"""The attendance report's row on SQLite and PostgreSQL: one look at a time, settled once, read back whole."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from bot.domain.attendance_report import (
    AttendanceRecord,
    AttendanceReport,
    DifferenceKind,
    Interval,
    ReportOutcome,
)
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from bot.storage.tables import meetings
from bot.storage.unit_of_work import SqlUnitOfWorkFactory

ENDS = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
REPORT = AttendanceReport(
    "c9b6db1c",
    ENDS - timedelta(minutes=92),
    ENDS + timedelta(minutes=3),
    2,
    (
        AttendanceRecord(
            "aad-1", "Marika Lyman", "marika.lyman@avesta.se", "Presenter", 842,
            (Interval(ENDS - timedelta(minutes=90), ENDS - timedelta(minutes=80), 600),
             Interval(None, None, 0)),
        ),
        AttendanceRecord(None, "Gäst", None, "Attendee", 60),
    ),
)  # fmt: skip


async def test_each_look_is_claimed_once_and_the_check_is_settled_once(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        await upgrade(engine)
        store = SqlUnitOfWorkFactory(engine)
        async with engine.begin() as connection:
            row = {
                "starts_at": ENDS - timedelta(minutes=90),
                "ends_at": ENDS,
                "state": "held",
                "place": "Teams",
            }
            meeting_id = (await connection.execute(insert(meetings).values(**row))).inserted_primary_key[0]

        async with store() as uow:
            assert await uow.attendance_reports.get(meeting_id) is None
            assert await uow.attendance_reports.claim_look(meeting_id, 0, ENDS + timedelta(minutes=45), ENDS)
            assert not await uow.attendance_reports.claim_look(meeting_id, 0, ENDS, ENDS)  # taken
            await uow.attendance_reports.keep_online_meeting(meeting_id, "MSpkYzE3")
            await uow.commit()
        async with store() as uow:
            check = await uow.attendance_reports.get(meeting_id)
            assert check is not None and (check.attempts, check.next_look_at, check.online_meeting_id) == (
                1,
                ENDS + timedelta(minutes=45),
                "MSpkYzE3",
            )
            found = (("aad-1", DifferenceKind.NOT_CHECKED_IN),)
            assert await uow.attendance_reports.settle(
                meeting_id, ReportOutcome.FOUND, (REPORT,), found, ENDS
            )
            assert not await uow.attendance_reports.settle(meeting_id, ReportOutcome.NO_REPORT, (), (), ENDS)
            assert not await uow.attendance_reports.claim_look(meeting_id, 1, None, ENDS)  # settled
            await uow.commit()
        async with store() as uow:
            settled = await uow.attendance_reports.get(meeting_id)
        assert settled is not None
        assert (settled.outcome, settled.settled_at, settled.next_look_at) == (
            ReportOutcome.FOUND,
            ENDS,
            None,
        )
        assert settled.reports == (REPORT,) and settled.found == found
    finally:
        await engine.dispose()
