"""The first draft in words: what the bot can write of the protocol before the secretary does.

§1 the opening, §2 the adjuster (as the seed protocol words it), one § per agenda item with
the item's own text, one § per vote, and the closing. Always Swedish: the protocol is.
"""

from __future__ import annotations

from bot.domain.items import AgendaItem
from bot.domain.protocol_text import Section, normalised
from bot.services.context import Context
from bot.services.meeting_record import MeetingRecord
from bot.services.protocol import FirstDraft
from bot.texts import Texts, texts_for

PROTOCOL_LOCALE = "sv"


def _adjuster(t: Texts, record: MeetingRecord) -> Section:
    appointed, person = record.adjuster, record.adjuster_person
    if appointed is None:
        return Section(t("draft.adjuster.title"))
    text = t("draft.adjuster.text", name=person.name if person else "?", municipality=appointed.municipality)
    if appointed.followed_rotation or not appointed.reason:
        text = f"{text} {t('draft.adjuster.rotation')}"
    else:
        reason = t("draft.adjuster.reason", proposed=appointed.proposed or "–", reason=appointed.reason)
        text = f"{text} {reason}"
    return Section(t("draft.adjuster.title"), text)


def _submitted_by(t: Texts, ctx: Context, item: AgendaItem) -> str:
    """An item of a title only: the protocol says at least who raised it."""
    person = ctx.group.person(item.submitted_by)
    if person is None:
        return t("draft.item.raised")
    place = person.municipality or person.organisation or ""
    return t("draft.item.raised_by", name=person.name, place=place)


def first_draft(ctx: Context) -> FirstDraft:
    t = texts_for(PROTOCOL_LOCALE, ctx.tz)

    def draft(record: MeetingRecord, items: list[AgendaItem]) -> tuple[Section, ...]:
        chair = record.chairing or ctx.group.chair  # who chaired opened the meeting
        acting = "_acting" if record.chair_acting else ""
        opening = Section(
            t("draft.opening.title"), t(f"draft.opening.text{acting}", chair=chair.name if chair else "–")
        )
        agenda = [Section(item.title, item.text or _submitted_by(t, ctx, item)) for item in items]
        # A run-off is placed with its first round, in the first round's paragraph.
        votes = [
            Section(v.vote.question, votes=(v.vote.id,)) for v in record.votes if v.vote.runoff_of is None
        ]
        closing = Section(t("draft.closing.title"), t(f"draft.closing.text{acting}"))
        return tuple(normalised(s) for s in (opening, _adjuster(t, record), *agenda, *votes, closing))

    return draft
