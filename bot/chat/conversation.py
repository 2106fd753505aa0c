"""The command table and the one entry point that answers a turn."""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.chat import adjuster, attendance, cancellation, items, items_card, meeting_progress, votes, year_plan
from bot.chat.archive import archive_command
from bot.chat.commands import TextCommand, parse
from bot.chat.markup import echo, plain
from bot.chat.protocol import export_command, import_command, protocol_command
from bot.chat.recording import deletion_log_command, recording_command
from bot.chat.refusals import refusal
from bot.chat.transcript import transcript_command
from bot.chat.turn import Reply, Turn
from bot.domain.errors import DomainError
from bot.domain.permissions import Action, may
from bot.domain.text import clean_text
from bot.services.context import Context

log = logging.getLogger(__name__)


async def show_help(ctx: Context, turn: Turn, args: str = "", unknown: str | None = None) -> Reply:
    t = turn.texts
    person = ctx.group.person(turn.actor_id)
    if person is None:
        raise DomainError("auth.not_in_group")
    lines = [t("help.unknown", text=echo(unknown))] if unknown else []
    lines.append(t("help.intro", name=plain(person.name), role=t(f"role.{person.role.value}")))
    lines += [f"- {t(c.help_key)}" for c in COMMANDS if may(person, c.action)]
    lines.append(t("help.footer", bot=plain(turn.bot_name)))
    return Reply("\n\n".join(lines))


COMMANDS: tuple[TextCommand, ...] = (
    TextCommand("hjälp", ("help", "?"), "cmd.help", Action.READ, show_help),
    TextCommand("möten", ("meetings", "årsplan"), "cmd.meetings", Action.READ, year_plan.meetings),
    TextCommand("dagordning", ("agenda",), "cmd.agenda", Action.READ, items_card.agenda),
    TextCommand("övrig fråga", ("fråga", "item"), "cmd.submit_item", Action.SUBMIT_ITEM, items.submit),
    TextCommand("ställ in", ("cancel",), "cmd.cancel", Action.CANCEL_MEETING, cancellation.cancel_command),
    TextCommand("nytt möte", ("new meeting",), "cmd.plan_add", Action.EDIT_YEAR_PLAN, year_plan.add_command),
    TextCommand(
        "flytta möte", ("move meeting",), "cmd.plan_move", Action.EDIT_YEAR_PLAN, year_plan.move_command
    ),
    TextCommand(
        "ta bort möte",
        ("remove meeting",),
        "cmd.plan_remove",
        Action.EDIT_YEAR_PLAN,
        year_plan.remove_command,
    ),
    TextCommand("närvaro", ("attendance",), "cmd.attendance", Action.READ, attendance.attendance_command),
    TextCommand(
        "starta möte", ("start meeting",), "cmd.start", Action.START_MEETING, attendance.start_command
    ),
    TextCommand(
        "mötets gång",
        ("meeting progress",),
        "cmd.progress",
        Action.LEAD_MEETING,
        meeting_progress.progress_command,
    ),
    TextCommand("justerare", ("adjuster",), "cmd.adjuster", Action.READ, adjuster.adjuster_command),
    TextCommand("omröstning", ("vote",), "cmd.vote", Action.OPEN_VOTE, votes.open_command),
    TextCommand("protokoll", ("protocol",), "cmd.protocol", Action.READ, protocol_command),
    TextCommand(
        "protokoll export",
        ("protocol export",),
        "cmd.protocol_export",
        Action.SUBMIT_PROTOCOL,
        export_command,
    ),
    TextCommand(
        "protokoll import",
        ("protocol import",),
        "cmd.protocol_import",
        Action.SUBMIT_PROTOCOL,
        import_command,
    ),
    TextCommand("inspelning", ("recording",), "cmd.recording", Action.SUBMIT_PROTOCOL, recording_command),
    TextCommand(
        "transkription", ("transcript",), "cmd.transcript", Action.SUBMIT_PROTOCOL, transcript_command
    ),
    TextCommand("gallringslogg", ("deletion log",), "cmd.deletion_log", Action.READ, deletion_log_command),
    TextCommand("arkivpaket", ("archive package",), "cmd.archive", Action.SUBMIT_PROTOCOL, archive_command),
)


async def answer(ctx: Context, turn: Turn) -> Reply:
    """Every turn gets an answer in words: a result, a refusal or help."""
    # Whatever a person wrote is cleaned here, once, for every command.
    turn = replace(turn, text=clean_text(turn.text))
    parsed = parse(COMMANDS, turn.text)
    try:
        if parsed.command is None:
            return await show_help(ctx, turn, unknown=parsed.args or None)
        return await parsed.command.handler(ctx, turn, parsed.args)
    except DomainError as error:
        log.info("refused %s for %s: %s", parsed.command and parsed.command.verb, turn.actor_id, error.code)
        return Reply(refusal(turn.texts, ctx.group, error))
