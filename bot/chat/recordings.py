"""`inspelning` (the secretary registers the meeting's recording) and `gallringslogg` (what was deleted)."""

from __future__ import annotations

from bot.chat.dates import parse_day
from bot.chat.markup import plain
from bot.chat.turn import Reply, Turn
from bot.services.context import Context
from bot.services.recordings import (
    LoggedDeletion,
    RecordingView,
    deletion_log,
    recording_of,
    register_recording,
)
from bot.texts import Texts

RULE_PREFIX = "recording_retention_months="


def _status(t: Texts, view: RecordingView) -> str:
    recording, meeting = view.recording, t.day(view.meeting.starts_at)
    what = plain(recording.what)
    if recording.deleted_at is not None:
        return t("recording.deleted", meeting=meeting, what=what, moment=t.moment(recording.deleted_at))
    waits = "" if view.adjusted else f" {t('recording.waits_for_adjustment')}"
    return (
        t(
            "recording.registered",
            meeting=meeting,
            what=what,
            date=t.day(view.delete_at),
            warn=t.day(view.warn_at),
        )
        + waits
    )


async def recording_command(ctx: Context, turn: Turn, args: str) -> Reply:
    """`inspelning [datum] <länk>` or `inspelning [datum] <drive-id> <item-id>`; alone, what is registered."""
    t = turn.texts
    first, _, rest = args.strip().partition(" ")
    day = parse_day(first)
    given = rest.strip() if day is not None else args.strip()
    if not given:
        view = await recording_of(ctx, turn.actor_id or "", day)
        return Reply(_status(t, view) if view else t("recording.none"))
    return Reply(_status(t, await register_recording(ctx, turn.actor_id or "", day, given)))


def _rule(t: Texts, rule: str) -> str:
    if rule.startswith(RULE_PREFIX) and rule.removeprefix(RULE_PREFIX).isdigit():
        return t("log.rule.retention", months=int(rule.removeprefix(RULE_PREFIX)))
    return plain(rule)


def _line(t: Texts, logged: LoggedDeletion) -> str:
    entry = logged.entry
    meeting = t.day(logged.meeting.starts_at) if logged.meeting else "?"
    done = (
        t("log.deleted", moment=t.moment(entry.deleted_at))
        if entry.deleted_at
        else t("log.ordered", moment=t.moment(entry.ordered_at))
    )
    return t(
        "log.line", meeting=meeting, what=plain(entry.what), done=done, rule=_rule(t, entry.rule),
        due=t.day(entry.due_at),
    )  # fmt: skip


async def deletion_log_command(ctx: Context, turn: Turn, args: str) -> Reply:
    t = turn.texts
    entries = await deletion_log(ctx, turn.actor_id or "")
    if not entries:
        return Reply(t("log.empty"))
    return Reply("\n\n".join([f"**{t('log.heading')}**", *(f"- {_line(t, e)}" for e in entries)]))
