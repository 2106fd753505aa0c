"""`inspelning` (the secretary registers the meeting's recording) and `gallringslogg` (what came of it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from babel.numbers import format_decimal

from bot.cards.catalog import render
from bot.chat.clicks import BadClick, Click, ClickAnswer, int_field
from bot.chat.dates import parse_day
from bot.chat.markup import card_plain, plain
from bot.chat.turn import Reply, Turn
from bot.domain.recording import DeletionOutcome, DriveFile
from bot.services.context import Context
from bot.services.recording import (
    FoundRecording,
    LoggedDeletion,
    RecordingView,
    confirm_recording,
    deletion_log,
    find_recording,
    meeting_of,
    recording_of,
    recording_view,
)
from bot.texts import Texts

RULE_PREFIX = "recording_retention_months="
_UNITS = ("B", "kB", "MB", "GB", "TB")


def file_size(t: Texts, size: int | None) -> str:
    """1 000-based units, as the Teams and OneDrive file lists show them: "412,3 MB"."""
    if size is None:
        return "?"
    value, unit = float(size), 0
    while value >= 1000 and unit < len(_UNITS) - 1:
        value, unit = value / 1000, unit + 1
    locale = "sv_SE" if t.locale == "sv" else "en_GB"
    number = format_decimal(round(value, 1), format="#,##0.#", locale=locale)
    return f"{number} {_UNITS[unit]}"


def _status(t: Texts, view: RecordingView) -> str:
    recording, meeting = view.recording, t.day(view.meeting.starts_at)
    what = plain(recording.what)
    if recording.outcome in (DeletionOutcome.NOT_FOUND, DeletionOutcome.CHANGED):
        return t(f"recording.outcome.{recording.outcome.value}", meeting=meeting, what=what)
    if recording.deleted_at is not None:
        return t("recording.deleted", meeting=meeting, what=what, moment=t.moment(recording.deleted_at))
    waits = "" if view.adjusted else f" {t('recording.waits_for_adjustment')}"
    return (
        t(
            "recording.registered",
            meeting=meeting,
            what=what,
            size=file_size(t, recording.size),
            date=t.day(view.delete_at),
            warn=t.day(view.warn_at),
        )
        + waits
    )


def confirm_card(t: Texts, found: FoundRecording, heading: str | None = None) -> dict[str, Any]:
    file = found.file
    facts = [
        {"title": t("recording.fact.name"), "value": card_plain(file.name)},
        {"title": t("recording.fact.size"), "value": file_size(t, file.size)},
        {"title": t("recording.fact.created"), "value": t.moment(file.created_at)},
    ]
    data = {
        "heading": heading or t("recording.confirm.heading", meeting=t.day(found.meeting.starts_at)),
        "facts": facts,
        "message": t("recording.confirm.message"),
        "buttons": {"confirm": t("recording.confirm.button")},
        "meeting_id": found.meeting.id,
        "drive_id": file.drive_id,
        "item_id": file.item_id,
        "etag": file.etag,
        "link": found.link or "",
    }
    return render("recording_confirm", data)


async def recording_command(ctx: Context, turn: Turn, args: str) -> Reply:
    """`inspelning [datum] <länk>` or `inspelning [datum] <drive-id> <item-id>`; alone, what is registered."""
    t = turn.texts
    first, _, rest = args.strip().partition(" ")
    day = parse_day(first)
    given = rest.strip() if day is not None else args.strip()
    if not given:
        view = await recording_of(ctx, turn.actor_id or "", day)
        return Reply(_status(t, view) if view else t("recording.none"))
    found = await find_recording(ctx, turn.actor_id or "", day, given)
    heading = t("recording.confirm.heading", meeting=t.day(found.meeting.starts_at))
    return Reply(heading, card=confirm_card(t, found))


def _text_field(data: dict[str, Any], name: str, required: bool = True) -> str:
    value = data.get(name)
    if not isinstance(value, str) or len(value) > 2000 or (required and not value):
        raise BadClick(name)
    return value


async def confirm_click(ctx: Context, click: Click) -> ClickAnswer:
    """The secretary confirms the file the card showed; it is looked up and checked once more."""
    data = click.data
    view = await confirm_recording(
        ctx,
        click.actor_id or "",
        int_field(data, "meeting_id"),
        _text_field(data, "drive_id"),
        _text_field(data, "item_id"),
        _text_field(data, "etag"),
        _text_field(data, "link", required=False) or None,
    )
    return ClickAnswer(card=render("message", {"text": _status(click.texts, view)}))


def _rule(t: Texts, rule: str) -> str:
    if rule.startswith(RULE_PREFIX) and rule.removeprefix(RULE_PREFIX).isdigit():
        return t("log.rule.retention", months=int(rule.removeprefix(RULE_PREFIX)))
    return plain(rule)


def _done(t: Texts, logged: LoggedDeletion) -> str:
    entry = logged.entry
    if entry.outcome is DeletionOutcome.DELETED and entry.settled_at:
        return t("log.deleted", moment=t.moment(entry.settled_at))
    if entry.outcome is DeletionOutcome.NOT_FOUND and entry.settled_at:
        return t("log.not_found", moment=t.moment(entry.settled_at))
    if entry.outcome is DeletionOutcome.CHANGED and entry.settled_at:
        return t("log.changed", moment=t.moment(entry.settled_at))
    if entry.deleted_at:  # logged before the outcome was: a move to the recycle bin, or already gone
        return t("log.removed_unchecked", moment=t.moment(entry.deleted_at))
    return t("log.ordered", moment=t.moment(entry.ordered_at))


def _line(t: Texts, logged: LoggedDeletion) -> str:
    entry = logged.entry
    meeting = t.day(logged.meeting.starts_at) if logged.meeting else "?"
    decision = plain(entry.retention_decision) if entry.retention_decision else t("log.no_decision")
    return t(
        "log.line", meeting=meeting, what=plain(entry.what), size=file_size(t, entry.size),
        done=_done(t, logged), rule=_rule(t, entry.rule), due=t.day(entry.due_at), decision=decision,
    )  # fmt: skip


async def deletion_log_command(ctx: Context, turn: Turn, args: str) -> Reply:
    t = turn.texts
    entries = await deletion_log(ctx, turn.actor_id or "")
    if not entries:
        return Reply(t("log.empty"))
    return Reply("\n\n".join([f"**{t('log.heading')}**", *(f"- {_line(t, e)}" for e in entries)]))


def recording_text(t: Texts, view: RecordingView, step: str) -> str:
    meeting, when = t.day(view.meeting.starts_at), t.day(view.delete_at)
    if step == "hold_back":
        return t("recording.held_back", meeting=meeting, date=when)
    if step in ("not_found", "changed"):  # what the deletion came to
        return t(f"recording.outcome.{step}", meeting=meeting, what=plain(view.recording.what))
    key = "recording.warning.adjusted" if view.adjusted else "recording.warning.not_adjusted"
    return t(key, meeting=meeting, date=when)


async def recording_found_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    """What the bot's own look for the recording came to: the card to confirm, or why there is none."""
    meeting = await meeting_of(ctx, int(args["meeting_id"]))
    outcome = str(args["outcome"])
    if outcome != "found":
        return Reply(t(f"recording_look.{outcome}", meeting=t.day(meeting.starts_at)))
    f = args["file"]
    file = DriveFile(
        str(f["drive_id"]), str(f["item_id"]), str(f["name"]), int(f["size"]),
        datetime.fromisoformat(str(f["created_at"])), str(f["etag"]), is_file=True, is_video=True,
    )  # fmt: skip
    found = FoundRecording(meeting, None, file)
    heading = t("recording_look.found", meeting=t.day(meeting.starts_at))
    return Reply(heading, card=confirm_card(t, found, heading))


async def recording_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    view = await recording_view(ctx, int(args["meeting_id"]))
    assert view is not None, f"no recording for meeting {args['meeting_id']}"
    return Reply(recording_text(t, view, str(args["step"])))
