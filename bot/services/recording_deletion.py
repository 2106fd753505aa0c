"""The recording's deletion as the outbox delivers it: for good, and only the file the secretary confirmed.

What came of it is logged truthfully: deleted, not found (Graph no longer has it: the bot
deleted nothing), or changed (another file, or the same one edited, is there now: nothing
deleted). The last two are told to the secretary, "changed" to the chair too, in the
transaction that settles the log line, so a repeated delivery tells nobody twice. The log line
is marked before the delete request goes out: a file gone after that (the answer lost, or the
process stopped before the log was written) is the bot's own deletion, not "not found".
The transcript's excerpts go in the same transaction, unless the file changed (nothing deleted).
"""

from __future__ import annotations

import logging
from typing import Any

from bot.domain.errors import DomainError
from bot.domain.group import Role
from bot.domain.recording import DeletionOutcome, DriveFile, RecordingFile, check_recording
from bot.services.archive_packages import remake_after_deletion
from bot.services.context import Context
from bot.services.meeting_day import meeting_by_id
from bot.services.ports.delivery import Files
from bot.services.ports.outbox import Outgoing
from bot.services.ports.store import UnitOfWork
from bot.services.recording import file_key

log = logging.getLogger(__name__)

_GONE = (DeletionOutcome.DELETED, DeletionOutcome.NOT_FOUND)
_TOLD = {DeletionOutcome.NOT_FOUND: (Role.SECRETARY,), DeletionOutcome.CHANGED: (Role.SECRETARY, Role.CHAIR)}


async def delete_recording(ctx: Context, files: Files, payload: dict[str, Any]) -> dict[str, Any]:
    meeting_id = int(payload["meeting_id"])
    outcome = await _delete(ctx, files, meeting_id, payload)
    stamp = file_key(payload.get("drive_id"), payload.get("item_id"), payload.get("etag"))
    async with ctx.uow() as uow:
        if await uow.recordings.log_outcome(meeting_id, outcome, ctx.clock.now()):
            for message in await _notices(ctx, uow, meeting_id, stamp, outcome):
                await uow.outbox.enqueue(message, ctx.clock.now())
            await remake_after_deletion(ctx, uow, meeting_id)  # the deletion is the package's event too
            if outcome in _GONE:  # the transcript's excerpts go with the recording
                await uow.transcripts.delete(meeting_id)
        await uow.commit()
    log.info("meeting %s: recording deletion %s", meeting_id, outcome.value)
    return {"outcome": outcome.value}


async def _delete(ctx: Context, files: Files, meeting_id: int, payload: dict[str, Any]) -> DeletionOutcome:
    etag = payload.get("etag")
    given = RecordingFile(
        None if etag else payload.get("link"), payload.get("drive_id"), payload.get("item_id")
    )
    found = await files.find(given)
    if found is None:
        async with ctx.uow() as uow:
            # Gone after our own request went out (its answer lost, or the process stopped before
            # the log was written): that was the bot's deletion, not someone else's.
            ours = await uow.recordings.attempted(meeting_id)
        return DeletionOutcome.DELETED if ours else DeletionOutcome.NOT_FOUND
    if not etag:
        # Registered before files were checked: checked now, and the eTag read now is the one deleted.
        if not await _still_a_recording(ctx, files, meeting_id, found):
            return DeletionOutcome.CHANGED
        etag = found.etag
    if found.etag != etag:
        return DeletionOutcome.CHANGED
    async with ctx.uow() as uow:
        await uow.recordings.attempt(meeting_id, ctx.clock.now())
        await uow.commit()
    outcome = await files.delete_for_good(found.drive_id, found.item_id, str(etag))
    # Not found once our request is on its way: the SDK's retry of it, after a lost answer.
    return DeletionOutcome.DELETED if outcome is DeletionOutcome.NOT_FOUND else outcome


async def _still_a_recording(ctx: Context, files: Files, meeting_id: int, found: DriveFile) -> bool:
    async with ctx.uow() as uow:
        meeting = await meeting_by_id(uow, meeting_id)
    try:
        check_recording(found, await files.recording_drives(), meeting)
    except DomainError as refused:
        log.warning("meeting %s: the registered recording is not one (%s)", meeting_id, refused.code)
        return False
    return True


async def _notices(
    ctx: Context, uow: UnitOfWork, meeting_id: int, stamp: str, outcome: DeletionOutcome
) -> list[Outgoing]:
    """The secretary (and for "changed" the chair) told, each in their chat with the bot or the channel."""
    targets: set[str] = set()
    for role in _TOLD.get(outcome, ()):
        person = next((p for p in ctx.group.people if p.role is role), None)
        chat = await uow.conversations.personal_of(person.aad_id) if person else None
        targets.add(chat or ctx.group.channel_id)
    key = f"recording:{meeting_id}:{outcome.value}:{stamp}"
    post = {"post": "recording_notice", "args": {"meeting_id": meeting_id, "step": outcome.value}}
    return [Outgoing(f"{key}:{target}", "teams", "post", target, post) for target in sorted(targets)]
