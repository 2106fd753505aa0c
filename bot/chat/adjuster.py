"""`justerare` and the §2 card: who adjusts, why (the rotation), and the chair's decision."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.cards.catalog import render
from bot.chat.clicks import Click, ClickAnswer, int_field, optional_text, text_field
from bot.chat.markup import card_plain, plain
from bot.chat.turn import Reply, Turn
from bot.domain.adjuster import AdjusterProposal, Appointment, representative
from bot.domain.attendance import protocol_order
from bot.domain.chairing import meeting_chair
from bot.domain.errors import DomainError
from bot.services.adjuster import AdjusterView, adjuster_of, choose_adjuster, confirm_adjuster, next_adjuster
from bot.services.context import Context
from bot.texts import Texts

Escape = Callable[[str], str]  # plain for Markdown messages, card_plain for cards


async def adjuster_command(ctx: Context, turn: Turn, args: str) -> Reply:
    t = turn.texts
    view = await next_adjuster(ctx, turn.actor_id or "")
    heading = t("adjuster.heading", meeting=t.day(view.meeting.starts_at))
    return Reply("\n\n".join([f"**{heading}**", *explanation(ctx, t, view, plain)]))


async def adjuster_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    data = adjuster_card_data(ctx, t, await adjuster_of(ctx, int(args["meeting_id"])))
    return Reply(data["heading"], card=render("adjuster", data))


async def confirm_click(ctx: Context, click: Click) -> ClickAnswer:
    data = click.data
    meeting_id, shown = int_field(data, "meeting_id"), text_field(data, "municipality", 100)
    view = await confirm_adjuster(ctx, click.actor_id or "", meeting_id, shown)
    return ClickAnswer(card=render("adjuster", adjuster_card_data(ctx, click.texts, view)))


async def choose_click(ctx: Context, click: Click) -> ClickAnswer:
    data = click.data
    person = text_field(data, "person", 64)
    reason = optional_text(data, "reason")
    view = await choose_adjuster(ctx, click.actor_id or "", int_field(data, "meeting_id"), person, reason)
    return ClickAnswer(card=render("adjuster", adjuster_card_data(ctx, click.texts, view)))


def _named(ctx: Context, view: AdjusterView, municipality: str) -> str:
    try:
        return f"{representative(ctx.group, view.present, municipality).name}, {municipality}"
    except DomainError:
        return municipality


def explanation(ctx: Context, t: Texts, view: AdjusterView, escape: Escape) -> list[str]:
    """What the rotation says now, and why: the lines of the card and of `justerare`."""
    if view.appointed is not None:
        return _appointed(ctx, t, view.appointed, escape)
    if view.proposal is not None:
        what = t("adjuster.proposal", name=escape(_named(ctx, view, view.proposal.municipality)))
        return [what, *_why(t, view, view.proposal, escape)]
    if view.if_everyone is not None:
        what = t("adjuster.proposal.if_everyone", municipality=escape(view.if_everyone.municipality))
        return [what, *_why(t, view, view.if_everyone, escape, absences=False)]
    return [t("adjuster.none_eligible")]


def _appointed(ctx: Context, t: Texts, appointment: Appointment, escape: Escape) -> list[str]:
    person = ctx.group.person(appointment.aad_id)
    name, municipality = escape(person.name if person else "?"), escape(appointment.municipality)
    lines = [t("adjuster.appointed", name=name, municipality=municipality)]
    if appointment.reason and not appointment.followed_rotation:
        proposed, reason = escape(appointment.proposed or "–"), escape(appointment.reason)
        lines.append(t("adjuster.appointed.reason", proposed=proposed, reason=reason))
    return lines


def _why(
    t: Texts, view: AdjusterView, proposal: AdjusterProposal, escape: Escape, absences: bool = True
) -> list[str]:
    chair = [escape(m) for m, reason in proposal.skipped if reason == "chair"]
    away = [escape(m) for m, reason in proposal.skipped if reason == "absent"]
    if proposal.after is None:
        lines = [t("adjuster.why.first")]
    elif view.before_bot is not None:
        lines = [t("adjuster.why.before_bot", last=escape(proposal.after), date=view.before_bot.isoformat())]
    else:
        lines = [t("adjuster.why.after", last=escape(proposal.after))]
    if absences and away:
        lines.append(t("adjuster.why.absent", names=", ".join(away)))
    if chair:
        lines.append(t("adjuster.why.chair", municipality=chair[0]))
    if proposal.wrapped:
        lines.append(t("adjuster.why.wrapped"))
    return lines


def adjuster_card_data(ctx: Context, t: Texts, view: AdjusterView) -> dict[str, Any]:
    chair = meeting_chair(ctx.group, view.present, view.acting) or ctx.group.chair  # signs already
    candidates = [
        p
        for p in sorted(ctx.group.people, key=protocol_order)
        if p.has_vote_role
        and p.aad_id.casefold() in view.present
        and (chair is None or p.municipality != chair.municipality)
    ]
    proposal = view.proposal
    lines = explanation(ctx, t, view, card_plain)
    return {
        "heading": t("adjuster.heading", meeting=t.day(view.meeting.starts_at)),
        "text": lines[0],
        "why": " ".join(lines[1:]),
        "has_why": len(lines) > 1,
        "can_confirm": view.appointed is None and proposal is not None,
        "confirm": t("adjuster.confirm", municipality=proposal.municipality if proposal else ""),
        "municipality": proposal.municipality if proposal else "",
        "can_choose": bool(candidates),
        "other": t("adjuster.change" if view.appointed else "adjuster.other"),
        "person_label": t("adjuster.person"),
        "person_missing": t("adjuster.person_missing"),
        "people": [{"title": f"{p.name}, {p.municipality}", "value": p.aad_id} for p in candidates],
        "reason_label": t("adjuster.reason"),
        "choose": t("adjuster.choose"),
        "meeting_id": view.meeting.id,
    }
