"""The transcript beside the draft: read, cut by the meeting's own times, kept for the secretary.

The excerpts are stored apart from the protocol and shown only in the secretary's draft card;
the protocol's text, its PDF, mail, public pages, export and archive package never hold them.
They are deleted with the recording (`recording_deletion`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.errors import DomainError
from bot.domain.meeting_progress import OPENING, AgendaPoint, vote_key
from bot.domain.meetings import Meeting
from bot.domain.permissions import Action, actor, may
from bot.domain.recording import DeletionOutcome
from bot.domain.transcript import Excerpt, TimedCue, VoteSpan, cut, marks_of, parse_vtt
from bot.services.calendar import event_created_key
from bot.services.context import Context
from bot.services.meeting_day import meeting_by_id
from bot.services.meeting_progress import progress_in
from bot.services.ports.delivery import DeliveryError
from bot.services.ports.meeting_artifacts import NotAvailable, NotPermitted
from bot.services.ports.store import UnitOfWork
from bot.services.ports.transcripts import TranscriptFile

log = logging.getLogger(__name__)

_GONE = (DeletionOutcome.DELETED, DeletionOutcome.NOT_FOUND)


@dataclass(frozen=True)
class TranscriptStored:
    meeting: Meeting
    cues: int
    excerpts: int


def _merged(found: Sequence[tuple[Excerpt, ...]]) -> tuple[Excerpt, ...]:
    """Several transcripts of one meeting (stopped and started again) as one set of excerpts."""
    groups: dict[str, list[TimedCue]] = {}
    for excerpts in found:
        for excerpt in excerpts:
            groups.setdefault(excerpt.key, []).extend(excerpt.cues)
    return tuple(Excerpt(key, tuple(sorted(cues, key=lambda c: c.at))) for key, cues in groups.items())


async def _cut(uow: UnitOfWork, meeting: Meeting, files: Sequence[TranscriptFile]) -> tuple[Excerpt, ...]:
    progress = await progress_in(uow, meeting)
    day = await uow.meeting_days.get(meeting.id)
    appointed = day.adjuster.appointed_at if day and day.adjuster else None
    # The recording starts with the meeting: the first point taken up, else the day's start.
    started = progress.at(OPENING) or (day.started_at if day else None) or meeting.starts_at
    # A run-off is written in its first round's paragraph, so its words go there too.
    votes = [
        VoteSpan(vote_key(v.runoff_of or v.id), v.opened_at, v.closed_at)
        for v in await uow.votes.for_meeting(meeting.id)
    ]
    marks = marks_of(progress, appointed)
    return _merged([cut(parse_vtt(f.vtt), f.started_at or started, OPENING, marks, votes) for f in files])


async def store_transcript(
    ctx: Context, actor_id: str, meeting_id: int, files: Sequence[TranscriptFile]
) -> TranscriptStored:
    """The meeting's transcripts cut into excerpts, instead of any stored before."""
    actor(ctx.group, actor_id, Action.SUBMIT_PROTOCOL)
    return await store_excerpts(ctx, meeting_id, files)


async def store_excerpts(ctx: Context, meeting_id: int, files: Sequence[TranscriptFile]) -> TranscriptStored:
    """As `store_transcript`, for the secretary's command or the bot's own look after the meeting."""
    async with ctx.uow() as uow:
        meeting = await meeting_by_id(uow, meeting_id)
        recording = await uow.recordings.get(meeting_id)
        if recording is not None and recording.outcome in _GONE:
            raise DomainError("transcript.recording_deleted")
        excerpts = await _cut(uow, meeting, files)
        await uow.transcripts.replace(meeting_id, excerpts)
        await uow.commit()
    return TranscriptStored(meeting, sum(len(e.cues) for e in excerpts), len(excerpts))


async def meeting_transcripts(ctx: Context, meeting: Meeting) -> tuple[TranscriptFile, ...]:
    """The meeting's transcripts from their source (Graph: its calendar event's Teams meeting's)."""
    if ctx.transcripts is None:
        return ()
    async with ctx.uow() as uow:
        created = await uow.outbox.result_of(event_created_key(meeting.id))
    event_id = str(created["event_id"]) if created and created.get("event_id") else None
    return await ctx.transcripts.transcripts(meeting, event_id)


async def transcripts_for(ctx: Context, meeting: Meeting) -> tuple[TranscriptFile, ...]:
    """For `transkription`: the meeting's transcripts, or why Graph gave none, in words."""
    try:
        return await meeting_transcripts(ctx, meeting)
    except NotPermitted as refused:
        log.warning("meeting %s: reading the transcript is not permitted: %s", meeting.id, refused)
        raise DomainError("transcript.not_permitted") from refused
    except NotAvailable:
        return ()
    except DeliveryError as error:  # RetryLater among them: say so now, nothing is stored
        log.warning("meeting %s: reading the transcript failed: %s", meeting.id, error)
        raise DomainError("transcript.unreachable") from error


@dataclass(frozen=True)
class DraftTranscript:
    agenda: tuple[AgendaPoint, ...]  # what the paragraphs of the first draft were made from
    excerpts: tuple[Excerpt, ...]


async def draft_transcript(ctx: Context, reader_id: str | None, meeting_id: int) -> DraftTranscript | None:
    """The excerpts for the draft card of whoever writes the protocol (the secretary); for anyone
    else, or when no transcript was read, None."""
    person = ctx.group.person(reader_id)
    if person is None or not may(person, Action.SUBMIT_PROTOCOL):
        return None
    async with ctx.uow() as uow:
        excerpts = await uow.transcripts.excerpts(meeting_id)
        if not excerpts:
            return None
        meeting = await meeting_by_id(uow, meeting_id)
        progress = await progress_in(uow, meeting)
    return DraftTranscript(progress.agenda, excerpts)
