"""The bot's looks for each meeting's transcript and recording, and what each came to."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Row, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.artifact_looks import Artifact, ArtifactLook, LookOutcome
from bot.storage.statements import insert_if_absent
from bot.storage.tables import artifact_looks

_TABLE = artifact_looks.c


def _look(row: Row[Any]) -> ArtifactLook:
    outcome = LookOutcome(row.outcome) if row.outcome else None
    return ArtifactLook(
        row.meeting_id, Artifact(row.artifact), row.attempts, row.next_look_at, outcome, row.settled_at
    )


class SqlArtifactLooks:
    def __init__(self, connection: AsyncConnection) -> None:
        self._db = connection

    async def get(self, meeting_id: int, artifact: Artifact) -> ArtifactLook | None:
        query = select(artifact_looks).where(
            _TABLE.meeting_id == meeting_id, _TABLE.artifact == artifact.value
        )
        row = (await self._db.execute(query)).first()
        return _look(row) if row else None

    async def claim_look(
        self, meeting_id: int, artifact: Artifact, attempts: int, next_look_at: datetime | None
    ) -> bool:
        row = {"meeting_id": meeting_id, "artifact": artifact.value}
        await self._db.execute(insert_if_absent(self._db, artifact_looks, row))
        result = await self._db.execute(
            update(artifact_looks)
            .where(
                _TABLE.meeting_id == meeting_id,
                _TABLE.artifact == artifact.value,
                _TABLE.attempts == attempts,
                _TABLE.outcome.is_(None),
            )
            .values(attempts=attempts + 1, next_look_at=next_look_at)
        )
        return result.rowcount == 1

    async def settle(self, meeting_id: int, artifact: Artifact, outcome: LookOutcome, now: datetime) -> bool:
        result = await self._db.execute(
            update(artifact_looks)
            .where(
                _TABLE.meeting_id == meeting_id,
                _TABLE.artifact == artifact.value,
                _TABLE.outcome.is_(None),
            )
            .values(outcome=outcome.value, settled_at=now, next_look_at=None)
        )
        return result.rowcount == 1
