"""After the meeting the bot looks for its transcript and its recording by itself, and tells the
secretary once what it found.

Each look is claimed in the store first (so a second process, or a restart, neither repeats nor
skips one), Graph is asked outside any transaction, and what it came to is settled once, in the
transaction that posts it to the secretary. The transcript is read into her draft as
`transkription` would; the recording is shown on the card `inspelning` shows, to be confirmed
under the same rules. Without permission, or with nothing found at the last look, she is told
so in words, and the commands stay hers.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.domain.artifact_looks import Artifact, LookOutcome, look_due, recording_files
from bot.domain.attendance_report import in_look_window, is_last_look, look_at
from bot.domain.errors import DomainError
from bot.domain.group import Role
from bot.domain.meetings import Meeting
from bot.domain.recording import DriveFile, check_recording
from bot.services.adjustment import personal_or_channel
from bot.services.calendar import event_created_key
from bot.services.context import Context
from bot.services.ports.delivery import DeliveryError, RetryLater
from bot.services.ports.meeting_artifacts import NotAvailable, NotPermitted
from bot.services.posts import post_card
from bot.services.transcript import meeting_transcripts, store_excerpts

log = logging.getLogger(__name__)

TRANSCRIPT_POST = "transcript_read"
RECORDING_POST = "recording_found"


@dataclass(frozen=True)
class _Looked:
    """What one look came to: an outcome to settle now (with what to tell), or None: look again."""

    outcome: LookOutcome | None = None
    otherwise: LookOutcome = LookOutcome.NONE  # what the last look settles on, found nothing
    args: dict[str, Any] | None = None


def artifact_key(meeting_id: int, artifact: Artifact) -> str:
    return f"report:{meeting_id}:{artifact.value}"


async def _claim(ctx: Context, meeting: Meeting, artifact: Artifact) -> tuple[int, str | None] | None:
    """The look due now, counted: (looks so far, the calendar event's id); None when none is due."""
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        look = await uow.artifact_looks.get(meeting.id, artifact)
        if not look_due(meeting, look, now):
            return None
        attempts = look.attempts if look else 0
        if not await uow.artifact_looks.claim_look(
            meeting.id, artifact, attempts, look_at(meeting, attempts + 1)
        ):
            return None
        created = await uow.outbox.result_of(event_created_key(meeting.id))
        await uow.commit()
    event_id = str(created["event_id"]) if created and created.get("event_id") else None
    return attempts + 1, event_id


async def _settle(
    ctx: Context, meeting: Meeting, artifact: Artifact, outcome: LookOutcome, args: dict[str, Any]
) -> bool:
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        if not await uow.artifact_looks.settle(meeting.id, artifact, outcome, now):
            return False
        if outcome is not LookOutcome.NOT_NEEDED:
            secretary = next((p for p in ctx.group.people if p.role is Role.SECRETARY), None)
            target = await personal_or_channel(ctx, uow, secretary.aad_id if secretary else None)
            post = TRANSCRIPT_POST if artifact is Artifact.TRANSCRIPT else RECORDING_POST
            told = {"meeting_id": meeting.id, "outcome": outcome.value} | args
            await uow.outbox.enqueue(
                post_card(ctx, artifact_key(meeting.id, artifact), post, told, target), now
            )
        await uow.commit()
    log.info("meeting %s: the %s look came to %s", meeting.id, artifact.value, outcome.value)
    return True


async def _run(
    ctx: Context,
    meeting: Meeting,
    artifact: Artifact,
    look: Callable[[Meeting, str | None], Awaitable[_Looked]],
) -> bool:
    # Read without the store: the scheduler asks this of every meeting, every round.
    if not in_look_window(meeting, ctx.clock.now()):
        return False
    claimed = await _claim(ctx, meeting, artifact)
    if claimed is None:
        return False
    attempts, event_id = claimed
    try:
        looked = await look(meeting, event_id)
    except NotPermitted as refused:
        log.warning("meeting %s: the %s is not permitted: %s", meeting.id, artifact.value, refused)
        looked = _Looked(LookOutcome.NOT_PERMITTED)
    except NotAvailable as missing:
        log.info("meeting %s: no %s yet: %s", meeting.id, artifact.value, missing)
        looked = _Looked()
    except RetryLater as error:
        log.warning("meeting %s: the %s could not be read for now: %s", meeting.id, artifact.value, error)
        looked = _Looked(otherwise=LookOutcome.UNREACHABLE)
    except DeliveryError as error:
        log.error("meeting %s: reading the %s failed: %s", meeting.id, artifact.value, error)
        looked = _Looked(LookOutcome.UNREACHABLE)
    outcome = looked.outcome or (looked.otherwise if is_last_look(attempts) else None)
    if outcome is None:
        return False  # looked again later
    return await _settle(ctx, meeting, artifact, outcome, looked.args or {})


async def look_for_transcript(ctx: Context, meeting: Meeting) -> bool:
    """For the scheduler: one look when one is due; True when it settled (and the secretary is told)."""
    if ctx.transcripts is None:
        return False

    async def look(meeting: Meeting, event_id: str | None) -> _Looked:
        files = await meeting_transcripts(ctx, meeting)
        if not files:
            return _Looked()
        try:
            stored = await store_excerpts(ctx, meeting.id, files)
        except DomainError as refused:  # the recording, and with it the transcript, deleted already
            log.info("meeting %s: the transcript is not read: %s", meeting.id, refused.code)
            return _Looked(LookOutcome.NOT_NEEDED)
        return _Looked(LookOutcome.FOUND, args={"cues": stored.cues, "excerpts": stored.excerpts})

    return await _run(ctx, meeting, Artifact.TRANSCRIPT, look)


def drive_file_args(file: DriveFile) -> dict[str, Any]:
    return {
        "drive_id": file.drive_id, "item_id": file.item_id, "name": file.name, "size": file.size,
        "created_at": file.created_at.isoformat(), "etag": file.etag,
    }  # fmt: skip


async def look_for_recording(ctx: Context, meeting: Meeting) -> bool:
    """For the scheduler: one look when one is due; True when it settled (and the secretary is told)."""
    artifacts, files = ctx.artifacts, ctx.files
    if artifacts is None or files is None:
        return False

    async def look(meeting: Meeting, event_id: str | None) -> _Looked:
        async with ctx.uow() as uow:
            registered = await uow.recordings.get(meeting.id)
        if registered is not None:
            return _Looked(LookOutcome.NOT_NEEDED)  # the secretary registered one herself
        online = await artifacts.online_meeting(event_id) if event_id else None
        if online is None:
            return _Looked(otherwise=LookOutcome.NO_ONLINE_MEETING)
        recorded = await artifacts.recordings(online.id)
        if not recorded:
            return _Looked()
        moments = [r.created_at for r in recorded if r.created_at]
        drives = await files.recording_drives()
        for candidate in recording_files(meeting, online.subject, await files.meeting_recordings(), moments):
            try:  # the rules of `inspelning`, checked again when she confirms
                found = check_recording(candidate, drives, meeting)
            except DomainError:
                continue
            return _Looked(LookOutcome.FOUND, args={"file": drive_file_args(found)})
        return _Looked()  # Teams has a recording, its file is not processed (yet)

    return await _run(ctx, meeting, Artifact.RECORDING, look)
