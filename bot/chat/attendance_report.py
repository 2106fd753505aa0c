"""Teams' attendance report in words: the secretary's card of differences, one button each, and
why there is no report when there is none."""

from __future__ import annotations

from typing import Any

from bot.cards.catalog import render
from bot.chat.attendance import place_of
from bot.chat.clicks import Click, ClickAnswer, flag_field, int_field, text_field
from bot.chat.markup import card_plain
from bot.chat.turn import Reply
from bot.domain.attendance_report import Difference, DifferenceKind, ReportOutcome
from bot.domain.group import Role
from bot.services.attendance import correct_attendance
from bot.services.attendance_report import AttendanceReportView, attendance_report_of
from bot.services.context import Context
from bot.texts import Texts


async def attendance_report_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    view = await attendance_report_of(ctx, int(args["meeting_id"]))
    assert view is not None, f"no attendance report settled for meeting {args['meeting_id']}"
    meeting = t.day(view.meeting.starts_at)
    if view.outcome is not ReportOutcome.FOUND:
        return Reply(t(f"attendance_report.{view.outcome.value}", meeting=meeting))
    data = attendance_report_card_data(t, view)
    return Reply(data["heading"], card=render("attendance_report", data))


async def mark_click(ctx: Context, click: Click) -> ClickAnswer:
    """One difference corrected: the attendance, and with it the protocol's draft, follows."""
    t, data = click.texts, click.data
    present = flag_field(data, "present")
    meeting_id = int_field(data, "meeting_id")
    person, _ = await correct_attendance(
        ctx, click.actor_id or "", meeting_id, text_field(data, "person", 64), present
    )
    view = await attendance_report_of(ctx, meeting_id)
    key = "attendance.marked_present" if present else "attendance.marked_absent"
    notice = t(key, name=card_plain(person.name))
    if view is None or view.outcome is not ReportOutcome.FOUND:
        return ClickAnswer(message=notice)
    return ClickAnswer(card=render("attendance_report", attendance_report_card_data(t, view, notice)))


_CORRECTED = {True: "attendance_report.corrected.present", False: "attendance_report.corrected.absent"}


def _who(t: Texts, difference: Difference) -> str:
    person = difference.person
    place = card_plain(place_of(person))
    if person.role is Role.SUBSTITUTE:
        place = f"{t('role.substitute')}, {place}"
    return f"**{card_plain(person.name)}** ({place})" if place else f"**{card_plain(person.name)}**"


def _line(t: Texts, difference: Difference) -> str:
    who, minutes = _who(t, difference), round(difference.seconds / 60)
    if difference.kind is DifferenceKind.NOT_IN_MEETING:
        return t("attendance_report.line.not_in_meeting", who=who)
    line = t("attendance_report.line.not_checked_in", who=who, minutes=minutes)
    member = difference.substitute_for
    if difference.kind is DifferenceKind.SUBSTITUTE and member is not None:
        key = (
            "attendance_report.line.serving" if difference.serving else "attendance_report.line.member_there"
        )
        line = f"{line} {t(key, member=card_plain(member.name), municipality=card_plain(place_of(member)))}"
    return line


def _session(t: Texts, view: AttendanceReportView) -> str:
    first, last = view.reports[0], view.reports[-1]
    # The same person in two sessions is one participant.
    people = {r.aad_id or r.name for report in view.reports for r in report.records}
    participants = len(people) or sum(r.participants for r in view.reports)
    if first.started_at and last.ended_at:
        return t(
            "attendance_report.session",
            participants=participants,
            start=t.time(first.started_at),
            end=t.time(last.ended_at),
        )
    return t("attendance_report.participants", participants=participants)


def _summary(t: Texts, view: AttendanceReportView, count: int) -> str:
    session = _session(t, view)
    if count == 0:
        return t("attendance_report.same", session=session)
    return t("attendance_report.differs", session=session)


def attendance_report_card_data(t: Texts, view: AttendanceReportView, notice: str = "") -> dict[str, Any]:
    comparison = view.comparison
    differences = comparison.differences if comparison else ()
    strangers = comparison.strangers if comparison else ()
    corrected = [
        {
            "line": t(
                _CORRECTED[c.kind.marks_present],
                name=card_plain(c.person.name),
                place=card_plain(place_of(c.person)),
            )
        }
        for c in view.corrected
    ]
    return {
        "heading": t("attendance_report.heading", meeting=t.day(view.meeting.starts_at)),
        "notice": notice,
        "has_notice": bool(notice),
        "summary": _summary(t, view, len(differences))
        + ("" if view.correctable or not differences else f" {t('attendance_report.protocol_submitted')}"),
        "differences": [
            {
                "line": _line(t, d),
                "button": t(
                    "attendance_report.mark_present"
                    if d.kind.marks_present
                    else "attendance_report.mark_absent"
                ),
                "person": d.person.aad_id,
                "present": d.kind.marks_present,
            }
            for d in differences
        ],
        "can_correct": view.correctable,
        "meeting_id": view.meeting.id,
        "has_corrected": bool(corrected),
        "corrected_label": t("attendance_report.corrected"),
        "corrected": corrected,
        "has_strangers": bool(strangers),
        "strangers": t("attendance_report.strangers", names=card_plain(", ".join(strangers))),
        "caveat": t("attendance_report.caveat"),
    }
