"""A vote: one ballot per municipality, changeable while open; the chair breaks a tie."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.errors import DomainError
from bot.domain.tally import OutcomeStatus
from bot.domain.votes import (
    ABSTAIN,
    NO,
    YES,
    Option,
    Vote,
    VoteState,
    cast,
    check_closable,
    close,
    decide_tie,
    everyone_voted,
    outcome,
    parse_vote,
    reserving_ballot,
    runoff_options,
)

from .builders import member_of

T0 = datetime(2026, 12, 10, 7, 45, tzinfo=UTC)
WAITING = VoteState.AWAITING_CASTING_VOTE
CHAIR = member_of("Säter")


def a_vote(spoken: str = "", state: VoteState = VoteState.OPEN) -> Vote:
    """Ballots as "Avesta=yes Mora=no", each cast by the municipality's member."""
    vote = Vote(
        1, 1, "Fysisk träff i mars?", (Option(YES), Option(NO), Option(ABSTAIN)), VoteState.OPEN, CHAIR, T0
    )
    for n, word in enumerate(spoken.split()):
        municipality, option = word.split("=")
        vote, _ = cast(vote, municipality, option, member_of(municipality), T0 + timedelta(seconds=n))
    return replace(vote, state=state)


def code_of(call: object) -> str:
    with pytest.raises(DomainError) as err:
        call()  # type: ignore[operator]
    return err.value.code


# --- the question and its options ---------------------------------------------------------


def test_a_question_alone_gets_yes_no_and_abstain() -> None:
    assert parse_vote("  Ska vi ha en fysisk träff i mars? ") == (
        "Ska vi ha en fysisk träff i mars?",
        (Option(YES), Option(NO), Option(ABSTAIN)),
    )


def test_own_proposals_after_bars_and_abstain_is_always_added() -> None:
    question, options = parse_vote("Var ska vi ses? | I Falun |  Digitalt ")
    assert question == "Var ska vi ses?"
    assert options == (Option("p1", "I Falun"), Option("p2", "Digitalt"), Option(ABSTAIN))


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("", "vote.empty_question"),
        ("   | A | B", "vote.empty_question"),
        ("Fråga? | Bara ett", "vote.one_proposal"),
        ("Fråga? | A | ", "vote.empty_proposal"),
        ("Fråga? | A | a", "vote.duplicate_proposal"),
        ("Fråga? | " + " | ".join("ABCDEF"), "vote.too_many_proposals"),
        ("x" * 301, "vote.question_too_long"),
        ("Fråga? | A | " + "b" * 151, "vote.proposal_too_long"),
    ],
)
def test_what_is_not_a_vote(raw: str, code: str) -> None:
    assert code_of(lambda: parse_vote(raw)) == code


# --- casting --------------------------------------------------------------------------------


def test_a_ballot_is_recorded_with_who_cast_it() -> None:
    vote, event = cast(a_vote(), "Avesta", YES, member_of("Avesta"), T0)
    assert [(b.municipality, b.option, b.voter) for b in vote.ballots] == [
        ("Avesta", YES, member_of("Avesta"))
    ]
    assert (event.municipality, event.option, event.previous) == ("Avesta", YES, None)


def test_a_voter_changes_their_vote_and_the_municipality_still_has_one() -> None:
    vote, event = cast(a_vote("Avesta=yes Mora=no"), "Avesta", NO, member_of("Avesta"), T0)
    assert sorted((b.municipality, b.option) for b in vote.ballots) == [("Avesta", NO), ("Mora", NO)]
    assert event.previous == YES


@pytest.mark.parametrize("state", [VoteState.CLOSED, VoteState.AWAITING_CASTING_VOTE])
def test_no_ballot_on_a_closed_vote(state: VoteState) -> None:
    assert code_of(lambda: cast(a_vote(state=state), "Avesta", YES, "x", T0)) == "vote.closed"


def test_an_option_the_vote_does_not_have_is_refused() -> None:
    assert code_of(lambda: cast(a_vote(), "Avesta", "p9", "x", T0)) == "vote.unknown_option"


@given(st.lists(st.tuples(st.sampled_from(["Avesta", "Mora", "Nora"]), st.sampled_from([YES, NO, ABSTAIN]))))
def test_whatever_is_cast_each_municipality_has_its_last_ballot(casts: list[tuple[str, str]]) -> None:
    vote = a_vote()
    for municipality, option in casts:
        vote, _ = cast(vote, municipality, option, member_of(municipality), T0)
    assert {b.municipality: b.option for b in vote.ballots} == dict(casts)


def test_everyone_voted_only_when_every_eligible_municipality_has() -> None:
    vote = a_vote("Avesta=yes Mora=abstain")
    assert everyone_voted(vote, ["Avesta", "Mora"])
    assert not everyone_voted(vote, ["Avesta", "Mora", "Nora"])
    assert not everyone_voted(a_vote(), [])


# --- closing and the casting vote -----------------------------------------------------------


@pytest.mark.parametrize(
    ("spoken", "state", "status", "winner"),
    [
        ("Avesta=yes Mora=yes Nora=no", VoteState.CLOSED, OutcomeStatus.DECIDED, YES),
        ("Avesta=yes Säter=no", VoteState.CLOSED, OutcomeStatus.DECIDED, NO),  # the chair's own ballot
        ("Avesta=yes Mora=no Säter=abstain", WAITING, OutcomeStatus.AWAITING_CASTING_VOTE, None),
        ("Avesta=abstain", VoteState.CLOSED, OutcomeStatus.NO_VOTES_CAST, None),
    ],
)  # fmt: skip
def test_closing_counts(spoken: str, state: VoteState, status: OutcomeStatus, winner: str | None) -> None:
    closed, event = close(a_vote(spoken), CHAIR, T0, by=CHAIR)
    assert closed.state is state and closed.closed_at == T0 and closed.closed_by == CHAIR
    assert (event.outcome.status, event.outcome.winner) == (status, winner)


def test_a_vote_closes_once() -> None:
    closed, _ = close(a_vote("Avesta=yes"), CHAIR, T0, by=None)
    assert code_of(lambda: close(closed, CHAIR, T0, by=None)) == "vote.closed"


def test_at_the_end_of_the_meeting_day_the_bot_closes_it_with_the_ballots_as_cast() -> None:
    closed, event = close(a_vote("Avesta=yes Mora=no Nora=yes"), CHAIR, T0, by=None, day_ended=True)
    assert (closed.state, closed.closed_by, closed.closed_at, closed.closed_at_day_end) == (
        VoteState.CLOSED, None, T0, True,
    )  # fmt: skip
    assert event.outcome.counts == {YES: 2, NO: 1, ABSTAIN: 0}
    tied, _ = close(a_vote("Avesta=yes Mora=no"), CHAIR, T0, by=None, day_ended=True)
    assert tied.state is WAITING  # the chair may still give the casting vote
    assert not close(a_vote("Avesta=yes"), CHAIR, T0, by=CHAIR)[0].closed_at_day_end


def test_votes_are_closed_and_ties_decided_until_the_protocol_is_submitted() -> None:
    check_closable(a_vote("Avesta=yes"), protocol_submitted=False)
    assert code_of(lambda: check_closable(a_vote(), protocol_submitted=True)) == "vote.protocol_submitted"


def test_the_casting_vote_decides_a_tie_the_chair_did_not_break() -> None:
    waiting, _ = close(a_vote("Avesta=yes Mora=no"), CHAIR, T0, by=CHAIR)
    decided, event = decide_tie(waiting, NO, CHAIR)
    assert decided.state is VoteState.CLOSED and decided.casting_vote == NO
    assert (event.outcome.winner, event.outcome.by_casting_vote) == (NO, True)


def test_the_casting_vote_must_be_for_a_tied_option_and_only_on_a_tie() -> None:
    waiting, _ = close(a_vote("Avesta=yes Mora=no"), CHAIR, T0, by=CHAIR)
    assert code_of(lambda: decide_tie(waiting, ABSTAIN, CHAIR)) == "vote.casting_not_tied"
    assert code_of(lambda: decide_tie(a_vote("Avesta=yes Mora=no"), YES, CHAIR)) == "vote.still_open"
    decided, _ = close(a_vote("Avesta=yes"), CHAIR, T0, by=CHAIR)
    assert code_of(lambda: decide_tie(decided, YES, CHAIR)) == "vote.no_tie"


def test_a_substitutes_ballot_for_the_chairs_municipality_is_not_the_chairs() -> None:
    vote, _ = cast(a_vote("Avesta=yes"), "Säter", NO, "substitute1:säter", T0)
    assert outcome(vote, CHAIR).status is OutcomeStatus.AWAITING_CASTING_VOTE


# --- reservations ---------------------------------------------------------------------------


def decided(spoken: str) -> Vote:
    return close(a_vote(spoken), CHAIR, T0, by=CHAIR)[0]


def test_who_voted_against_may_reserve() -> None:
    ballot = reserving_ballot(decided("Avesta=yes Mora=yes Nora=no"), CHAIR, member_of("Nora"), False)
    assert (ballot.municipality, ballot.option) == ("Nora", NO)


@pytest.mark.parametrize(
    ("vote", "who", "submitted", "code"),
    [
        (decided("Avesta=yes Mora=yes Nora=no"), member_of("Avesta"), False, "reservation.not_against"),
        (decided("Avesta=yes Mora=abstain"), member_of("Mora"), False, "reservation.not_against"),
        (decided("Avesta=yes Mora=no Nora=yes"), member_of("Orsa"), False, "reservation.did_not_vote"),
        (decided("Avesta=yes Mora=yes Nora=no"), member_of("Nora"), True, "reservation.protocol_submitted"),
        (decided("Avesta=yes Mora=no"), member_of("Mora"), False, "reservation.no_decision"),  # a tie
        (decided("Avesta=abstain"), member_of("Avesta"), False, "reservation.no_decision"),
        (a_vote("Avesta=yes Mora=no"), member_of("Mora"), False, "reservation.no_decision"),  # still open
    ],
)  # fmt: skip
def test_who_may_not_reserve(vote: Vote, who: str, submitted: bool, code: str) -> None:
    assert code_of(lambda: reserving_ballot(vote, CHAIR, who, submitted)) == code


# --- three proposals: more than half decides, else a run-off --------------------------------

PROPOSALS = (Option("p1", "Falun"), Option("p2", "Digitalt"), Option("p3", "Borlänge"), Option(ABSTAIN))


def proposals_vote(spoken: str) -> Vote:
    """Ballots as "Avesta=p1 Mora=p2" on three proposals, closed."""
    vote = replace(a_vote(), options=PROPOSALS)
    for n, word in enumerate(spoken.split()):
        municipality, option = word.split("=")
        vote, _ = cast(vote, municipality, option, member_of(municipality), T0 + timedelta(seconds=n))
    return close(vote, CHAIR, T0 + timedelta(minutes=5), by=CHAIR)[0]


def test_no_proposal_with_more_than_half_closes_without_decision_and_offers_the_runoff() -> None:
    vote = proposals_vote("Avesta=p1 Mora=p1 Nora=p2 Orsa=p3 Säter=p2 Gagnef=p3 Leksand=p3")
    assert vote.state is VoteState.CLOSED
    assert (outcome(vote, CHAIR).status, outcome(vote, CHAIR).winner) == (OutcomeStatus.NO_MAJORITY, None)
    # Säter is the chair's municipality: its ballot for p2 settles the tie for second place.
    assert runoff_options(vote, CHAIR, held=False) == (PROPOSALS[1], PROPOSALS[2], Option(ABSTAIN))
    assert code_of(lambda: runoff_options(vote, CHAIR, held=True)) == "vote.runoff_held"
    assert (
        code_of(lambda: reserving_ballot(vote, CHAIR, member_of("Avesta"), False))
        == "reservation.no_decision"
    )


def test_a_runoff_only_for_a_first_round_without_majority() -> None:
    decided = proposals_vote("Avesta=p1 Mora=p1 Nora=p2")
    assert code_of(lambda: runoff_options(decided, CHAIR, held=False)) == "vote.runoff_not_needed"
    yes_no = a_vote("Avesta=yes Mora=no", VoteState.CLOSED)
    assert code_of(lambda: runoff_options(yes_no, CHAIR, held=False)) == "vote.runoff_not_needed"
    second = replace(proposals_vote("Avesta=p1 Mora=p2 Nora=p3 Säter=p1"), runoff_of=7)
    assert code_of(lambda: runoff_options(second, CHAIR, held=False)) == "vote.runoff_not_needed"


def test_a_tie_for_second_place_the_chairs_ballot_does_not_settle_waits_for_the_chairs_pick() -> None:
    vote = proposals_vote("Avesta=p2 Mora=p3 Säter=p1 Nora=p1")
    assert vote.state is WAITING
    assert outcome(vote, CHAIR).tied == ("p2", "p3")
    assert code_of(lambda: runoff_options(vote, CHAIR, held=False)) == "vote.runoff_pick_pending"
    assert code_of(lambda: decide_tie(vote, "p1", CHAIR)) == "vote.casting_not_tied"
    picked, _ = decide_tie(vote, "p3", CHAIR)
    assert picked.state is VoteState.CLOSED
    assert runoff_options(picked, CHAIR, held=False) == (PROPOSALS[0], PROPOSALS[2], Option(ABSTAIN))


def test_three_tied_and_the_chair_voted_for_none_take_one_pick_per_place() -> None:
    vote = proposals_vote("Avesta=p1 Mora=p2 Nora=p3 Säter=abstain")
    once, _ = decide_tie(vote, "p2", CHAIR)
    assert once.state is WAITING and outcome(once, CHAIR).tied == ("p1", "p3")
    twice, _ = decide_tie(once, "p1", CHAIR)
    assert twice.state is VoteState.CLOSED
    assert runoff_options(twice, CHAIR, held=False) == (PROPOSALS[0], PROPOSALS[1], Option(ABSTAIN))
