"""The store of the bot's looks for each meeting's transcript and recording."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.domain.artifact_looks import Artifact, ArtifactLook, LookOutcome


class ArtifactLookRepository(Protocol):
    async def get(self, meeting_id: int, artifact: Artifact) -> ArtifactLook | None: ...

    async def claim_look(
        self, meeting_id: int, artifact: Artifact, attempts: int, next_look_at: datetime | None
    ) -> bool:
        """Counts the look after `attempts`; False when another process counted it first, or it is settled."""
        ...

    async def settle(self, meeting_id: int, artifact: Artifact, outcome: LookOutcome, now: datetime) -> bool:
        """Once: False when it was settled already."""
        ...
