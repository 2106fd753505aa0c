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
class Publication:
    """Where the adjusted protocols are published: the bot's public pages, and the team's files."""

    public_url: str = "http://127.0.0.1:3978"  # absolute links in cards, mail and the feed
    upload_folder: str | None = None  # the team's folder (drive item id) for the PDF; None: no upload


@dataclass(frozen=True)
class Context:
    group: Group
    clock: Clock
    uow: UnitOfWorkFactory
    publication: Publication = Publication()

    @property
    def tz(self) -> tzinfo:
        return ZoneInfo(self.group.timezone)
