"""The card-action table: each Action.Execute verb and the handler that answers it.

Every press is held to the card-rights table (`bot.domain.card_rights`) before its handler
runs: someone not in the group file, or without the right, or in the wrong phase of the
meeting gets a refusal in words and nothing of the card's content.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace

from bot.chat import (
    adjuster,
    adjustment,
    attendance,
    attendance_report,
    cancellation,
    chairing,
    items,
    meeting_progress,
    protocol,
    recording,
    votes,
)
from bot.chat.clicks import BadClick, Click, ClickAnswer, cleaned_data, int_field
from bot.chat.refusals import refusal
from bot.domain.card_rights import CARD_RULES, Subject, check_press, needs_facts, presser
from bot.domain.errors import DomainError
from bot.services.card_rights import card_facts
from bot.services.context import Context

log = logging.getLogger(__name__)

CARD_ACTIONS: dict[str, Callable[[Context, Click], Awaitable[ClickAnswer]]] = {
    "item.accept_offer": items.accept_offer_click,
    "item.form": items.form_click,
    "item.submit": items.submit_click,
    "item.withdraw": items.withdraw_click,
    "meeting.cancel": cancellation.cancel_click,
    "meeting.keep": cancellation.keep_click,
    "attendance.check_in": attendance.check_in_click,
    "attendance.mark": attendance.mark_click,
    "attendance_report.mark": attendance_report.mark_click,
    "meeting.acting_chair": chairing.appoint_click,
    "meeting.next_point": meeting_progress.next_point_click,
    "adjuster.confirm": adjuster.confirm_click,
    "adjuster.choose": adjuster.choose_click,
    "vote.cast": votes.cast_click,
    "vote.refresh": votes.refresh_click,
    "vote.close": votes.close_click,
    "vote.casting": votes.casting_click,
    "vote.runoff": votes.runoff_click,
    "vote.reserve": votes.reserve_click,
    "protocol.show": protocol.show_click,
    "protocol.edit_form": protocol.edit_form_click,
    "protocol.edit": protocol.edit_click,
    "protocol.export": protocol.export_click,
    "protocol.import": protocol.import_click,
    "protocol.submit": protocol.submit_click,
    "protocol.review": adjustment.review_click,
    "protocol.approve": adjustment.approve_click,
    "protocol.request_change": adjustment.request_change_click,
    "recording.confirm": recording.confirm_click,
}

# The verbs that only show something: handled twice they change nothing, so a delivery Teams
# repeats is simply answered again (a refreshed card must stay a card), with no record kept.
SHOWS_ONLY = frozenset(
    {"vote.refresh", "item.form", "protocol.show", "protocol.edit_form", "protocol.export", "protocol.review"}
)

# The verbs whose use case records the activity's id in the transaction that makes its change
# (a ballot and its press are committed together, a batch of ballots at a time), rather than in
# a transaction of its own before it: a press delivered again raises `DeliveredAgain`.
RECORDS_ITS_DELIVERY = frozenset({"vote.cast"})


async def click(ctx: Context, pressed: Click) -> ClickAnswer:
    """Every click is answered in words: the new card, a refusal, or why the button could not be read."""
    t = pressed.texts
    # Whatever a person typed into the card is cleaned here, once, for every verb.
    pressed = replace(pressed, data=cleaned_data(pressed.data))
    handler = CARD_ACTIONS.get(pressed.verb)
    if handler is None:
        log.warning("unknown card verb %r from %s", pressed.verb, pressed.actor_id)
        return ClickAnswer(message=t("click.unknown"))
    try:
        await _may_press(ctx, pressed)
        return await handler(ctx, pressed)
    except BadClick as error:
        log.warning("unreadable %s card data from %s: %s", pressed.verb, pressed.actor_id, error)
        return ClickAnswer(message=t("click.bad"))
    except DomainError as error:
        log.info("refused %s for %s: %s", pressed.verb, pressed.actor_id, error.code)
        # A refusal comes as a message, so the card the person clicked stays as it was.
        return ClickAnswer(message=refusal(t, ctx.group, error))


async def _may_press(ctx: Context, pressed: Click) -> None:
    rule = CARD_RULES[pressed.verb]
    person = presser(rule, ctx.group, pressed.actor_id)
    if not needs_facts(rule, person):
        check_press(rule, ctx.group, person, None)
        return
    subject_id = int_field(pressed.data, rule.subject.value) if rule.subject is not Subject.NONE else None
    check_press(rule, ctx.group, person, await card_facts(ctx, rule, subject_id))
