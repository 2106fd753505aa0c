"""What the bot has looked up of each meeting's attendance report; the reports kept as plain JSON."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.attendance_report import (
    AttendanceRecord,
    AttendanceReport,
    DifferenceKind,
    Interval,
    ReportCheck,
    ReportOutcome,
)
from bot.storage.statements import insert_if_absent
from bot.storage.tables import attendance_reports

_TABLE = attendance_reports.c


def _moment(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _parsed(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def report_json(report: AttendanceReport) -> dict[str, Any]:
    return {
        "id": report.id,
        "started_at": _moment(report.started_at),
        "ended_at": _moment(report.ended_at),
        "participants": report.participants,
        "records": [
            {
                "aad_id": r.aad_id, "name": r.name, "email": r.email, "role": r.role, "seconds": r.seconds,
                "intervals": [[_moment(i.joined_at), _moment(i.left_at), i.seconds] for i in r.intervals],
            }
            for r in report.records
        ],
    }  # fmt: skip


def report_of(data: dict[str, Any]) -> AttendanceReport:
    records = tuple(
        AttendanceRecord(
            r["aad_id"], r["name"], r["email"], r["role"], int(r["seconds"]),
            tuple(Interval(_parsed(joined), _parsed(left), int(s)) for joined, left, s in r["intervals"]),
        )
        for r in data["records"]
    )  # fmt: skip
    return AttendanceReport(
        data["id"], _parsed(data["started_at"]), _parsed(data["ended_at"]), int(data["participants"]), records
    )


def _check(row: Row[Any]) -> ReportCheck:
    return ReportCheck(
        row.meeting_id, row.attempts, row.next_look_at, row.online_meeting_id,
        ReportOutcome(row.outcome) if row.outcome else None, row.settled_at,
        tuple(report_of(r) for r in row.reports or []),
        tuple((str(aad), DifferenceKind(kind)) for aad, kind in row.found or []),
    )  # fmt: skip


class SqlAttendanceReports:
    def __init__(self, connection: AsyncConnection) -> None:
        self._db = connection

    async def get(self, meeting_id: int) -> ReportCheck | None:
        row = (
            await self._db.execute(select(attendance_reports).where(_TABLE.meeting_id == meeting_id))
        ).first()
        return _check(row) if row else None

    async def claim_look(
        self, meeting_id: int, attempts: int, next_look_at: datetime | None, now: datetime
    ) -> bool:
        await self._db.execute(insert_if_absent(self._db, attendance_reports, {"meeting_id": meeting_id}))
        result = await self._db.execute(
            update(attendance_reports)
            .where(_TABLE.meeting_id == meeting_id, _TABLE.attempts == attempts, _TABLE.outcome.is_(None))
            .values(attempts=attempts + 1, next_look_at=next_look_at)
        )
        return result.rowcount == 1

    async def keep_online_meeting(self, meeting_id: int, online_meeting_id: str) -> None:
        await self._db.execute(
            update(attendance_reports)
            .where(_TABLE.meeting_id == meeting_id)
            .values(online_meeting_id=online_meeting_id)
        )

    async def settle(
        self,
        meeting_id: int,
        outcome: ReportOutcome,
        reports: tuple[AttendanceReport, ...],
        found: tuple[tuple[str, DifferenceKind], ...],
        now: datetime,
    ) -> bool:
        result = await self._db.execute(
            update(attendance_reports)
            .where(_TABLE.meeting_id == meeting_id, _TABLE.outcome.is_(None))
            .values(
                outcome=outcome.value,
                settled_at=now,
                next_look_at=None,
                reports=[report_json(r) for r in reports],
                found=[[aad, kind.value] for aad, kind in found],
            )
        )
        return result.rowcount == 1
