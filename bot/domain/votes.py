"""Votes (omröstningar): one ballot per municipality, changeable until the vote closes.

Ballots are open (named), as in Swedish municipal practice: each records who cast it,
and the result lists who voted what. The count itself is `tally.tally`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from .errors import DomainError
from .events import Event
from .tally import Outcome, OutcomeStatus, tally
from .text import normalise_text

YES, NO, ABSTAIN = "yes", "no", "abstain"
QUESTION_MAX = 300
PROPOSAL_MAX = 150
PROPOSALS_MAX = 5  # with Avstår six buttons, as many as fit a row in Teams
SEPARATOR = "|"
PICKS_SEPARATOR = ","  # the chair's picks for the run-off's places, kept in `casting_vote`


class VoteState(StrEnum):
    OPEN = "open"
    AWAITING_CASTING_VOTE = "awaiting_casting_vote"  # closed for ballots, the result waits for the chair
    CLOSED = "closed"


@dataclass(frozen=True)
class Option:
    id: str  # "yes", "no", "abstain" (their words come from the catalogue) or "p1", "p2", …
    text: str | None = None  # a proposal as its author wrote it; None for the standard options


@dataclass(frozen=True)
class Ballot:
    municipality: str
    option: str  # an Option.id
    voter: str  # aad id of the person who cast it
    cast_at: datetime


@dataclass(frozen=True)
class Vote:
    id: int
    meeting_id: int
    question: str
    options: tuple[Option, ...]
    state: VoteState
    opened_by: str
    opened_at: datetime
    ballots: tuple[Ballot, ...] = ()
    closed_by: str | None = None  # None when the bot closed it: everyone had voted, or the day ended
    closed_at: datetime | None = None
    casting_vote: str | None = None  # the chair's utslagsröst, when one was asked for
    # Still open when the meeting day ended: the bot closed it with the ballots as cast.
    closed_at_day_end: bool = False
    runoff_of: int | None = None  # a run-off: the first round it puts two proposals of against each other

    @property
    def is_open(self) -> bool:
        return self.state is VoteState.OPEN

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def ballot_of(self, municipality: str) -> Ballot | None:
        return next((b for b in self.ballots if b.municipality == municipality), None)


@dataclass(frozen=True)
class Reservation:
    vote_id: int
    aad_id: str
    municipality: str
    reason: str | None
    recorded_at: datetime


@dataclass(frozen=True)
class BallotCast(Event):
    vote_id: int
    municipality: str
    option: str
    previous: str | None  # the option it replaced, when the voter changed their vote


@dataclass(frozen=True)
class VoteClosed(Event):
    vote_id: int
    outcome: Outcome


def _clean(raw: str, limit: int, too_long: str) -> str:
    text = " ".join(normalise_text(raw).split())
    if len(text) > limit:
        raise DomainError(too_long, limit=limit, length=len(text))
    return text


def parse_vote(raw: str) -> tuple[str, tuple[Option, ...]]:
    """`Fråga? | Förslag A | Förslag B` → the question and its options; Avstår is always added."""
    question, *proposals = raw.split(SEPARATOR)
    question = _clean(question, QUESTION_MAX, "vote.question_too_long")
    if not question:
        raise DomainError("vote.empty_question")
    if not proposals:
        return question, (Option(YES), Option(NO), Option(ABSTAIN))
    texts = [_clean(p, PROPOSAL_MAX, "vote.proposal_too_long") for p in proposals]
    if any(not text for text in texts):
        raise DomainError("vote.empty_proposal")
    if len(texts) < 2:
        raise DomainError("vote.one_proposal")
    if len(texts) > PROPOSALS_MAX:
        raise DomainError("vote.too_many_proposals", limit=PROPOSALS_MAX, count=len(texts))
    if len({t.casefold() for t in texts}) < len(texts):
        raise DomainError("vote.duplicate_proposal")
    options = tuple(Option(f"p{n}", text) for n, text in enumerate(texts, start=1))
    return question, (*options, Option(ABSTAIN))


def chair_choice(vote: Vote, chair_id: str | None) -> str | None:
    """The ballot of who chairs the meeting (`chair_id`): on a tie it is the casting vote (§3,
    "ordförande har utslagsröst"). An absent chair is not `chair_id`: their ballot never decides."""
    if chair_id is None:
        return None
    return next((b.option for b in vote.ballots if b.voter.casefold() == chair_id.casefold()), None)


def _picks(vote: Vote) -> tuple[str, ...]:
    return tuple(vote.casting_vote.split(PICKS_SEPARATOR)) if vote.casting_vote else ()


def outcome(vote: Vote, chair_id: str | None) -> Outcome:
    # With three or more proposals no tie for the decision can arise (two cannot both have more
    # than half), so `casting_vote` then holds the chair's picks for the run-off instead.
    ballots = {b.municipality: b.option for b in vote.ballots}
    return tally(
        [o.id for o in vote.options],
        ballots,
        abstain=ABSTAIN,
        # A casting vote recorded stands, whoever chairs when the vote is counted again.
        chair_choice=chair_choice(vote, chair_id) if vote.casting_vote is None else None,
        casting_vote=vote.casting_vote,
        runoff_picks=_picks(vote),
    )


_WAITING = (OutcomeStatus.AWAITING_CASTING_VOTE, OutcomeStatus.AWAITING_RUNOFF_PICK)


def cast(vote: Vote, municipality: str, option: str, voter: str, now: datetime) -> tuple[Vote, BallotCast]:
    """The municipality's ballot, new or changed; `municipality` comes from eligibility, never from a card."""
    if not vote.is_open:
        raise DomainError("vote.closed", question=vote.question)
    if vote.option(option) is None:
        raise DomainError("vote.unknown_option", option=option, municipality=municipality)
    before = vote.ballot_of(municipality)
    others = tuple(b for b in vote.ballots if b.municipality != municipality)
    ballots = (*others, Ballot(municipality, option, voter, now))
    event = BallotCast(vote.id, municipality, option, before.option if before else None)
    return replace(vote, ballots=ballots), event


def everyone_voted(vote: Vote, eligible: Collection[str]) -> bool:
    """Every municipality that may vote now has a ballot (and there is at least one)."""
    voted = {b.municipality for b in vote.ballots}
    return bool(eligible) and all(m in voted for m in eligible)


def close(
    vote: Vote, chair_id: str | None, now: datetime, by: str | None, *, day_ended: bool = False
) -> tuple[Vote, VoteClosed]:
    """`day_ended`: the bot closes it because the meeting day is over (`now` is then the day's end)."""
    if not vote.is_open:
        raise DomainError("vote.closed", question=vote.question)
    result = outcome(vote, chair_id)
    waiting = result.status in _WAITING
    state = VoteState.AWAITING_CASTING_VOTE if waiting else VoteState.CLOSED
    # The ballot of who chaired at the close broke the tie: it is kept as the casting vote, so
    # the decision stands when the chair checks in later, or the acting chair leaves.
    casting = result.winner if result.by_casting_vote else vote.casting_vote
    closed = replace(
        vote, state=state, closed_by=by, closed_at=now, closed_at_day_end=day_ended, casting_vote=casting
    )
    return closed, VoteClosed(vote.id, result)


def check_closable(vote: Vote, protocol_submitted: bool) -> None:
    """Closing a vote, and the chair's casting vote, are taken until the protocol goes to adjustment:
    after the meeting day too, but never into a record already handed to the adjuster."""
    if protocol_submitted:
        raise DomainError("vote.protocol_submitted", question=vote.question)


def decide_tie(vote: Vote, option: str, chair_id: str | None) -> tuple[Vote, VoteClosed]:
    """The chair's casting vote between the tied options, or pick for a place in the run-off."""
    if vote.is_open:
        raise DomainError("vote.still_open")
    if vote.state is not VoteState.AWAITING_CASTING_VOTE:
        raise DomainError("vote.no_tie")
    before = outcome(vote, chair_id)
    if before.status is OutcomeStatus.AWAITING_RUNOFF_PICK:
        if option not in before.tied:
            raise DomainError("vote.casting_not_tied", option=option, tied=before.tied)
        decided = replace(vote, casting_vote=PICKS_SEPARATOR.join((*_picks(vote), option)))
    else:
        decided = replace(vote, casting_vote=option)
    result = outcome(decided, chair_id)  # raises vote.casting_not_tied for any other option
    state = VoteState.AWAITING_CASTING_VOTE if result.status in _WAITING else VoteState.CLOSED
    return replace(decided, state=state), VoteClosed(vote.id, result)


def runoff_options(first: Vote, chair_id: str | None, held: bool) -> tuple[Option, ...]:
    """The run-off's options: the two proposals with most votes in `first`, and Avstår.

    `held`: `first` has had its run-off already; there is one run-off to a first round.
    """
    if first.is_open:
        raise DomainError("vote.still_open")
    if first.runoff_of is not None:
        raise DomainError("vote.runoff_not_needed")
    result = outcome(first, chair_id)
    if result.status is OutcomeStatus.AWAITING_RUNOFF_PICK:
        raise DomainError("vote.runoff_pick_pending")
    if result.status is not OutcomeStatus.NO_MAJORITY:
        raise DomainError("vote.runoff_not_needed")
    if held:
        raise DomainError("vote.runoff_held")
    return (*(o for o in first.options if o.id in result.runoff), Option(ABSTAIN))


def clean_reason(raw: str | None, limit: int) -> str | None:
    text = normalise_text(raw or "")
    if len(text) > limit:
        raise DomainError("reservation.too_long", limit=limit, length=len(text))
    return text or None


def reserving_ballot(vote: Vote, chair_id: str | None, voter: str, protocol_submitted: bool) -> Ballot:
    """The ballot that entitles `voter` to a reservation: theirs, for an option that lost.

    Reservations stay open until the protocol is submitted for adjustment.
    """
    if protocol_submitted:
        raise DomainError("reservation.protocol_submitted")
    result = outcome(vote, chair_id)
    if vote.state is not VoteState.CLOSED or not result.is_decided:
        raise DomainError("reservation.no_decision")
    ballot = next((b for b in vote.ballots if b.voter.casefold() == voter.casefold()), None)
    if ballot is None:
        raise DomainError("reservation.did_not_vote")
    if ballot.option in (result.winner, ABSTAIN):
        raise DomainError("reservation.not_against")
    return ballot
