"""The information package of each adjusted protocol: made after the distribution, remade on deletion.

Its outbox message shares the protocol's target, so it is made after the PDF (sealed) and every
mail has been delivered or has failed for good: the package's "sent" event says which. When the
recording's deletion is settled the package is made again (a message of its own), now with the
deletion event and the log's line. The file goes to the team's drive or the local stand-in
folder; the outbox keeps where it went, which is what `arkivpaket` answers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.domain.archive import (
    Approval,
    ProtocolFacts,
    RecordingDeletion,
    package_name,
    revision,
    sent_and_failed,
)
from bot.domain.errors import DomainError
from bot.domain.permissions import Action, actor
from bot.services.context import Context
from bot.services.ports.delivery import DeliveryError, Files
from bot.services.ports.outbox import Outgoing, Pending
from bot.services.ports.protocol import StoredProtocol
from bot.services.ports.recording import DeletionEntry
from bot.services.ports.store import UnitOfWork
from bot.services.protocol import ProtocolView, meeting_for, stored_pdf, submitted_protocol

BuildPackage = Callable[[str, ProtocolFacts, dict[str, Any], bytes, datetime], bytes]
STEPS = ("recording", "adjusted")  # the later first: the package that stands


def archive_key(meeting_id: int, version: str, step: str) -> str:
    return f"protocol:{meeting_id}:{version}:archive:{step}"


def package_message(meeting_id: int, version: str, step: str) -> Outgoing:
    args = {"meeting_id": meeting_id, "version": version, "step": step}
    return Outgoing(
        archive_key(meeting_id, version, step), "archive", "make_package", f"protocol:{meeting_id}", args
    )


async def remake_after_deletion(ctx: Context, uow: UnitOfWork, meeting_id: int) -> None:
    """In the transaction that settles the recording's deletion: the package made again with it."""
    stored = await uow.protocols.get(meeting_id)
    if stored is not None and stored.adjusted_at is not None and stored.version:
        await uow.outbox.enqueue(package_message(meeting_id, stored.version, "recording"), ctx.clock.now())


def _approvals(view: ProtocolView) -> tuple[Approval, ...]:
    named = []
    for approval in view.approvals:
        who = view.record.get(approval.role.value) or {}
        role = "acting_chair" if approval.role.value == "chair" and view.record.get("chair_acting") else None
        named.append(Approval(str(who.get("name", "?")), role or approval.role.value, approval.at))
    return tuple(sorted(named, key=lambda a: a.at))


def _deletion(entries: list[DeletionEntry], meeting_id: int) -> RecordingDeletion | None:
    settled = [e for e in entries if e.meeting_id == meeting_id and e.outcome is not None and e.settled_at]
    if not settled:
        return None
    entry = settled[-1]
    assert entry.outcome is not None and entry.settled_at is not None
    return RecordingDeletion(
        entry.what, entry.size, entry.outcome.value, entry.settled_at, entry.due_at, entry.rule,
        entry.retention_decision,
    )  # fmt: skip


async def protocol_facts(ctx: Context, meeting_id: int, version: str) -> tuple[ProtocolFacts, ProtocolView]:
    view = await submitted_protocol(ctx, meeting_id)
    if view is None or view.adjusted_at is None or view.version != version:
        raise DeliveryError(f"protocol {meeting_id} version {version[:8]} is not the adjusted one")
    async with ctx.uow() as uow:
        stored: StoredProtocol | None = await uow.protocols.get(meeting_id)
        mails = await uow.outbox.states(f"protocol:{meeting_id}:{version}:mail:")
        log = await uow.recordings.deletion_log()
    assert stored is not None and stored.submitted_at is not None
    secretary = view.record.get("secretary") or {}
    facts = ProtocolFacts(
        meeting_day=view.meeting.starts_at.astimezone(ctx.tz).date(),
        version=version,
        submitted_at=stored.submitted_at,
        submitted_by=str(secretary.get("name", "?")),
        approvals=_approvals(view),
        adjusted_at=view.adjusted_at,
        mailing=sent_and_failed([(state, at) for _, state, at in mails]),
        deletion=_deletion(log, meeting_id),
    )
    return facts, view


class ArchivePackages:
    """Channel "archive": builds the package and puts it on the shelf (a folder of the Files port)."""

    def __init__(self, ctx: Context, shelf: Files, folder: str, build: BuildPackage) -> None:
        self._ctx, self._shelf, self._folder, self._build = ctx, shelf, folder, build

    async def deliver(self, message: Pending) -> dict[str, Any] | None:
        if message.operation != "make_package":
            raise DeliveryError(f"unknown archive operation {message.operation!r}")

        meeting_id, version = int(message.payload["meeting_id"]), str(message.payload["version"])
        facts, view = await protocol_facts(self._ctx, meeting_id, version)
        pdf = await stored_pdf(self._ctx, meeting_id, version)
        group, now = self._ctx.group.name, self._ctx.clock.now()
        content = await asyncio.to_thread(self._build, group, facts, view.record, pdf, now)
        name = package_name(facts.meeting_day)
        url = await self._shelf.upload(self._folder, name, content, "application/zip")
        return {"url": url, "name": name, "revision": revision(facts), "size": len(content)}


@dataclass(frozen=True)
class ArchivedPackage:
    day: date
    name: str
    url: str
    revision: int


async def archived_package(ctx: Context, actor_id: str, day: date | None) -> ArchivedPackage:
    """`arkivpaket [datum]`: where the latest package of that meeting's adjusted protocol is."""
    actor(ctx.group, actor_id, Action.SUBMIT_PROTOCOL)
    meeting = await meeting_for(ctx, day)
    held = meeting.starts_at.astimezone(ctx.tz).date()
    view = await submitted_protocol(ctx, meeting.id)
    if view is None or view.adjusted_at is None:
        raise DomainError("archive.not_adjusted", day=held.isoformat())
    async with ctx.uow() as uow:
        for step in STEPS:
            result = await uow.outbox.result_of(archive_key(meeting.id, view.version, step))
            if result and result.get("url"):
                return ArchivedPackage(held, str(result["name"]), str(result["url"]), int(result["revision"]))
    raise DomainError("archive.not_ready", day=held.isoformat())
