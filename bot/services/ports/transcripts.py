"""The store of the transcript's excerpts, and where a transcript comes from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.domain.meetings import Meeting
from bot.domain.transcript import Excerpt


class TranscriptRepository(Protocol):
    async def replace(self, meeting_id: int, excerpts: Sequence[Excerpt]) -> None:
        """The meeting's excerpts, instead of any stored before."""
        ...

    async def excerpts(self, meeting_id: int) -> tuple[Excerpt, ...]: ...

    async def delete(self, meeting_id: int) -> int:
        """Deletes the meeting's excerpts; how many cues there were."""
        ...

    async def meetings(self) -> frozenset[int]:
        """The meetings that have excerpts stored."""
        ...


@dataclass(frozen=True)
class TranscriptFile:
    vtt: str  # WebVTT as Teams writes it (Graph's `…/transcripts/{id}/content`, text/vtt)
    started_at: datetime | None = None  # what its times count from; None: the meeting's actual start


class Transcripts(Protocol):
    async def transcripts(self, meeting: Meeting, event_id: str | None) -> tuple[TranscriptFile, ...]:
        """The meeting's transcripts, none when there is none (yet); `event_id` is its calendar
        event's, whose Teams meeting they are of (None: no event made).

        Raises NotPermitted or NotAvailable (ports.meeting_artifacts), RetryLater, DeliveryError."""
        ...
