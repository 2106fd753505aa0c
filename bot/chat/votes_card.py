"""The vote card: open (how many have voted, not what), then the result with every named ballot."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.chat.markup import card_plain
from bot.domain import votes as rules
from bot.domain.collation import swedish_key
from bot.domain.errors import DomainError
from bot.domain.group import Group, Role
from bot.domain.tally import OutcomeStatus
from bot.domain.votes import ABSTAIN, Option, Reservation, Vote, VoteState
from bot.services.votes import VoteView
from bot.texts import Texts


def option_label(t: Texts, option: Option, escape: Callable[[str], str] = card_plain) -> str:
    """A proposal as its author wrote it; Ja, Nej and Avstår in the reader's language."""
    return escape(option.text) if option.text is not None else t(f"vote.option.{option.id}")


def _labels(t: Texts, vote: Vote) -> dict[str, str]:
    return {o.id: option_label(t, o) for o in vote.options}


def _status(group: Group, t: Texts, view: VoteView) -> str:
    vote = view.vote
    if vote.is_open:
        return t("vote.status.open", voted=len(vote.ballots), eligible=len(view.eligible))
    result = _result_text(t, view, _acting(group, view))
    return f"{t('vote.result.day_ended')} {result}" if vote.closed_at_day_end else result


def _acting(group: Group, view: VoteView) -> str:
    """The texts' suffix when the casting vote is an acting chair's, not the group's chair's."""
    chairing = group.person(view.chair_id) if view.chair_id else None
    return "_acting" if chairing is not None and chairing.role is not Role.CHAIR else ""


def _result_text(t: Texts, view: VoteView, acting: str) -> str:
    vote = view.vote
    outcome, labels = view.outcome, _labels(t, vote)
    if outcome.status is OutcomeStatus.AWAITING_RUNOFF_PICK:
        return t("vote.result.awaiting_pick", tied=", ".join(labels[o] for o in outcome.tied))
    if vote.state is VoteState.AWAITING_CASTING_VOTE:
        return t(f"vote.result.awaiting{acting}", tied=", ".join(labels[o] for o in outcome.tied))
    if outcome.status is OutcomeStatus.NO_MAJORITY:
        first, second = (labels[o] for o in outcome.runoff)
        key = "vote.result.runoff_opened" if view.runoff_id is not None else "vote.result.no_majority"
        return t(key, first=first, second=second)
    if outcome.status is OutcomeStatus.NO_VOTES_CAST or outcome.winner is None:
        return t("vote.result.none")
    decided = t("vote.result.decided", decision=labels[outcome.winner])
    return f"{decided} {t(f'vote.result.by_casting{acting}')}" if outcome.by_casting_vote else decided


def _who(group: Group, aad_id: str, municipality: str) -> str:
    person = group.person(aad_id)
    return card_plain(f"{municipality} ({person.name})" if person else municipality)


def _reservation(t: Texts, group: Group, r: Reservation) -> dict[str, str]:
    who = _who(group, r.aad_id, r.municipality)
    if r.reason:
        return {"line": t("vote.reservation.line", who=who, reason=card_plain(r.reason))}
    return {"line": t("vote.reservation.line.no_reason", who=who)}


def _yours(t: Texts, view: VoteView, viewer: str | None) -> str:
    if not viewer:
        return ""
    folded = viewer.casefold()
    mine = next((b for b in view.vote.ballots if b.voter.casefold() == folded), None)
    if mine is None:
        return ""
    option = view.vote.option(mine.option)
    label = option_label(t, option) if option is not None else mine.option
    key = "vote.yours.open" if view.vote.is_open else "vote.yours"
    return t(key, option=label, municipality=card_plain(mine.municipality))


def vote_card_data(group: Group, t: Texts, view: VoteView, viewer: str | None = None) -> dict[str, Any]:
    """`viewer` is who clicked: their card (and only theirs) also says what they voted."""
    vote = view.vote
    yours = _yours(t, view, viewer)
    heading = "vote.heading.runoff" if vote.runoff_of is not None else "vote.heading"
    return {
        "heading": t(heading, question=card_plain(vote.question)),
        "status": _status(group, t, view),
        "vote_id": vote.id,
        "is_open": vote.is_open,
        "options": [{"title": option_label(t, o, str), "option": o.id} for o in vote.options],
        "has_yours": bool(yours),
        "yours": yours,
        "close": t("vote.close"),
        # The channel's card, seen by all, is refreshed into each voter's own; their own is final.
        "has_refresh": viewer is None and bool(view.refresh_ids),
        "refresh_ids": list(view.refresh_ids) if viewer is None else [],
        **_result(group, t, view, viewer),
    }


# While a vote is open the card shows nothing of the count (the template's `$when`s), so none
# of it is worked out: the card is rendered on every click.
_NOT_COUNTED: dict[str, Any] = {
    "is_counted": False, "counts": [], "numbers": "", "ballots_label": "", "ballots": [],
    "awaiting": False, "casting": [], "can_runoff": False, "runoff": "", "can_reserve": False,
    "reserve": "", "reason_label": "", "reserve_button": "", "has_reservations": False,
    "reservations_label": "", "reservations": [],
}  # fmt: skip


def _result(group: Group, t: Texts, view: VoteView, viewer: str | None) -> dict[str, Any]:
    if view.vote.is_open and not view.reservations:
        return {key: list(value) if isinstance(value, list) else value for key, value in _NOT_COUNTED.items()}
    return counted(group, t, view, viewer)


def _may_reserve(view: VoteView, viewer: str | None) -> bool:
    """Whether the card offers a reservation: to whoever sees the channel's card, or to a voter who lost."""
    if viewer is None:
        return True
    try:
        rules.reserving_ballot(view.vote, view.chair_id, viewer, protocol_submitted=False)
    except DomainError:
        return False
    return True


def _runoff(t: Texts, view: VoteView) -> dict[str, Any]:
    """The chair's button for the run-off, while a first round without majority has none."""
    outcome = view.outcome
    if view.vote.state is not VoteState.CLOSED or outcome.status is not OutcomeStatus.NO_MAJORITY:
        return {"can_runoff": False, "runoff": ""}
    first, second = (option_label(t, o, str) for o in view.vote.options if o.id in outcome.runoff)
    return {"can_runoff": view.runoff_id is None, "runoff": t("vote.runoff", first=first, second=second)}


def counted(group: Group, t: Texts, view: VoteView, viewer: str | None = None) -> dict[str, Any]:
    """The counted vote: numbers, named ballots, the casting-vote buttons, reservations."""
    vote, outcome, labels = view.vote, view.outcome, _labels(t, view.vote)
    casting = "vote.runoff_pick" if outcome.status is OutcomeStatus.AWAITING_RUNOFF_PICK else "vote.casting"
    # Named only once counted: while the vote is open the card says how many, not who voted what.
    ballots = [] if vote.is_open else sorted(vote.ballots, key=lambda b: swedish_key(b.municipality))
    return {
        "is_counted": not vote.is_open,
        "counts": [{"title": labels[o], "value": str(n)} for o, n in outcome.counts.items()],
        "numbers": t("vote.result.numbers", cast=outcome.cast, abstained=outcome.counts.get(ABSTAIN, 0)),
        "ballots_label": t("vote.ballots"),
        "ballots": [
            {"title": _who(group, b.voter, b.municipality), "value": labels[b.option]} for b in ballots
        ],
        "awaiting": vote.state is VoteState.AWAITING_CASTING_VOTE,
        "casting": [
            {"title": t(casting, option=option_label(t, o, str)), "option": o.id}
            for o in vote.options
            if o.id in outcome.tied
        ],
        **_runoff(t, view),
        "can_reserve": vote.state is VoteState.CLOSED and outcome.is_decided and _may_reserve(view, viewer),
        "reserve": t("vote.reserve"),
        "reason_label": t("vote.reserve.reason"),
        "reserve_button": t("vote.reserve.button"),
        "has_reservations": bool(view.reservations),
        "reservations_label": t("vote.reservations"),
        "reservations": [_reservation(t, group, r) for r in view.reservations],
    }
