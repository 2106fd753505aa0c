"""The card-action table: each Action.Execute verb and the handler that answers it."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from bot.chat import items
from bot.chat.cards import BadClick, Click, ClickAnswer
from bot.chat.refusals import refusal
from bot.domain.errors import DomainError
from bot.services.context import Context

log = logging.getLogger(__name__)

CARD_ACTIONS: dict[str, Callable[[Context, Click], Awaitable[ClickAnswer]]] = {
    "item.accept_offer": items.accept_offer_click,
}


async def click(ctx: Context, pressed: Click) -> ClickAnswer:
    """Every click is answered in words: the new card, a refusal, or why the button could not be read."""
    t = pressed.texts
    handler = CARD_ACTIONS.get(pressed.verb)
    if handler is None:
        log.warning("unknown card verb %r from %s", pressed.verb, pressed.actor_id)
        return ClickAnswer(message=t("click.unknown"))
    try:
        return await handler(ctx, pressed)
    except BadClick as error:
        log.warning("unreadable %s card data from %s: %s", pressed.verb, pressed.actor_id, error)
        return ClickAnswer(message=t("click.bad"))
    except DomainError as error:
        log.info("refused %s for %s: %s", pressed.verb, pressed.actor_id, error.code)
        # A refusal comes as a message, so the card the person clicked stays as it was.
        return ClickAnswer(message=refusal(t, ctx.group, error))
