"""The secretary's notice of a Teams message that did not get through, in words."""

from __future__ import annotations

from typing import Any

from bot.chat.turn import Reply
from bot.services.context import Context
from bot.services.meeting_day import find_meeting
from bot.texts import Texts


async def undelivered_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    kind = f"undelivered.kind.{args.get('post')}"
    what = t(kind) if t.has(kind) else t("undelivered.kind.other")
    if args.get("meeting_id") is not None:
        meeting = await find_meeting(ctx, int(args["meeting_id"]))
        if meeting is not None:
            what = t("undelivered.of_meeting", what=what, meeting=t.day(meeting.starts_at))
    if args.get("where") == "channel":
        where = t("undelivered.where.channel")
    elif args.get("person"):
        where = t("undelivered.where.chat", person=args["person"])
    else:
        where = t("undelivered.where.some_chat")
    said = t("undelivered.update" if args.get("update") else "undelivered.post", what=what, where=where)
    return Reply(f"{said} {t('undelivered.what_next')}")
