"""`omröstning` and the vote card's buttons: cast, close, the casting vote, a run-off, a reservation.

Syntax: `omröstning Fråga?` (Ja / Nej / Avstår) or `omröstning Fråga? | Förslag A | Förslag B`
(the proposals, and Avstår). The voter is always the activity's validated AAD id; the
card's data names only the vote and the option, and anything else in it is ignored.
"""

from __future__ import annotations

from typing import Any

from bot.cards.catalog import render
from bot.chat.clicks import Click, ClickAnswer, int_field, optional_text, text_field
from bot.chat.markup import plain
from bot.chat.turn import Reply, Turn
from bot.chat.votes_card import option_label, vote_card_data
from bot.domain.errors import DomainError
from bot.services import votes
from bot.services.context import Context
from bot.texts import Texts


async def open_command(ctx: Context, turn: Turn, args: str) -> Reply:
    t = turn.texts
    view = await votes.open_vote(ctx, turn.actor_id or "", args)
    options = ", ".join(option_label(t, o, plain) for o in view.vote.options)
    return Reply(t("vote.opened", question=plain(view.vote.question), options=options))


async def vote_post(ctx: Context, t: Texts, args: dict[str, Any]) -> Reply:
    view = await votes.vote_of(ctx, int(args["vote_id"]), for_channel=True)
    data = vote_card_data(ctx.group, t, view)
    return Reply(data["heading"], card=render("vote", data))


def _card(ctx: Context, click: Click, view: votes.VoteView) -> ClickAnswer:
    return ClickAnswer(card=render("vote", vote_card_data(ctx.group, click.texts, view, click.actor_id)))


async def cast_click(ctx: Context, click: Click) -> ClickAnswer:
    vote_id, option = int_field(click.data, "vote_id"), text_field(click.data, "option", 16)
    accepted = await votes.cast_vote(ctx, click.actor_id or "", vote_id, option, click.delivery)
    return _card(ctx, click, accepted.view)


async def refresh_click(ctx: Context, click: Click) -> ClickAnswer:
    """Teams asks for the card of one of the voters the channel's card names in `refresh.userIds`."""
    return _card(ctx, click, await votes.vote_of(ctx, int_field(click.data, "vote_id")))


async def close_click(ctx: Context, click: Click) -> ClickAnswer:
    view = await votes.close_vote(ctx, click.actor_id or "", int_field(click.data, "vote_id"))
    return _card(ctx, click, view)


async def casting_click(ctx: Context, click: Click) -> ClickAnswer:
    vote_id, option = int_field(click.data, "vote_id"), text_field(click.data, "option", 16)
    try:
        view = await votes.decide_tie(ctx, click.actor_id or "", vote_id, option)
    except DomainError as error:
        raise await _in_words(ctx, click.texts, vote_id, error) from error
    return _card(ctx, click, view)


async def runoff_click(ctx: Context, click: Click) -> ClickAnswer:
    """The first round's card, which now says the run-off is on a card of its own."""
    return _card(ctx, click, await votes.runoff(ctx, click.actor_id or "", int_field(click.data, "vote_id")))


async def reserve_click(ctx: Context, click: Click) -> ClickAnswer:
    vote_id, reason = int_field(click.data, "vote_id"), optional_text(click.data, "reason")
    view = await votes.reserve(ctx, click.actor_id or "", vote_id, reason)
    return _card(ctx, click, view)


async def _in_words(ctx: Context, t: Texts, vote_id: int, error: DomainError) -> DomainError:
    """The tied options by their labels rather than their ids, for the refusal."""
    if error.code != "vote.casting_not_tied":
        return error
    vote = (await votes.vote_of(ctx, vote_id)).vote
    labels = {o.id: option_label(t, o, str) for o in vote.options}
    tied = tuple(labels.get(o, o) for o in error.params.get("tied", ()))
    return DomainError(error.code, option=labels.get(error.params.get("option", ""), "?"), tied=tied)
