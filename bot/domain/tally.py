"""Counting a vote: more than half of the votes cast decides, the chair's casting vote on a tie.

§3: "Majoritetsbeslut gäller vid omröstning. Ordförande har utslagsröst."

With two options the one with more votes has more than half; on a tie the chair's casting
vote decides. With three or more proposals, one that has more than half of the votes cast
(abstentions are not votes cast) is the decision; when none has, the two with most votes are
put against each other in a second round (a run-off), as Swedish meeting practice does. A tie
for a place in the run-off is settled as a tie for the decision is: by the chair's own ballot
among the tied, else by the chair's choice (`runoff_picks`), one place at a time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from .errors import DomainError


class OutcomeStatus(StrEnum):
    DECIDED = "decided"
    AWAITING_CASTING_VOTE = "awaiting_casting_vote"  # tie, and the chair's ballot did not break it
    NO_VOTES_CAST = "no_votes_cast"  # nobody voted, or everybody abstained
    NO_MAJORITY = "no_majority"  # three or more proposals, none with more than half: a run-off
    AWAITING_RUNOFF_PICK = "awaiting_runoff_pick"  # no majority, and a tie for a place in the run-off


@dataclass(frozen=True)
class Outcome:
    status: OutcomeStatus
    winner: str | None
    counts: dict[str, int] = field(default_factory=dict)  # every option, abstain included
    cast: int = 0  # ballots for a real option; abstentions are not votes cast
    tied: tuple[str, ...] = ()  # the options tied at the top, in the order they were offered
    by_casting_vote: bool = False
    # No majority: the options settled for the run-off, in the order they were offered (two, once
    # every place is settled); `tied` then holds those still tied for the place left.
    runoff: tuple[str, ...] = ()

    @property
    def is_decided(self) -> bool:
        return self.status is OutcomeStatus.DECIDED


def _count(options: Sequence[str], ballots: Mapping[str, str], abstain: str | None) -> dict[str, int]:
    counts = dict.fromkeys(options, 0)
    if abstain is not None:
        counts.setdefault(abstain, 0)
    for municipality, option in ballots.items():
        if option not in counts:
            raise DomainError("vote.unknown_option", option=option, municipality=municipality)
        counts[option] += 1
    return counts


def _break_tie(tied: tuple[str, ...], chair_choice: str | None, casting_vote: str | None) -> str | None:
    # The chair's own ballot for one of the tied options is the casting vote (utslagsröst);
    # only when the chair voted otherwise or not at all is a separate casting vote asked for.
    if chair_choice in tied:
        return chair_choice
    if casting_vote is None:
        return None
    if casting_vote not in tied:
        raise DomainError("vote.casting_not_tied", option=casting_vote, tied=tied)
    return casting_vote


RUNOFF_PLACES = 2


def _runoff(
    real: Mapping[str, int], chair_choice: str | None, picks: Sequence[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The options with most votes for the run-off's two places, and those still tied for one."""
    settled: list[str] = []
    for number in sorted(set(real.values()), reverse=True):
        group = [option for option, n in real.items() if n == number]
        places = RUNOFF_PLACES - len(settled)
        if len(group) > places:
            # A tie for the places left: the chair's own ballot first, then the chair's picks.
            for choice in (chair_choice, *picks):
                if places and choice in group:
                    settled.append(choice)
                    group.remove(choice)
                    places -= 1
            if places:
                return _in_order(real, settled), tuple(group)
            group = []
        settled += group
        if len(settled) == RUNOFF_PLACES:
            break
    return _in_order(real, settled), ()


def _in_order(real: Mapping[str, int], chosen: Sequence[str]) -> tuple[str, ...]:
    return tuple(option for option in real if option in chosen)


def _no_majority(
    counts: dict[str, int], real: Mapping[str, int], cast: int, chair_choice: str | None, picks: Sequence[str]
) -> Outcome:
    for pick in picks:
        if pick not in real:
            raise DomainError("vote.unknown_option", option=pick, municipality="")
    settled, tied = _runoff(real, chair_choice, picks)
    if tied:
        return Outcome(OutcomeStatus.AWAITING_RUNOFF_PICK, None, counts, cast, tied, runoff=settled)
    return Outcome(OutcomeStatus.NO_MAJORITY, None, counts, cast, runoff=settled)


def tally(
    options: Sequence[str],
    ballots: Mapping[str, str],
    *,
    abstain: str | None,
    chair_choice: str | None,
    casting_vote: str | None = None,
    runoff_picks: Sequence[str] = (),
) -> Outcome:
    """The outcome of `ballots` (municipality → option) over `options`.

    `runoff_picks`: the chair's choices among options tied for a place in the run-off.
    """
    counts = _count(options, ballots, abstain)
    real = {option: n for option, n in counts.items() if option != abstain}
    cast = sum(real.values())
    if cast == 0:
        return Outcome(OutcomeStatus.NO_VOTES_CAST, None, counts, 0)
    top = max(real.values())
    if len(real) > RUNOFF_PLACES and 2 * top <= cast:
        return _no_majority(counts, real, cast, chair_choice, runoff_picks)
    leaders = tuple(option for option, n in real.items() if n == top)
    if len(leaders) == 1:
        return Outcome(OutcomeStatus.DECIDED, leaders[0], counts, cast)
    winner = _break_tie(leaders, chair_choice, casting_vote)
    if winner is None:
        return Outcome(OutcomeStatus.AWAITING_CASTING_VOTE, None, counts, cast, leaders)
    return Outcome(OutcomeStatus.DECIDED, winner, counts, cast, leaders, by_casting_vote=True)
