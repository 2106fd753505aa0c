"""Counting a vote: simple majority of the votes cast, the chair's casting vote on a tie.

§3: "Majoritetsbeslut gäller vid omröstning. Ordförande har utslagsröst."
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


@dataclass(frozen=True)
class Outcome:
    status: OutcomeStatus
    winner: str | None
    counts: dict[str, int] = field(default_factory=dict)  # every option, abstain included
    cast: int = 0  # ballots for a real option; abstentions are not votes cast
    tied: tuple[str, ...] = ()  # the options tied at the top, in the order they were offered
    by_casting_vote: bool = False

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


def tally(
    options: Sequence[str],
    ballots: Mapping[str, str],
    *,
    abstain: str | None,
    chair_choice: str | None,
    casting_vote: str | None = None,
) -> Outcome:
    """The outcome of `ballots` (municipality → option) over `options`."""
    counts = _count(options, ballots, abstain)
    real = {option: n for option, n in counts.items() if option != abstain}
    cast = sum(real.values())
    if cast == 0:
        return Outcome(OutcomeStatus.NO_VOTES_CAST, None, counts, 0)
    top = max(real.values())
    leaders = tuple(option for option, n in real.items() if n == top)
    if len(leaders) == 1:
        return Outcome(OutcomeStatus.DECIDED, leaders[0], counts, cast)
    winner = _break_tie(leaders, chair_choice, casting_vote)
    if winner is None:
        return Outcome(OutcomeStatus.AWAITING_CASTING_VOTE, None, counts, cast, leaders)
    return Outcome(OutcomeStatus.DECIDED, winner, counts, cast, leaders, by_casting_vote=True)
