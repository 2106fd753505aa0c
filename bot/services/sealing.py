"""The electronic seal the adjusted PDF gets, as the services see it: a port, its error, the notice.

The seal is the organisation's (an e-seal, not a person's signature): it shows that the PDF has
not changed since the bot rendered it from the adjusted version. Which library makes it is the
adapter's business (bot/documents/seal.py).

A seal that cannot be made holds the whole distribution: the render is retried later, and the
mails, the team's copy and the information package wait behind it in the outbox (they share its
target, and each reads the stored, sealed PDF), so nothing goes out half-way. The secretary is
told why in words, once per reason.
"""

from __future__ import annotations

from typing import Protocol

from bot.domain.group import Role
from bot.services.context import Context
from bot.services.ports.outbox import Outgoing
from bot.services.ports.store import UnitOfWork

SEAL_RETRY_SECONDS = 15 * 60  # a certificate is not fixed in seconds; the outbox backs off from here


class SealError(Exception):
    """The seal could not be made; `code` names why in the message catalogue (`seal.failed.<code>`)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


class Sealer(Protocol):
    def seal(self, pdf: bytes, reason: str) -> bytes:
        """The PDF with the seal added as an incremental update; raises SealError. Blocking."""
        ...


async def seal_notice(
    ctx: Context, uow: UnitOfWork, meeting_day: str, version: str, error: SealError
) -> None:
    """The secretary told, in her chat with the bot or else the channel; keyed by version and reason."""
    secretary = next((p for p in ctx.group.people if p.role is Role.SECRETARY), None)
    chat = await uow.conversations.personal_of(secretary.aad_id) if secretary else None
    params = {"meeting": meeting_day, "detail": error.detail[:300]}
    post = {"post": "text", "args": {"key": f"seal.failed.{error.code}", "params": params}}
    key = f"seal:{version}:{error.code}"
    await uow.outbox.enqueue(
        Outgoing(key, "teams", "post", chat or ctx.group.channel_id, post), ctx.clock.now()
    )
