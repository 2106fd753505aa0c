"""Meetings of the year plan and their states."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class MeetingState(StrEnum):
    PLANNED = "planned"
    AGENDA_PUBLISHED = "agenda_published"
    NOTICE_FIXED = "notice_fixed"
    HELD = "held"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Meeting:
    id: int
    starts_at: datetime  # aware, UTC
    ends_at: datetime  # aware, UTC
    state: MeetingState = MeetingState.PLANNED
    place: str = "Teams"
    cancel_reason: str | None = None
    cancelled_outside_formalia: bool = False  # cancelled although §3 did not allow it (items, or too early)
    plan_key: str | None = None  # the group file's year-plan line it came from (its date)

    @property
    def is_cancelled(self) -> bool:
        return self.state is MeetingState.CANCELLED
