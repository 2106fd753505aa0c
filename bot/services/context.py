"""What every use case is given: the group, its clock and its store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from zoneinfo import ZoneInfo

from bot.domain.group import Group
from bot.services.ports import Clock, UnitOfWorkFactory


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass(frozen=True)
class Context:
    group: Group
    clock: Clock
    uow: UnitOfWorkFactory

    @property
    def tz(self) -> tzinfo:
        return ZoneInfo(self.group.timezone)
