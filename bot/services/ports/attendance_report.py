"""The store of what the bot has looked up of each meeting's attendance report."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.domain.attendance_report import AttendanceReport, DifferenceKind, ReportCheck, ReportOutcome


class AttendanceReportRepository(Protocol):
    async def get(self, meeting_id: int) -> ReportCheck | None: ...

    async def claim_look(
        self, meeting_id: int, attempts: int, next_look_at: datetime | None, now: datetime
    ) -> bool:
        """Counts one look, if `attempts` looks were counted so far (compare-and-set); False if another
        process took this look, or the check is settled."""
        ...

    async def keep_online_meeting(self, meeting_id: int, online_meeting_id: str) -> None: ...

    async def settle(
        self,
        meeting_id: int,
        outcome: ReportOutcome,
        reports: tuple[AttendanceReport, ...],
        found: tuple[tuple[str, DifferenceKind], ...],
        now: datetime,
    ) -> bool:
        """What the looks came to, once; False if it was settled already."""
        ...
