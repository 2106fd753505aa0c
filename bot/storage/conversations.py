"""Where the bot may post: the conversations Teams told it of."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.storage.statements import insert_if_absent
from bot.storage.tables import conversations


class SqlConversations:
    def __init__(self, connection: AsyncConnection) -> None:
        self._db = connection

    async def remember(
        self, conversation_id: str, kind: str, aad_id: str | None, reference: dict[str, Any], now: datetime
    ) -> bool:
        """Stores where the conversation lives; True when the bot had not known it before."""
        values = {"kind": kind, "aad_id": aad_id, "reference": reference, "updated_at": now}
        this = conversations.c.conversation_id == conversation_id
        known = update(conversations).where(this).values(**values)
        if (await self._db.execute(known)).rowcount:
            return False
        # Two first messages from one conversation at once (PostgreSQL runs them side by side):
        # one inserts, the other finds the row there and updates it, and only one says "new".
        first = insert_if_absent(self._db, conversations, {"conversation_id": conversation_id, **values})
        if (await self._db.execute(first)).rowcount:
            return True
        await self._db.execute(known)
        return False

    async def personal_of(self, aad_id: str) -> str | None:
        row = (
            await self._db.execute(
                select(conversations.c.conversation_id)
                .where(conversations.c.aad_id == aad_id, conversations.c.kind == "personal")
                .order_by(conversations.c.updated_at.desc())
                .limit(1)
            )
        ).first()
        return str(row.conversation_id) if row else None

    async def get(self, conversation_id: str) -> dict[str, Any] | None:
        """The reference of one conversation; "*" asks for the most recently seen of any."""
        query = select(conversations.c.reference)
        if conversation_id == "*":
            query = query.order_by(conversations.c.updated_at.desc())
        else:
            query = query.where(conversations.c.conversation_id == conversation_id)
        row = (await self._db.execute(query.limit(1))).first()
        return dict(row.reference) if row else None
