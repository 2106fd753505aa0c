"""The vote card leaves the count out while the vote is open, and shows it once counted."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.cards.catalog import render
from bot.chat.votes_card import counted, vote_card_data
from bot.domain.group import Group, Role
from bot.domain.votes import ABSTAIN, NO, YES, Ballot, Option, Vote, VoteState
from bot.services.votes import VoteView
from bot.texts import texts_for
from tests.conftest import stockholm

AT = stockholm(2026, 12, 10, 9, 0)


def _view(group: Group, state: VoteState) -> VoteView:
    voters = [p for p in group.people if p.role in (Role.CHAIR, Role.MEMBER)][:5]
    ballots = tuple(
        Ballot(p.municipality or "", (YES, NO)[i % 2], p.aad_id, AT) for i, p in enumerate(voters)
    )
    vote = Vote(
        1, 1, "Ska bänkprovet godkännas?", (Option(YES), Option(NO), Option(ABSTAIN)), state, "x", AT, ballots
    )
    chair = group.chair.aad_id if group.chair else None
    return VoteView(vote, chair, tuple(b.municipality for b in ballots), ())


def test_the_open_card_is_the_card_the_whole_count_would_give(group: Group) -> None:
    t = texts_for("sv", ZoneInfo(group.timezone))
    view = _view(group, VoteState.OPEN)
    data = vote_card_data(group, t, view, view.vote.ballots[0].voter)
    assert render("vote", data) == render("vote", data | counted(group, t, view))


def test_the_counted_card_names_every_ballot(group: Group) -> None:
    t = texts_for("sv", ZoneInfo(group.timezone))
    view = _view(group, VoteState.CLOSED)
    text = str(render("vote", vote_card_data(group, t, view)))
    assert all(b.municipality in text for b in view.vote.ballots)
