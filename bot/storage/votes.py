"""Votes, their named ballots and the reservations against their results."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, bindparam, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.domain.tally import Outcome
from bot.domain.votes import Ballot, Option, Reservation, Vote, VoteState
from bot.services.ports.votes import NewVote
from bot.storage.statements import upsert, upsert_statement
from bot.storage.tables import ballots, reservations, votes


def _options(options: tuple[Option, ...]) -> list[dict[str, str]]:
    return [{"id": o.id} | ({"text": o.text} if o.text is not None else {}) for o in options]


def _vote(row: Row[Any], cast: list[Ballot]) -> Vote:
    return Vote(
        id=row.id,
        meeting_id=row.meeting_id,
        question=row.question,
        options=tuple(Option(o["id"], o.get("text")) for o in row.options),
        state=VoteState(row.state),
        opened_by=row.opened_by,
        opened_at=row.opened_at,
        ballots=tuple(cast),
        closed_by=row.closed_by,
        closed_at=row.closed_at,
        casting_vote=row.casting_vote,
        closed_at_day_end=bool(row.closed_at_day_end),
        runoff_of=row.runoff_of,
    )


# The statements of a vote's changes, built once (see `upsert_statement` for why).
_LOCKED = (
    update(votes)
    .where(votes.c.id == bindparam("vote_id"))
    .values(revision=votes.c.revision + 1)
    .returning(*votes.c)
)
_VOTE = select(votes).where(votes.c.id == bindparam("vote_id"))
_BALLOTS_OF = (
    select(ballots)
    .where(ballots.c.vote_id == bindparam("vote_id"))
    .order_by(ballots.c.cast_at, ballots.c.municipality)
)
_SAVE_STATE = (
    update(votes)
    .where(votes.c.id == bindparam("vote_id"))
    .values(
        state=bindparam("new_state"),
        closed_by=bindparam("new_closed_by"),
        closed_at=bindparam("new_closed_at", type_=votes.c.closed_at.type),
        casting_vote=bindparam("new_casting_vote"),
        closed_at_day_end=bindparam("new_closed_at_day_end"),
        result_status=bindparam("new_result_status"),
        winner=bindparam("new_winner"),
    )
)
_RESERVATIONS_OF = (
    select(reservations)
    .where(reservations.c.vote_id == bindparam("vote_id"))
    .order_by(reservations.c.recorded_at, reservations.c.aad_id)
)
_STILL_OPEN = (
    select(votes.c.id, votes.c.meeting_id).where(votes.c.state == VoteState.OPEN.value).order_by(votes.c.id)
)
_BALLOT_COLUMNS = ("vote_id", "municipality", "option", "voter", "cast_at")
_BALLOT_KEYS = ("vote_id", "municipality")


class SqlVotes:
    def __init__(self, connection: AsyncConnection) -> None:
        self._db = connection

    async def add(self, vote: NewVote) -> Vote:
        result = await self._db.execute(
            insert(votes)
            .values(
                meeting_id=vote.meeting_id,
                question=vote.question,
                options=_options(vote.options),
                state=VoteState.OPEN.value,
                revision=0,
                opened_by=vote.opened_by,
                opened_at=vote.opened_at,
                closed_at_day_end=False,
                runoff_of=vote.runoff_of,
            )
            .returning(*votes.c)
        )
        return _vote(result.one(), [])

    async def locked(self, vote_id: int) -> Vote | None:
        # A write first: PostgreSQL locks the row until commit; SQLite takes its one write lock
        # before this transaction has read anything, so it never works from a stale snapshot.
        # RETURNING reads the locked row in the same statement.
        row = (await self._db.execute(_LOCKED, {"vote_id": vote_id})).first()
        return _vote(row, await self._ballots_of(vote_id)) if row else None

    async def get(self, vote_id: int) -> Vote | None:
        row = (await self._db.execute(_VOTE, {"vote_id": vote_id})).first()
        return _vote(row, await self._ballots_of(vote_id)) if row else None

    async def for_meeting(self, meeting_id: int) -> list[Vote]:
        rows = list(
            await self._db.execute(
                select(votes).where(votes.c.meeting_id == meeting_id).order_by(votes.c.opened_at, votes.c.id)
            )
        )
        cast = await self._ballots([r.id for r in rows])
        return [_vote(r, [b for vote_id, b in cast if vote_id == r.id]) for r in rows]

    async def still_open(self) -> list[tuple[int, int]]:
        return [(row.id, row.meeting_id) for row in await self._db.execute(_STILL_OPEN)]

    async def put_ballots(self, vote_id: int, cast: Sequence[Ballot]) -> None:
        values = [
            {"vote_id": vote_id, "municipality": b.municipality, "option": b.option, "voter": b.voter,
             "cast_at": b.cast_at}
            for b in cast
        ]  # fmt: skip
        statement = upsert_statement(self._db.dialect.name, ballots, _BALLOT_COLUMNS, _BALLOT_KEYS)
        await self._db.execute(statement, values)

    async def save_state(self, vote: Vote, outcome: Outcome) -> None:
        decided = vote.state is not VoteState.OPEN
        values = {
            "vote_id": vote.id, "new_state": vote.state.value, "new_closed_by": vote.closed_by,
            "new_closed_at": vote.closed_at, "new_casting_vote": vote.casting_vote,
            "new_closed_at_day_end": vote.closed_at_day_end,
            "new_result_status": outcome.status.value if decided else None,
            "new_winner": outcome.winner if decided else None,
        }  # fmt: skip
        await self._db.execute(_SAVE_STATE, values)

    async def reserve(self, reservation: Reservation) -> None:
        values = {
            "vote_id": reservation.vote_id, "aad_id": reservation.aad_id.casefold(),
            "municipality": reservation.municipality, "reason": reservation.reason,
            "recorded_at": reservation.recorded_at,
        }  # fmt: skip
        await self._db.execute(upsert(self._db, reservations, values, ["vote_id", "aad_id"]))

    async def reservations(self, vote_id: int) -> list[Reservation]:
        rows = await self._db.execute(_RESERVATIONS_OF, {"vote_id": vote_id})
        return [Reservation(r.vote_id, r.aad_id, r.municipality, r.reason, r.recorded_at) for r in rows]

    async def _ballots_of(self, vote_id: int) -> list[Ballot]:
        rows = await self._db.execute(_BALLOTS_OF, {"vote_id": vote_id})
        return [Ballot(r.municipality, r.option, r.voter, r.cast_at) for r in rows]

    async def _ballots(self, vote_ids: list[int]) -> list[tuple[int, Ballot]]:
        if not vote_ids:
            return []
        rows = await self._db.execute(
            select(ballots)
            .where(ballots.c.vote_id.in_(vote_ids))
            .order_by(ballots.c.cast_at, ballots.c.municipality)
        )
        return [(r.vote_id, Ballot(r.municipality, r.option, r.voter, r.cast_at)) for r in rows]
