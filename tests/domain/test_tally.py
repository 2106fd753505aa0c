"""More than half of the votes cast decides; on a tie the chair has the casting vote (§3).

With three or more proposals and none with more than half, the two with most go to a run-off.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.errors import DomainError
from bot.domain.tally import Outcome, OutcomeStatus, tally

YES, NO, ABSTAIN = "ja", "nej", "avstår"
OPTIONS = (YES, NO, ABSTAIN)


def count(b: dict[str, str], chair: str | None = None, casting: str | None = None) -> Outcome:
    return tally(OPTIONS, b, abstain=ABSTAIN, chair_choice=chair, casting_vote=casting)


def municipalities_voting(spoken: str) -> dict[str, str]:
    """Ballots in municipality order: "ja nej" is Avesta ja, Mora nej."""
    return dict(zip(("Avesta", "Mora", "Nora", "Orsa", "Säter"), spoken.split(), strict=False))


@pytest.mark.parametrize(
    ("spoken", "chair", "status", "winner", "by_casting_vote"),
    [
        ("ja ja nej", NO, OutcomeStatus.DECIDED, YES, False),  # the majority wins over the chair
        ("ja nej avstår avstår ja", YES, OutcomeStatus.DECIDED, YES, False),  # abstentions are no votes
        ("ja nej", NO, OutcomeStatus.DECIDED, NO, True),  # tie: the chair's own ballot decides
        ("ja nej", None, OutcomeStatus.AWAITING_CASTING_VOTE, None, False),  # tie, the chair did not vote
        ("ja nej avstår", ABSTAIN, OutcomeStatus.AWAITING_CASTING_VOTE, None, False),  # the chair abstained
        ("avstår avstår", ABSTAIN, OutcomeStatus.NO_VOTES_CAST, None, False),
        ("", None, OutcomeStatus.NO_VOTES_CAST, None, False),
    ],
)
def test_outcomes(
    spoken: str, chair: str | None, status: OutcomeStatus, winner: str | None, by_casting_vote: bool
) -> None:
    outcome = count(municipalities_voting(spoken), chair)
    assert (outcome.status, outcome.winner, outcome.by_casting_vote) == (status, winner, by_casting_vote)


def test_counts_name_every_option_and_cast_excludes_abstentions() -> None:
    outcome = count(dict(Avesta=YES, Mora=ABSTAIN, Nora=YES))
    assert outcome.counts == {YES: 2, NO: 0, ABSTAIN: 1}
    assert outcome.cast == 2
    assert outcome.tied == ()


def test_the_abstain_option_is_counted_even_when_not_listed_among_the_options() -> None:
    outcome = tally([YES, NO], {"Avesta": ABSTAIN}, abstain=ABSTAIN, chair_choice=None)
    assert outcome.counts == {YES: 0, NO: 0, ABSTAIN: 1}
    assert outcome.status is OutcomeStatus.NO_VOTES_CAST


def three(b: dict[str, str], chair: str | None = None, picks: tuple[str, ...] = ()) -> Outcome:
    return tally(("A", "B", "C"), b, abstain=ABSTAIN, chair_choice=chair, runoff_picks=picks)


def ballots(spoken: str) -> dict[str, str]:
    """ "A A B C" is one municipality each voting A, A, B and C."""
    return {f"kommun{i}": option for i, option in enumerate(spoken.split())}


def test_with_three_proposals_more_than_half_of_the_votes_cast_decides() -> None:
    outcome = three(ballots(f"A A A B C {ABSTAIN} {ABSTAIN}"))  # 3 of 5 cast: abstentions do not count
    assert (outcome.status, outcome.winner) == (OutcomeStatus.DECIDED, "A")


def test_the_most_votes_without_more_than_half_is_no_decision_but_a_runoff_of_the_two_with_most() -> None:
    outcome = three(ballots("C C A A A B"), chair="A")  # A has 3 of 6: most, not more than half
    assert (outcome.status, outcome.winner) == (OutcomeStatus.NO_MAJORITY, None)
    assert outcome.runoff == ("A", "C")  # in the order offered


def test_exactly_half_is_not_more_than_half() -> None:
    outcome = three(ballots("A A A B B C"))
    assert (outcome.status, outcome.runoff) == (OutcomeStatus.NO_MAJORITY, ("A", "B"))


def test_a_tie_for_second_place_goes_by_the_chairs_own_ballot() -> None:
    outcome = three(ballots("A A A B B C C"), chair="C")
    assert (outcome.status, outcome.runoff) == (OutcomeStatus.NO_MAJORITY, ("A", "C"))


def test_a_tie_for_second_place_waits_for_the_chair_when_the_chairs_ballot_is_not_among_the_tied() -> None:
    b = ballots("A A A B B C C")
    waiting = three(b, chair="A")
    assert (waiting.status, waiting.runoff, waiting.tied) == (
        OutcomeStatus.AWAITING_RUNOFF_PICK,
        ("A",),
        ("B", "C"),
    )
    picked = three(b, chair="A", picks=("B",))
    assert (picked.status, picked.runoff, picked.tied) == (OutcomeStatus.NO_MAJORITY, ("A", "B"), ())


def test_three_tied_for_two_places_take_the_chairs_ballot_and_then_one_pick() -> None:
    b = ballots("A B C")
    assert three(b, chair="B").tied == ("A", "C")
    assert three(b, chair="B", picks=("C",)).runoff == ("B", "C")
    # The chair voted for none of them: a pick for each place.
    assert three(b, chair=ABSTAIN, picks=("C",)).tied == ("A", "B")
    assert three(b, chair=ABSTAIN, picks=("C", "A")).runoff == ("A", "C")


def test_a_tie_among_two_options_names_only_those() -> None:
    b = {"x": "A", "y": "B", "z": "A", "w": "B", "v": ABSTAIN}
    outcome = tally(("A", "B"), b, abstain=ABSTAIN, chair_choice=ABSTAIN)
    assert (outcome.status, outcome.tied, outcome.runoff) == (
        OutcomeStatus.AWAITING_CASTING_VOTE,
        ("A", "B"),
        (),
    )


def test_a_separate_casting_vote_breaks_the_tie() -> None:
    outcome = count(dict(Avesta=YES, Mora=NO), chair=None, casting=YES)
    assert (outcome.status, outcome.winner, outcome.by_casting_vote) == (OutcomeStatus.DECIDED, YES, True)
    assert outcome.tied == (YES, NO)


def test_a_casting_vote_must_be_for_a_tied_option() -> None:
    with pytest.raises(DomainError) as err:
        tally(("A", "B"), {"x": "A", "y": "B"}, abstain=None, chair_choice=None, casting_vote="C")
    assert err.value.code == "vote.unknown_option" or err.value.params == {"option": "C", "tied": ("A", "B")}


def test_the_abstain_option_is_no_casting_vote() -> None:
    with pytest.raises(DomainError) as err:
        count(dict(Avesta=YES, Mora=NO), casting=ABSTAIN)
    assert err.value.code == "vote.casting_not_tied"


def test_the_chairs_ballot_in_the_tie_wins_over_a_separate_casting_vote() -> None:
    outcome = count(dict(Avesta=YES, Säter=NO), chair=NO, casting=YES)
    assert outcome.winner == NO


def test_a_casting_vote_without_a_tie_changes_nothing() -> None:
    assert count(dict(Avesta=YES, Mora=YES, Nora=NO), casting=NO).winner == YES


def test_a_ballot_for_an_unknown_option_is_refused() -> None:
    with pytest.raises(DomainError) as err:
        count(dict(Avesta=YES, Mora="kanske"))
    assert err.value.code == "vote.unknown_option"
    assert err.value.params == {"option": "kanske", "municipality": "Mora"}


# --- invariants -----------------------------------------------------------------------

MUNICIPALITIES = [f"kommun{i}" for i in range(22)]
real_ballots = st.dictionaries(st.sampled_from(MUNICIPALITIES), st.sampled_from(["A", "B", "C"]))
choices = st.none() | st.sampled_from(["A", "B", "C", ABSTAIN])


def vote(b: dict[str, str], chair: str | None = None) -> Outcome:
    return tally(("A", "B", "C"), b, abstain=ABSTAIN, chair_choice=chair)


@given(b=real_ballots, extra=st.sets(st.sampled_from(MUNICIPALITIES)), chair=choices)
def test_adding_abstentions_never_changes_the_outcome(
    b: dict[str, str], extra: set[str], chair: str | None
) -> None:
    with_abstentions = {**{m: ABSTAIN for m in extra if m not in b}, **b}
    before, after = vote(b, chair), vote(with_abstentions, chair)
    assert (after.status, after.winner, after.tied) == (before.status, before.winner, before.tied)
    assert after.cast == before.cast


@given(b=real_ballots, chair=choices)
def test_more_than_half_always_wins_whatever_the_chair_chose(b: dict[str, str], chair: str | None) -> None:
    outcome = vote(b, chair)
    top = max(outcome.counts[o] for o in "ABC")
    if 2 * top > outcome.cast:
        assert outcome.status is OutcomeStatus.DECIDED and not outcome.by_casting_vote
        assert outcome.counts[outcome.winner] == top  # type: ignore[index]
    elif outcome.cast:
        assert outcome.status in (OutcomeStatus.NO_MAJORITY, OutcomeStatus.AWAITING_RUNOFF_PICK)
        assert outcome.winner is None


@given(b=real_ballots, chair=choices)
def test_the_runoff_holds_two_with_most_votes_and_ties_only_by_the_chair(
    b: dict[str, str], chair: str | None
) -> None:
    outcome = vote(b, chair)
    if outcome.status is OutcomeStatus.NO_MAJORITY:
        assert len(outcome.runoff) == 2
        left_out = [outcome.counts[o] for o in "ABC" if o not in outcome.runoff]
        assert all(n <= outcome.counts[o] for n in left_out for o in outcome.runoff)
        # A place decided by a tie went to the chair's own ballot.
        assert all(n < outcome.counts[o] or o == chair for n in left_out for o in outcome.runoff)
    if outcome.status is OutcomeStatus.AWAITING_RUNOFF_PICK:
        assert chair not in outcome.tied and len(outcome.tied) >= 2


@given(b=st.dictionaries(st.sampled_from(MUNICIPALITIES), st.sampled_from(["A", "B"])), chair=choices)
def test_a_tie_is_decided_only_by_the_chair(b: dict[str, str], chair: str | None) -> None:
    outcome = tally(("A", "B"), b, abstain=ABSTAIN, chair_choice=chair)
    if len(outcome.tied) > 1:
        if chair in outcome.tied:
            assert (outcome.winner, outcome.by_casting_vote) == (chair, True)
        else:
            assert (outcome.status, outcome.winner) == (OutcomeStatus.AWAITING_CASTING_VOTE, None)


@given(b=real_ballots, chair=choices)
def test_counts_add_up(b: dict[str, str], chair: str | None) -> None:
    outcome = vote(b, chair)
    assert sum(outcome.counts.values()) == len(b)
    assert outcome.cast == sum(n for option, n in outcome.counts.items() if option != ABSTAIN)
    assert (outcome.status is OutcomeStatus.NO_VOTES_CAST) == (outcome.cast == 0)
