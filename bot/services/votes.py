"""Votes by card: open, cast (and change), close, the chair's casting vote, run-offs, reservations.

Every change to a vote starts with `votes.locked`, so its changes are made one
transaction at a time on SQLite and PostgreSQL alike: two last voters cannot both
miss (or both make) the automatic close. The ballots that arrive while one is being
counted are counted together in the next transaction (`BallotBox`), each judged in
turn as if it had been alone. Each change refreshes the vote's card in the channel;
the refresh renders the stored state when it is delivered.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property

from bot.domain import votes as rules
from bot.domain.attendance import present_ids
from bot.domain.chairing import meeting_chair_id
from bot.domain.eligibility import eligible_voters, quorum, voting_municipality
from bot.domain.errors import DomainError
from bot.domain.meeting_day import day_ends_at, day_has_ended
from bot.domain.permissions import Action, actor
from bot.domain.tally import Outcome, OutcomeStatus
from bot.domain.votes import BallotCast, Reservation, Vote, VoteState
from bot.services.activities import DeliveredAgain, record_deliveries
from bot.services.ballot_box import Paper
from bot.services.chairing import chair_id_of, chair_of, chairing_actor
from bot.services.context import Context
from bot.services.meeting_day import meeting_by_id, the_current_meeting
from bot.services.ports.store import UnitOfWork
from bot.services.ports.votes import NewVote
from bot.services.posts import post_card, refresh_card, vote_key

RESERVATION_REASON_MAX = 1000
REFRESH_MAX = 60  # Teams refreshes a card for at most 60 named users


@dataclass(frozen=True)
class VoteView:
    vote: Vote
    chair_id: str | None
    eligible: tuple[str, ...]  # municipalities that may vote now, in Swedish order
    reservations: tuple[Reservation, ...]
    # The voters present, by their ids in the chat channel: the channel's card is refreshed for
    # each of them into their own (what they voted, whether they may reserve themselves).
    refresh_ids: tuple[str, ...] = ()
    runoff_id: int | None = None  # a first round without majority: its run-off, once opened

    @cached_property
    def outcome(self) -> Outcome:
        # Worked out when asked for: the open vote's card, answered on every click, does not ask.
        return rules.outcome(self.vote, self.chair_id)


@dataclass(frozen=True)
class BallotAccepted:
    view: VoteView
    cast: BallotCast
    closed: bool  # this ballot was the last one: the vote closed itself


def _view_of(
    vote: Vote,
    chair_id: str | None,
    eligible: Mapping[str, object],
    reservations: Iterable[Reservation],
    refresh_ids: tuple[str, ...] = (),
) -> VoteView:
    return VoteView(vote, chair_id, tuple(eligible), tuple(reservations), refresh_ids)


async def _view(ctx: Context, uow: UnitOfWork, vote: Vote, *, for_channel: bool = False) -> VoteView:
    """`for_channel`: the card everyone sees, which names the voters to refresh it for."""
    present = present_ids(await uow.attendance.marks(vote.meeting_id))
    day = await uow.meeting_days.get(vote.meeting_id)
    eligible = eligible_voters(ctx.group, present)
    refresh_ids: tuple[str, ...] = ()
    if for_channel:
        voters = [p.aad_id.casefold() for people in eligible.values() for p in people]
        known = await uow.attendance.channel_ids(voters)
        refresh_ids = tuple(known[v] for v in voters if v in known)[:REFRESH_MAX]
    chair_id = meeting_chair_id(ctx.group, present, day.acting_chair if day else None)
    view = _view_of(vote, chair_id, eligible, await uow.votes.reservations(vote.id), refresh_ids)
    if vote.state is VoteState.CLOSED and view.outcome.status is OutcomeStatus.NO_MAJORITY:
        return replace(view, runoff_id=await _runoff_id(uow, vote))
    return view


async def _runoff_id(uow: UnitOfWork, first: Vote) -> int | None:
    held = await uow.votes.for_meeting(first.meeting_id)
    return next((v.id for v in held if v.runoff_of == first.id), None)


async def vote_of(ctx: Context, vote_id: int, *, for_channel: bool = False) -> VoteView:
    """The vote as it stands (for the bot's own card, so no actor)."""
    async with ctx.uow() as uow:
        vote = await uow.votes.get(vote_id)
        if vote is None:
            raise DomainError("vote.not_found")
        return await _view(ctx, uow, vote, for_channel=for_channel)


async def open_vote(ctx: Context, actor_id: str, text: str) -> VoteView:
    person = actor(ctx.group, actor_id, Action.OPEN_VOTE)
    question, options = rules.parse_vote(text)
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        meeting = await the_current_meeting(uow, now)
        here = quorum(ctx.group, present_ids(await uow.attendance.marks(meeting.id)))
        if ctx.group.rules.quorum_required_for_votes and not here.reached:
            raise DomainError("vote.no_quorum", present=len(here.present_municipalities), needed=here.needed)
        vote = await uow.votes.add(NewVote(meeting.id, question, options, person.aad_id, now))
        await uow.outbox.enqueue(post_card(ctx, vote_key(vote.id), "vote", {"vote_id": vote.id}), now)
        view = await _view(ctx, uow, vote)
        await uow.commit()
    return view


async def _locked(uow: UnitOfWork, vote_id: int) -> Vote:
    """The vote, locked for the rest of this transaction (see `VoteRepository.lock`)."""
    vote = await uow.votes.locked(vote_id)
    if vote is None:
        raise DomainError("vote.not_found")
    return vote


async def _in_current_meeting(uow: UnitOfWork, vote: Vote, ctx: Context) -> None:
    meeting = await the_current_meeting(uow, ctx.clock.now())
    if meeting.id != vote.meeting_id:
        raise DomainError("vote.other_meeting")


async def cast_vote(
    ctx: Context, actor_id: str, vote_id: int, option: str, delivery: tuple[str, str] | None = None
) -> BallotAccepted:
    """The voter's municipality comes from attendance and the activity's identity, never from the card.

    Ballots that arrive together are counted together (see `BallotBox`), each as if alone.
    `delivery` (conversation id, activity id) is recorded with the ballot; a press delivered
    again raises `DeliveredAgain`.
    """
    paper = Paper(actor_id, option, ctx.clock.now(), delivery)
    return await ctx.ballots.cast(vote_id, paper, lambda vote_id, papers: _count(ctx, vote_id, papers))


async def _count(
    ctx: Context, vote_id: int, papers: Sequence[Paper]
) -> list[BallotAccepted | DomainError | DeliveredAgain]:
    """The papers in the order they arrived, in one transaction under the vote's lock.

    Each voter is answered with the vote as their own ballot left it, as if it had been alone.
    """
    async with ctx.uow() as uow:
        vote = await _locked(uow, vote_id)
        if not vote.is_open:
            raise DomainError("vote.closed", question=vote.question)
        await _in_current_meeting(uow, vote, ctx)
        present = present_ids(await uow.attendance.marks(vote.meeting_id))
        eligible = eligible_voters(ctx.group, present)
        chair_id = await chair_id_of(ctx, uow, vote.meeting_id, present)
        recorded = [p for p in papers if p.delivery is not None]
        firsts = await record_deliveries(uow, [p.delivery for p in recorded if p.delivery], ctx.clock.now())
        again = {id(p) for p, first in zip(recorded, firsts, strict=True) if not first}
        answers: list[BallotAccepted | DomainError | DeliveredAgain] = []
        for paper in papers:
            if id(paper) in again:
                answers.append(DeliveredAgain())
                continue
            try:
                vote, event, closed = _count_one(ctx, vote, paper, present, eligible, chair_id)
            except DomainError as refused:
                answers.append(refused)
            else:
                # The card from what this transaction already holds: attendance as read above, and
                # no reservations, which are only taken against a closed vote's decision.
                answers.append(BallotAccepted(_view_of(vote, chair_id, eligible, ()), event, closed))
        changed = {a.cast.municipality for a in answers if isinstance(a, BallotAccepted)}
        if changed:
            await uow.votes.put_ballots(vote.id, [b for b in vote.ballots if b.municipality in changed])
            view = _view_of(vote, chair_id, eligible, ())
            await _record(ctx, uow, view, state_changed=not vote.is_open)
            # Nothing changed, nothing kept: not even the record of refused presses, which are
            # refused again, in the same words, if Teams delivers them again.
            await uow.commit()
    return answers


def _count_one(
    ctx: Context,
    vote: Vote,
    paper: Paper,
    present: Collection[str],
    eligible: Mapping[str, object],
    chair_id: str | None,
) -> tuple[Vote, BallotCast, bool]:
    if not vote.is_open:  # an earlier paper of this batch closed it
        raise DomainError("vote.closed", question=vote.question)
    municipality = voting_municipality(ctx.group, present, paper.actor_id)
    voter = ctx.group.person(paper.actor_id)
    assert voter is not None  # voting_municipality has checked
    vote, event = rules.cast(vote, municipality, paper.option, voter.aad_id, paper.at)
    if not rules.everyone_voted(vote, eligible):
        return vote, event, False
    vote, _ = rules.close(vote, chair_id, paper.at, by=None)
    return vote, event, True


async def _closable(uow: UnitOfWork, vote: Vote) -> None:
    """At the meeting or after its day, until the protocol is submitted (`rules.check_closable`)."""
    day = await uow.meeting_days.get(vote.meeting_id)
    rules.check_closable(vote, day is not None and day.submitted_for_adjustment_at is not None)


async def close_vote(ctx: Context, actor_id: str, vote_id: int) -> VoteView:
    actor(ctx.group, actor_id, Action.READ)
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        vote = await _locked(uow, vote_id)
        person = await chairing_actor(ctx, uow, actor_id, vote.meeting_id, Action.CLOSE_VOTE)
        if not vote.is_open:  # e.g. the bot closed it when the meeting day ended
            raise DomainError("vote.already_closed", question=vote.question)
        await _closable(uow, vote)
        vote, _ = rules.close(vote, await chair_id_of(ctx, uow, vote.meeting_id), now, by=person.aad_id)
        view = await _save(ctx, uow, vote)
        await uow.commit()
    return view


async def close_ended_votes(ctx: Context) -> list[int]:
    """For the scheduler: every vote still open when its meeting day ended, closed with the ballots
    as cast. Each is closed under the vote's lock and only if still open, so a second process, a
    restart or the chair closing it at the same moment closes it once. Returns the votes closed."""
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        still_open = await uow.votes.still_open()
        meetings = {m_id: await meeting_by_id(uow, m_id) for m_id in {m for _, m in still_open}}
    closed = []
    for vote_id, meeting_id in still_open:
        meeting = meetings[meeting_id]
        if day_has_ended(meeting, now) and await _close_at_day_end(ctx, vote_id, day_ends_at(meeting)):
            closed.append(vote_id)
    return closed


async def _close_at_day_end(ctx: Context, vote_id: int, day_end: datetime) -> bool:
    async with ctx.uow() as uow:
        vote = await _locked(uow, vote_id)
        if not vote.is_open:
            return False  # closed since it was read: by the chair, or by another process
        # Its time is the day's end, when the last ballot could be cast, however late the bot looks.
        chair_id = await chair_id_of(ctx, uow, vote.meeting_id)
        vote, _ = rules.close(vote, chair_id, day_end, by=None, day_ended=True)
        await _save(ctx, uow, vote)
        await uow.commit()
    return True


async def decide_tie(ctx: Context, actor_id: str, vote_id: int, option: str) -> VoteView:
    """The casting vote (utslagsröst) of who chairs the meeting, when their ballot did not break the tie."""
    actor(ctx.group, actor_id, Action.READ)
    async with ctx.uow() as uow:
        vote = await _locked(uow, vote_id)
        await chairing_actor(ctx, uow, actor_id, vote.meeting_id, Action.CASTING_VOTE)
        await _closable(uow, vote)
        vote, _ = rules.decide_tie(vote, option, await chair_id_of(ctx, uow, vote.meeting_id))
        view = await _save(ctx, uow, vote)
        await uow.commit()
    return view


async def runoff(ctx: Context, actor_id: str, vote_id: int) -> VoteView:
    """The chair puts the two proposals with most votes against each other: a vote of its own.

    Held at the meeting, as the first round was; the first round's card then says so.
    """
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        first = await _locked(uow, vote_id)
        person = await chairing_actor(ctx, uow, actor_id, first.meeting_id, Action.CASTING_VOTE)
        await _in_current_meeting(uow, first, ctx)
        chair_id = await chair_id_of(ctx, uow, first.meeting_id)
        options = rules.runoff_options(first, chair_id, await _runoff_id(uow, first) is not None)
        second = await uow.votes.add(
            NewVote(first.meeting_id, first.question, options, person.aad_id, now, runoff_of=first.id)
        )
        await uow.outbox.enqueue(post_card(ctx, vote_key(second.id), "vote", {"vote_id": second.id}), now)
        view = await _save(ctx, uow, first)
        await uow.commit()
    return view


async def reserve(ctx: Context, actor_id: str, vote_id: int, reason: str | None) -> VoteView:
    """A reservation by someone who voted against the decision, until the protocol goes to adjustment."""
    person = actor(ctx.group, actor_id, Action.RESERVE)
    cleaned = rules.clean_reason(reason, RESERVATION_REASON_MAX)
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        vote = await _locked(uow, vote_id)
        day = await uow.meeting_days.get(vote.meeting_id)
        submitted = day is not None and day.submitted_for_adjustment_at is not None
        chair_id = await chair_id_of(ctx, uow, vote.meeting_id)
        ballot = rules.reserving_ballot(vote, chair_id, person.aad_id, submitted)
        await uow.votes.reserve(Reservation(vote.id, person.aad_id, ballot.municipality, cleaned, now))
        view = await _save(ctx, uow, vote)
        await uow.commit()
    return view


async def _save(ctx: Context, uow: UnitOfWork, vote: Vote) -> VoteView:
    view = await _view(ctx, uow, vote)
    await _record(ctx, uow, view)
    return view


async def _record(ctx: Context, uow: UnitOfWork, view: VoteView, *, state_changed: bool = True) -> None:
    """Stores the vote's state (a ballot into an open vote leaves it as it was) and refreshes its card."""
    vote = view.vote
    if state_changed:
        await uow.votes.save_state(vote, view.outcome)
    refresh = refresh_card(ctx, vote_key(vote.id), "vote", {"vote_id": vote.id})
    await uow.outbox.enqueue(refresh, ctx.clock.now())
    if vote.state is VoteState.AWAITING_CASTING_VOTE:
        await _ask_the_chair(ctx, uow, vote)


async def _ask_the_chair(ctx: Context, uow: UnitOfWork, vote: Vote) -> None:
    """Who chairs gets the casting-vote card in their chat with the bot too, when there is one."""
    chair = await chair_of(ctx, uow, vote.meeting_id) or ctx.group.chair
    chat = await uow.conversations.personal_of(chair.aad_id) if chair else None
    if chat is not None:
        card = post_card(ctx, f"{vote_key(vote.id)}:casting", "vote", {"vote_id": vote.id}, target=chat)
        await uow.outbox.enqueue(card, ctx.clock.now())
