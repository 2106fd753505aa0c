"""What every use case is given: the group, its clock and its store."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from bot.domain.group import Group
from bot.services.ballot_box import BallotBox
from bot.services.ports.delivery import Files
from bot.services.ports.meeting_artifacts import MeetingArtifacts
from bot.services.ports.store import Clock, UnitOfWorkFactory
from bot.services.ports.transcripts import Transcripts


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
    files: Files | None = None  # the recording is looked up as it is registered
    artifacts: MeetingArtifacts | None = None  # the Teams meeting's attendance report, after it
    transcripts: Transcripts | None = None  # where `transkription` reads the meeting's transcript
    # One per process: the ballots that arrive together are counted together. Its answers are
    # `votes.BallotAccepted`, typed there: the context does not know the use cases it serves.
    ballots: BallotBox[Any] = field(default_factory=BallotBox, compare=False)

    @property
    def tz(self) -> tzinfo:
        return ZoneInfo(self.group.timezone)
