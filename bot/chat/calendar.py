"""The calendar event of a meeting, in words: its subject, and the agenda as the body."""

from __future__ import annotations

import html
from datetime import tzinfo

from bot.services.calendar import BuildEvent
from bot.services.context import Context
from bot.services.items import agenda_of
from bot.services.ports.delivery import Address, CalendarEvent
from bot.texts import texts_for


def event_builder(ctx: Context, tz: tzinfo) -> BuildEvent:
    t = texts_for(None, tz)

    async def build(meeting_id: int) -> CalendarEvent:
        view = await agenda_of(ctx, meeting_id)
        items = "".join(f"<li>{html.escape(item.title)}</li>" for item in view.items)
        body = (
            f"<p>{html.escape(t('calendar.body', group=ctx.group.name))}</p>"
            f"<p>{html.escape(t('calendar.deadline', deadline=t.moment(view.deadlines.notice_at)))}</p>"
            + (f"<ol>{items}</ol>" if items else f"<p>{html.escape(t('agenda.empty'))}</p>")
        )
        return CalendarEvent(
            subject=t("calendar.subject", group=ctx.group.name, day=t.day(view.meeting.starts_at)),
            body_html=body,
            starts_at=view.meeting.starts_at,
            ends_at=view.meeting.ends_at,
            time_zone=ctx.group.timezone,
            location=view.meeting.place,
            attendees=tuple(Address(p.email, p.name) for p in ctx.group.people),
        )

    return build
