"""Reading the dates and times people type: "2027-02-11", "08:30-10:00"."""

from __future__ import annotations

import re
from datetime import date, time

from bot.domain.errors import DomainError

_TIMES = re.compile(r"^(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})$")


def parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_times(text: str) -> tuple[time, time]:
    match = _TIMES.match(text.strip())
    if not match:
        raise DomainError("plan.bad_times", given=text)
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    try:
        return time(h1, m1), time(h2, m2)
    except ValueError as error:
        raise DomainError("plan.bad_times", given=text) from error


def split_day(args: str) -> tuple[date | None, str]:
    """An optional leading date, and the rest."""
    first, _, rest = args.strip().partition(" ")
    day = parse_day(first)
    return (day, rest.strip()) if day else (None, args.strip())
