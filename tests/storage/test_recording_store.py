"""The recording's rows on SQLite and PostgreSQL: a database from before the checks upgrades with its data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from bot.domain.recording import DeletionOutcome, DriveFile
from bot.services.ports.recording import DeletionEntry
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from bot.storage.tables import deletion_log, meetings, recordings
from bot.storage.unit_of_work import SqlUnitOfWorkFactory

STARTS = datetime(2026, 12, 10, 7, 30, tzinfo=UTC)
DUE = datetime(2027, 2, 10, 7, 30, tzinfo=UTC)
FILE = DriveFile("b!team", "01REC", "möte.mp4", 412_345_678, STARTS, '"{A},1"', True, True)


async def test_a_deletion_logged_before_the_upgrade_keeps_its_line_and_a_second_line_may_follow(
    database_url: str,
) -> None:
    engine = make_engine(database_url)
    try:
        await upgrade(engine, "0006_vote_day_end")  # the schema before the recording checks
        store = SqlUnitOfWorkFactory(engine)
        async with engine.begin() as connection:  # as the bot before the checks wrote them
            # The meeting as that schema holds it: today's repository would write today's columns.
            meeting_row = {"starts_at": STARTS, "ends_at": STARTS + timedelta(hours=1), "state": "planned"}
            created = await connection.execute(insert(meetings).values(**meeting_row, place="Teams"))
            meeting_id = created.inserted_primary_key[0]
            old = {
                "meeting_id": meeting_id,
                "link": "https://x/y",
                "registered_by": "aad",
                "registered_at": STARTS,
            }
            await connection.execute(
                insert(recordings).values(**old, deletion_ordered_at=DUE, deleted_at=DUE)
            )
            line = {"meeting_id": meeting_id, "what": "https://x/y", "rule": "r", "due_at": DUE}
            await connection.execute(insert(deletion_log).values(**line, ordered_at=DUE, deleted_at=DUE))
        await upgrade(engine)

        async with store() as uow:
            before = await uow.recordings.get(meeting_id)
            assert before is not None and (before.etag, before.outcome, before.deleted_at) == (
                None,
                None,
                DUE,
            )
            await uow.recordings.register(meeting_id, None, FILE, "aad", DUE)
            later = DUE + timedelta(days=1)
            await uow.recordings.log_ordered(
                DeletionEntry(meeting_id, "möte.mp4", "r", DUE, later, None, 9, "B")
            )
            assert await uow.recordings.log_outcome(meeting_id, DeletionOutcome.NOT_FOUND, later)
            assert not await uow.recordings.log_outcome(meeting_id, DeletionOutcome.DELETED, later)  # once
            await uow.commit()
        async with store() as uow:
            first, second = await uow.recordings.deletion_log()
            stored = await uow.recordings.get(meeting_id)
    finally:
        await engine.dispose()
    assert (first.outcome, first.deleted_at, first.size) == (None, DUE, None)
    assert (second.outcome, second.deleted_at, second.size, second.retention_decision) == (
        DeletionOutcome.NOT_FOUND, None, 9, "B",
    )  # fmt: skip
    assert stored is not None and (stored.etag, stored.name, stored.size) == (
        FILE.etag,
        "möte.mp4",
        412_345_678,
    )
    assert stored.outcome is DeletionOutcome.NOT_FOUND and stored.deleted_at is None
