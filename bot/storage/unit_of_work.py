"""One transaction per use case: repositories share one connection, committed once."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.storage.activities import SqlHandledActivities
from bot.storage.artifact_looks import SqlArtifactLooks
from bot.storage.attendance import SqlAttendance
from bot.storage.attendance_report import SqlAttendanceReports
from bot.storage.conversations import SqlConversations
from bot.storage.items import SqlItems
from bot.storage.meeting_day import SqlMeetingDays
from bot.storage.meeting_progress import SqlMeetingProgress
from bot.storage.meetings import SqlMeetings
from bot.storage.outbox import SqlOutbox
from bot.storage.protocol import SqlProtocols
from bot.storage.recording import SqlRecordings
from bot.storage.transcripts import SqlTranscripts
from bot.storage.votes import SqlVotes


class SqlUnitOfWork:
    """One connection and one transaction. Never open a second one inside it: on SQLite the
    engine hands out its single connection in turn (see `make_engine`), so that would wait forever."""

    meetings: SqlMeetings
    items: SqlItems
    conversations: SqlConversations
    outbox: SqlOutbox
    attendance: SqlAttendance
    meeting_days: SqlMeetingDays
    votes: SqlVotes
    protocols: SqlProtocols
    recordings: SqlRecordings
    attendance_reports: SqlAttendanceReports
    activities: SqlHandledActivities
    meeting_progress: SqlMeetingProgress
    transcripts: SqlTranscripts
    artifact_looks: SqlArtifactLooks

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._connection: AsyncConnection | None = None

    async def __aenter__(self) -> Self:
        self._connection = await self._engine.connect()
        await self._connection.begin()
        self.meetings = SqlMeetings(self._connection)
        self.items = SqlItems(self._connection)
        self.conversations = SqlConversations(self._connection)
        self.outbox = SqlOutbox(self._connection)
        self.attendance = SqlAttendance(self._connection)
        self.meeting_days = SqlMeetingDays(self._connection)
        self.votes = SqlVotes(self._connection)
        self.protocols = SqlProtocols(self._connection)
        self.recordings = SqlRecordings(self._connection)
        self.attendance_reports = SqlAttendanceReports(self._connection)
        self.activities = SqlHandledActivities(self._connection)
        self.meeting_progress = SqlMeetingProgress(self._connection)
        self.transcripts = SqlTranscripts(self._connection)
        self.artifact_looks = SqlArtifactLooks(self._connection)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        assert self._connection is not None
        try:
            # Whatever was not committed explicitly is rolled back: nothing half-written.
            if self._connection.in_transaction():
                await self._connection.rollback()
        finally:
            await self._connection.close()
            self._connection = None

    async def commit(self) -> None:
        assert self._connection is not None
        await self._connection.commit()


class SqlUnitOfWorkFactory:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    def __call__(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine)
