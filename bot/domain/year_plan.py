"""Changes to the year plan: the rules a new or moved meeting must keep."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo

from .errors import DomainError
from .meetings import Meeting

MAX_REASON = 500


def check_slot(
    meetings: Sequence[Meeting],
    starts_at: datetime,
    ends_at: datetime,
    now: datetime,
    tz: tzinfo,
    *,
    moving: int | None = None,
) -> None:
    """A meeting must end after it starts, lie in the future and not share its (local) day with another."""
    if ends_at <= starts_at:
        raise DomainError("plan.ends_before_start")
    if starts_at <= now:
        raise DomainError("plan.in_the_past")
    day = starts_at.astimezone(tz).date()
    for other in meetings:
        if other.id != moving and not other.is_cancelled and other.starts_at.astimezone(tz).date() == day:
            raise DomainError("plan.day_taken", day=day.isoformat())


def check_reason(reason: str) -> str:
    cleaned = " ".join(reason.split())
    if not cleaned:
        raise DomainError("meeting.reason_missing")
    if len(cleaned) > MAX_REASON:
        raise DomainError("meeting.reason_too_long", limit=MAX_REASON, length=len(cleaned))
    return cleaned
