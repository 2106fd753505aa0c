"""The transcript's excerpts: one row a cue, in the transcript's order."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.transcript import Excerpt, TimedCue
from bot.storage.tables import transcript_cues


class SqlTranscripts:
    def __init__(self, connection: AsyncConnection) -> None:
        self._db = connection

    async def replace(self, meeting_id: int, excerpts: Sequence[Excerpt]) -> None:
        await self.delete(meeting_id)
        ordered = sorted(
            ((cue, e.key) for e in excerpts for cue in e.cues), key=lambda pair: pair[0].at
        )  # stable: the cut keeps the transcript's order within each excerpt
        rows = [
            {"meeting_id": meeting_id, "position": n, "excerpt": key, "said_at": cue.at,
             "speaker": cue.speaker, "text": cue.text}
            for n, (cue, key) in enumerate(ordered)
        ]  # fmt: skip
        if rows:
            await self._db.execute(insert(transcript_cues), rows)

    async def excerpts(self, meeting_id: int) -> tuple[Excerpt, ...]:
        rows = await self._db.execute(
            select(transcript_cues)
            .where(transcript_cues.c.meeting_id == meeting_id)
            .order_by(transcript_cues.c.position)
        )
        found: dict[str, list[TimedCue]] = {}
        for row in rows:
            found.setdefault(row.excerpt, []).append(TimedCue(row.said_at, row.speaker, row.text))
        return tuple(Excerpt(key, tuple(cues)) for key, cues in found.items())

    async def delete(self, meeting_id: int) -> int:
        result = await self._db.execute(
            delete(transcript_cues).where(transcript_cues.c.meeting_id == meeting_id)
        )
        return result.rowcount

    async def meetings(self) -> frozenset[int]:
        rows = await self._db.execute(select(transcript_cues.c.meeting_id).distinct())
        return frozenset(row.meeting_id for row in rows)
