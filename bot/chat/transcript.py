"""`transkription`: the meeting's transcript read and cut into the draft's excerpts, for the secretary."""

from __future__ import annotations

from bot.chat.dates import parse_day
from bot.chat.turn import Reply, Turn
from bot.domain.errors import DomainError
from bot.domain.permissions import Action, actor
from bot.services import protocol
from bot.services.context import Context
from bot.services.transcript import store_transcript


async def transcript_command(ctx: Context, turn: Turn, args: str) -> Reply:
    """`transkription [datum]`: the latest meeting's transcript (or that day's), from the transcripts'
    source: Graph once it gives them, and without a tenant the local folder."""
    t = turn.texts
    actor(ctx.group, turn.actor_id, Action.SUBMIT_PROTOCOL)
    day = parse_day(args.strip()) if args.strip() else None
    if args.strip() and day is None:
        raise DomainError("protocol.usage")
    meeting = await protocol.meeting_for(ctx, day)
    files = await ctx.transcripts.transcripts(meeting) if ctx.transcripts else ()
    if not files:
        return Reply(t("transcript.none", meeting=t.day(meeting.starts_at)))
    stored = await store_transcript(ctx, turn.actor_id or "", meeting.id, files)
    return Reply(
        t("transcript.stored", meeting=t.day(meeting.starts_at), cues=stored.cues, excerpts=stored.excerpts)
    )
