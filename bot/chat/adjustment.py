"""Justering in Teams: the review card's buttons (Justera, Begär ändring, the next page) and its replies.

Only the named adjuster and the chair may press Justera or Begär ändring; the services say
no to anyone else, and the refusal comes as a message so the card stays as it was.
"""

from __future__ import annotations

import re

from bot.cards.catalog import render
from bot.chat.adjustment_card import adjusted_card_data, review_card_data
from bot.chat.clicks import BadClick, Click, ClickAnswer, int_field, optional_text, text_field
from bot.chat.protocol_card import short
from bot.chat.turn import Reply
from bot.domain.adjustment import ProtocolState
from bot.domain.errors import DomainError
from bot.domain.permissions import Action, may
from bot.services import adjustment as review
from bot.services.context import Context
from bot.services.protocol import ProtocolView, submitted_protocol
from bot.services.publication import uploaded_url
from bot.texts import Texts

_VERSION = re.compile(r"^[0-9a-f]{64}$")


def version_field(data: dict[str, object]) -> str:
    version = text_field(data, "version", 64)  # type: ignore[arg-type]
    if not _VERSION.match(version):
        raise BadClick("version")
    return version


def review_reply(ctx: Context, t: Texts, view: ProtocolView, start: int = 0, notice: str = "") -> Reply:
    data = review_card_data(ctx, t, view, start, notice)
    return Reply(data["heading"], card=render("protocol_review", data))


async def adjusted_reply(ctx: Context, t: Texts, view: ProtocolView, upload_url: str | None = None) -> Reply:
    """The adjusted protocol's card; it links the team's copy once the upload is done."""
    if upload_url is None:
        upload_url = await uploaded_url(ctx, view.meeting.id, view.version)
    data = adjusted_card_data(ctx, t, view, upload_url)
    return Reply(data["heading"], card=render("protocol_adjusted", data))


def _check_reader(ctx: Context, actor_id: str | None, view: ProtocolView) -> None:
    """The card table's rule again, for the text itself: before adjustment, only those who sign it read it."""
    person = ctx.group.person(actor_id)
    adjuster = (view.adjuster_id or "").casefold()
    if view.state is ProtocolState.ADJUSTED or (person and adjuster == person.aad_id.casefold()):
        return
    if person is None or not may(person, Action.READ_DRAFT):
        raise DomainError("protocol.not_reader")


async def review_click(ctx: Context, click: Click) -> ClickAnswer:
    """The next page of the protocol; a newer version than the card's is said so."""
    data, t = click.data, click.texts
    meeting_id, shown, start = int_field(data, "meeting_id"), version_field(data), int_field(data, "start")
    view = await submitted_protocol(ctx, meeting_id)
    if view is None:
        raise DomainError("protocol.not_submitted")
    _check_reader(ctx, click.actor_id, view)
    notice = "" if view.version == shown else t("review.newer", version=short(view.version))
    return ClickAnswer(card=review_reply(ctx, t, view, start if not notice else 0, notice).card)


async def approve_click(ctx: Context, click: Click) -> ClickAnswer:
    t = click.texts
    meeting_id, shown = int_field(click.data, "meeting_id"), version_field(click.data)
    view = await review.approve_protocol(ctx, click.actor_id or "", meeting_id, shown)
    notice = t("review.you_approved", version=short(shown))
    if view.state is ProtocolState.ADJUSTED:
        notice = f"{notice} {t('review.now_adjusted')}"
    return ClickAnswer(card=review_reply(ctx, t, view, notice=notice).card)


async def request_change_click(ctx: Context, click: Click) -> ClickAnswer:
    t = click.texts
    meeting_id, shown = int_field(click.data, "meeting_id"), version_field(click.data)
    comment = optional_text(click.data, "comment")
    view = await review.request_change(ctx, click.actor_id or "", meeting_id, shown, comment)
    return ClickAnswer(card=review_reply(ctx, t, view, notice=t("review.change_sent")).card)
