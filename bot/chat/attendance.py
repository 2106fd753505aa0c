"""`närvaro` and `starta möte`: the check-in card, the secretary's marks, the start of a meeting."""

from __future__ import annotations

from typing import Any

from bot.cards.catalog import render
from bot.chat.clicks import Click, ClickAnswer, flag_field, int_field, text_field
from bot.chat.markup import card_plain
from bot.chat.meeting_progress import progress_reply
from bot.chat.turn import Reply, Turn
from bot.domain.attendance import Attendee, protocol_order
from bot.domain.errors import DomainError
from bot.domain.group import Person, Role
from bot.services.attendance import (
    AttendanceView,
    attendance_of,
    check_in,
    current_attendance,
    mark_attendance,
)
from bot.services.context import Context
from bot.services.meeting_day import start_current_meeting
from bot.services.meeting_progress import meeting_progress
from bot.texts import Texts


async def attendance_command(ctx: Context, turn: Turn, args: str) -> Reply:
    view = await current_attendance(ctx, turn.actor_id or "")
    return _reply(ctx, turn.texts, view)


async def start_command(ctx: Context, turn: Turn, args: str) -> Reply:
    """The start, and for whoever leads the meeting the Mötets gång card with its first point."""
    t = turn.texts
    started = await start_current_meeting(ctx, turn.actor_id or "")
    key = "meeting.started" if started.first_time else "meeting.already_started"
    text = t(key, meeting=t.day(started.meeting.starts_at))
    try:
        view = await meeting_progress(ctx, turn.actor_id or "")
    except DomainError:  # the chair while someone else chairs: the start is all
        return Reply(text)
    return progress_reply(t, view, text)


async def attendance_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    return _reply(ctx, t, await attendance_of(ctx, int(args["meeting_id"])))


async def check_in_click(ctx: Context, click: Click) -> ClickAnswer:
    t = click.texts
    meeting_id = int_field(click.data, "meeting_id")
    view = await check_in(ctx, click.actor_id or "", meeting_id, click.channel_user_id)
    person = ctx.group.person(click.actor_id)
    notice = t("attendance.checked_in", name=card_plain(person.name)) if person else ""
    return ClickAnswer(card=render("attendance", attendance_card_data(ctx, t, view, notice)))


async def mark_click(ctx: Context, click: Click) -> ClickAnswer:
    t, data = click.texts, click.data
    present = flag_field(data, "present")
    person, view = await mark_attendance(
        ctx, click.actor_id or "", int_field(data, "meeting_id"), text_field(data, "person", 64), present
    )
    key = "attendance.marked_present" if present else "attendance.marked_absent"
    notice = t(key, name=card_plain(person.name))
    return ClickAnswer(card=render("attendance", attendance_card_data(ctx, t, view, notice)))


def _reply(ctx: Context, t: Texts, view: AttendanceView) -> Reply:
    data = attendance_card_data(ctx, t, view)
    return Reply(data["heading"], card=render("attendance", data))


def place_of(person: Person) -> str:
    return person.municipality or person.organisation or ""


def attendee_line(t: Texts, attendee: Attendee) -> str:
    """Name (title, municipality, role), as the protocol writes it; a serving substitute names the member."""
    person = attendee.person
    notes = [person.title, place_of(person)]
    member = attendee.substitute_for
    if person.role is Role.SUBSTITUTE:
        serving = attendee.serving and member is not None
        notes.append(
            t("attendance.serving", member=member.name) if serving and member else t("role.substitute")
        )
    elif person.role is not Role.MEMBER:
        notes.append(t(f"role.{person.role.value}"))
    return card_plain(f"{person.name} ({', '.join(n for n in notes if n)})")


def _quorum(t: Texts, ctx: Context, view: AttendanceView) -> str:
    q = view.quorum
    params = {"present": len(q.present_municipalities), "total": q.total, "needed": q.needed}
    text = t("attendance.quorum.reached" if q.reached else "attendance.quorum.not_reached", **params)
    if ctx.group.rules.quorum_required_for_votes:
        text = f"{text} {t('attendance.quorum.required')}"
    return text


def attendance_card_data(ctx: Context, t: Texts, view: AttendanceView, notice: str = "") -> dict[str, Any]:
    present, absent = view.lists.present, view.lists.absent
    people = sorted(ctx.group.people, key=protocol_order)
    return {
        "heading": t("attendance.heading", meeting=t.day(view.meeting.starts_at)),
        "notice": notice,
        "has_notice": bool(notice),
        "quorum": _quorum(t, ctx, view),
        "has_acting_chair": view.acting_chair is not None,
        "acting_chair": t("attendance.acting_chair", name=card_plain(view.acting_chair.name))
        if view.acting_chair
        else "",
        "present_label": t("attendance.present", count=len(present)),
        "has_present": bool(present),
        "present": [{"line": attendee_line(t, a)} for a in present],
        "nobody": t("attendance.nobody"),
        "has_absent": bool(absent),
        "absent": t(
            "attendance.absent", names=card_plain(", ".join(f"{p.name} ({place_of(p)})" for p in absent))
        ),
        "check_in": t("attendance.check_in"),
        "mark": t("attendance.mark"),
        "person_label": t("attendance.person"),
        "person_missing": t("attendance.person_missing"),
        # Choice titles are shown as plain text (no Markdown), so they are not escaped.
        "people": [{"title": f"{p.name}, {place_of(p)}", "value": p.aad_id} for p in people],
        "mark_present": t("attendance.mark_present"),
        "mark_absent": t("attendance.mark_absent"),
        "meeting_id": view.meeting.id,
    }
