"""`transkription`: the meeting's transcript read and cut into the draft's excerpts, for the secretary."""

from __future__ import annotations

from typing import Any

from bot.chat.dates import parse_day
from bot.chat.turn import Reply, Turn
from bot.domain.errors import DomainError
from bot.domain.permissions import Action, actor
from bot.services import protocol
from bot.services.context import Context
from bot.services.recording import meeting_of
from bot.services.transcript import store_transcript, transcripts_for
from bot.texts import Texts


async def transcript_command(ctx: Context, turn: Turn, args: str) -> Reply:
    """`transkription [datum]`: the latest meeting's transcript (or that day's), from the transcripts'
    source: Graph once it gives them, and without a tenant the local folder."""
    t = turn.texts
    actor(ctx.group, turn.actor_id, Action.SUBMIT_PROTOCOL)
    day = parse_day(args.strip()) if args.strip() else None
    if args.strip() and day is None:
        raise DomainError("protocol.usage")
    meeting = await protocol.meeting_for(ctx, day)
    files = await transcripts_for(ctx, meeting)
    if not files:
        return Reply(t("transcript.none", meeting=t.day(meeting.starts_at)))
    stored = await store_transcript(ctx, turn.actor_id or "", meeting.id, files)
    return Reply(
        t("transcript.stored", meeting=t.day(meeting.starts_at), cues=stored.cues, excerpts=stored.excerpts)
    )


async def transcript_read_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    """What the bot's own look for the transcript after the meeting came to, in words."""
    meeting = await meeting_of(ctx, int(args["meeting_id"]))
    day = t.day(meeting.starts_at)
    return Reply(
        t(
            f"transcript_look.{args['outcome']}",
            meeting=day,
            cues=args.get("cues"),
            excerpts=args.get("excerpts"),
        )
    )
