"""`protokoll`, its export and import, and the buttons of the protocol's cards.

The secretary gets the draft with a button per paragraph; the adjuster and the chair get
the review card while it waits for them; anyone else the protocol's state in a sentence.
A card's data names the meeting, the paragraph and the version shown, never the person.
"""

from __future__ import annotations

import contextlib
from datetime import date

from bot.cards.catalog import CardTooLarge, render
from bot.chat.adjustment import adjusted_reply, review_reply, version_field
from bot.chat.clicks import Click, ClickAnswer, int_field, optional_text
from bot.chat.dates import parse_day
from bot.chat.protocol_card import (
    EXCERPTS,
    TRANSCRIPT_BUDGETS,
    draft_card_data,
    notice_card_data,
    paragraph_form_data,
    short,
    status_text,
    text_card_data,
)
from bot.chat.protocol_draft import first_draft
from bot.chat.turn import Reply, Turn
from bot.domain.adjustment import ProtocolState
from bot.domain.errors import DomainError
from bot.domain.group import Role
from bot.domain.protocol_text import last_editable
from bot.services import adjustment as review
from bot.services import protocol
from bot.services.context import Context
from bot.services.protocol import ProtocolView
from bot.services.transcript import DraftTranscript, draft_transcript
from bot.texts import Texts

TEXT_MAX = 100_000


def _day(args: str) -> date | None:
    if not args.strip():
        return None
    day = parse_day(args.strip())
    if day is None:
        raise DomainError("protocol.usage")
    return day


def draft_reply(
    ctx: Context, t: Texts, view: ProtocolView, notice: str = "", transcript: DraftTranscript | None = None
) -> Reply:
    """The draft card; a long protocol's paragraphs get shorter excerpts, then none, to fit, and
    the transcript (the secretary's alone, see `secretary_draft`) less of itself before that."""
    budgets = TRANSCRIPT_BUDGETS if transcript is not None else (0,)
    for excerpt in EXCERPTS:
        for budget in budgets:
            data = draft_card_data(ctx, t, view, notice, excerpt, transcript, budget)
            with contextlib.suppress(CardTooLarge):
                return Reply(data["heading"], card=render("protocol_draft", data))
    raise CardTooLarge(f"the draft of meeting {view.meeting.id} does not fit a card")


async def secretary_draft(
    ctx: Context, t: Texts, reader_id: str | None, view: ProtocolView, notice: str = ""
) -> Reply:
    """The draft card as `reader_id` sees it: with the transcript's excerpts only if they write
    the protocol, since the card goes only where they alone read it (their chat, their click)."""
    return draft_reply(ctx, t, view, notice, await draft_transcript(ctx, reader_id, view.meeting.id))


def notice_reply(
    ctx: Context, t: Texts, view: ProtocolView, notice: str = "", heading: str = "protocol.heading"
) -> Reply:
    """Where everyone reads (the channel): the state, and a button whose answer only its presser sees."""
    data = notice_card_data(ctx, t, view, notice, heading)
    return Reply(data["heading"], card=render("protocol_notice", data))


def _in_the_open(turn: Turn, view: ProtocolView) -> bool:
    """Said where others read the answer, about a protocol not yet adjusted: its text stays out."""
    return turn.shared and view.state is not ProtocolState.ADJUSTED


async def reply_for(
    ctx: Context, t: Texts, actor_id: str | None, view: ProtocolView, shared: bool = False
) -> Reply:
    """What `protokoll` shows this person: their own card, or the state in a sentence."""
    person = ctx.group.person(actor_id)
    if view.state is ProtocolState.ADJUSTED:
        return await adjusted_reply(ctx, t, view)
    reviewers = {x.casefold() for x in (view.adjuster_id, view.chair_id) if x}
    reviews = view.state is ProtocolState.IN_REVIEW and (actor_id or "").casefold() in reviewers
    writes = person is not None and person.role is Role.SECRETARY
    if shared and (writes or reviews):
        return notice_reply(ctx, t, view)
    if writes:
        return await secretary_draft(ctx, t, actor_id, view)
    if reviews:
        return review_reply(ctx, t, view)
    meeting = t.day(view.meeting.starts_at)
    return Reply(t("protocol.state.line", meeting=meeting, status=status_text(ctx, t, view)))


async def protocol_command(ctx: Context, turn: Turn, args: str) -> Reply:
    view = await protocol.open_protocol(ctx, turn.actor_id or "", _day(args), first_draft(ctx))
    return await reply_for(ctx, turn.texts, turn.actor_id, view, turn.shared)


def _text_reply(t: Texts, view: ProtocolView, text: str) -> Reply:
    data = text_card_data(t, view, text)
    if data is None:
        return Reply(t("protocol.text.too_long"))
    return Reply(data["heading"], card=render("protocol_text", data))


async def export_command(ctx: Context, turn: Turn, args: str) -> Reply:
    meeting = await protocol.meeting_for(ctx, _day(args))
    view, text = await protocol.export(ctx, turn.actor_id or "", meeting.id, first_draft(ctx))
    if _in_the_open(turn, view):
        return notice_reply(ctx, turn.texts, view)
    return _text_reply(turn.texts, view, text)


async def import_command(ctx: Context, turn: Turn, args: str) -> Reply:
    """`protokoll import [datum]` and the text on the following lines; without text, the text card."""
    first, _, rest = args.partition("\n")
    day = parse_day(first.strip())
    text = rest if day is not None else args
    meeting = await protocol.meeting_for(ctx, day)
    if not text.strip():
        return await export_command(ctx, turn, day.isoformat() if day else "")
    view, changed = await protocol.import_text(ctx, turn.actor_id or "", meeting.id, text, first_draft(ctx))
    if _in_the_open(turn, view):
        return notice_reply(ctx, turn.texts, view, _imported(turn.texts, view, changed))
    return await secretary_draft(ctx, turn.texts, turn.actor_id, view, _imported(turn.texts, view, changed))


def _imported(t: Texts, view: ProtocolView, changed: bool) -> str:
    key = "protocol.imported" if changed else "protocol.imported.unchanged"
    return t(key, count=len(view.sections), version=short(view.version))


def _card(reply: Reply) -> ClickAnswer:
    return ClickAnswer(card=reply.card or render("message", {"text": reply.text}))


async def show_click(ctx: Context, click: Click) -> ClickAnswer:
    meeting_id = int_field(click.data, "meeting_id")
    view = await protocol.open_protocol_of(ctx, click.actor_id or "", meeting_id, first_draft(ctx))
    return _card(await reply_for(ctx, click.texts, click.actor_id, view))


async def edit_form_click(ctx: Context, click: Click) -> ClickAnswer:
    meeting_id, number = int_field(click.data, "meeting_id"), int_field(click.data, "number")
    view, _ = await protocol.export(ctx, click.actor_id or "", meeting_id, first_draft(ctx))
    if number > last_editable(view.sections):
        raise DomainError("protocol.no_paragraph", number=number, count=len(view.sections))
    return ClickAnswer(card=render("protocol_paragraph", paragraph_form_data(click.texts, view, number)))


async def edit_click(ctx: Context, click: Click) -> ClickAnswer:
    data, t = click.data, click.texts
    meeting_id, number = int_field(data, "meeting_id"), int_field(data, "number")
    fields = tuple(optional_text(data, name, 20_000) or "" for name in ("title", "text", "decision"))
    view = await protocol.edit_paragraph(
        ctx, click.actor_id or "", meeting_id, number, (fields[0], fields[1], fields[2]), first_draft(ctx)
    )
    notice = t("protocol.saved", number=number, version=short(view.version))
    return _card(await secretary_draft(ctx, t, click.actor_id, view, notice))


async def export_click(ctx: Context, click: Click) -> ClickAnswer:
    meeting_id = int_field(click.data, "meeting_id")
    view, text = await protocol.export(ctx, click.actor_id or "", meeting_id, first_draft(ctx))
    reply = _text_reply(click.texts, view, text)
    return _card(reply) if reply.card else ClickAnswer(message=reply.text)


async def import_click(ctx: Context, click: Click) -> ClickAnswer:
    meeting_id, text = int_field(click.data, "meeting_id"), optional_text(click.data, "text", TEXT_MAX)
    view, changed = await protocol.import_text(
        ctx, click.actor_id or "", meeting_id, text or "", first_draft(ctx)
    )
    notice = _imported(click.texts, view, changed)
    return _card(await secretary_draft(ctx, click.texts, click.actor_id, view, notice))


async def submit_click(ctx: Context, click: Click) -> ClickAnswer:
    t = click.texts
    view = await review.submit(
        ctx, click.actor_id or "", int_field(click.data, "meeting_id"), version_field(click.data)
    )
    notice = t(
        "protocol.submitted",
        adjuster=view.record["adjuster"]["name"],
        chair=(view.record.get("chair") or {}).get("name", "–"),
        version=short(view.version),
    )
    return _card(await secretary_draft(ctx, t, click.actor_id, view, notice))
