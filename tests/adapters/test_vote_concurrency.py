"""Twenty-two municipalities pressing their buttons at the same moment: every ballot counted once.

The invokes are posted together (asyncio.gather), so their transactions overlap in the
database: on SQLite they queue for the one write lock (busy_timeout, no "database is
locked"), on PostgreSQL for the vote's row lock. Whoever is last closes the vote, once.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.app import CONTEXT
from bot.domain.errors import DomainError
from bot.domain.group import Group, Person, Role
from bot.domain.votes import VoteState
from bot.services import votes
from bot.services.meeting_record import VoteRecord, meeting_record
from bot.services.ports.store import UnitOfWork
from tests.conftest import stockholm
from tests.support.clock import FixedClock
from tests.support.harness import Conversation, card_text
from tests.support.meeting_day import CARD, check_in, meeting_at, meeting_day, press
from tests.support.people import person

MEETING_TIME = stockholm(2026, 12, 10, 8, 40)
ROUNDS = 3
OPTIONS = ("yes", "no", "abstain")
STRANGER = "00000000-0000-4000-8000-0000000fffff"  # in the tenant, not in the group


async def test_22_simultaneous_voters_leave_exactly_22_ballots(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    voters = [p for p in group.people if p.role in (Role.CHAIR, Role.MEMBER)]
    assert len(voters) == 22
    async with meeting_day(group, database_url, clock, tmp_path / "var", MEETING_TIME) as chat:
        meeting = await meeting_at(chat, MEETING_TIME)
        checked_in = await asyncio.gather(
            *(press(chat, v, "attendance.check_in", {"meeting_id": meeting.id}) for v in voters)
        )
        assert {body["type"] for body in checked_in} == {CARD}
        for round_ in range(1, ROUNDS + 1):
            vote_id = await opened(chat, f"Fråga {round_}")
            answers = await all_at_once(chat, voters, vote_id)
            assert [a["type"] for a in answers] == [CARD] * 22, [
                a["value"] for a in answers if a["type"] != CARD
            ]
            closing = [a for a in answers if "Beslut: " in card_text(a["value"])]
            assert len(closing) == 1  # exactly one ballot was the last, and it closed the vote

            stored = await stored_vote(chat, meeting.id, vote_id)
            assert len(stored.ballots) == 22
            assert len({b.municipality for b in stored.ballots}) == 22
            assert stored.vote.state is VoteState.CLOSED and stored.vote.closed_by is None
            assert (stored.outcome.counts, stored.outcome.winner) == (
                {"yes": 8, "no": 7, "abstain": 7},
                "yes",
            )


async def opened(chat: Conversation, question: str) -> int:
    reply = await chat.say(person(chat.group, "Joanna Karabay"), f"omröstning {question}")
    assert reply.startswith(f"Omröstningen ”{question}” är öppnad")
    meeting = await meeting_at(chat, chat.clock.now())
    return (await meeting_record(chat.app[CONTEXT], meeting.id)).votes[-1].vote.id


async def all_at_once(chat: Conversation, voters: list[Person], vote_id: int) -> list[dict[str, Any]]:
    """Every voter's button pressed in the same instant: Ja, Nej, Avstår, Ja, …"""
    presses = (
        press(chat, v, "vote.cast", {"vote_id": vote_id, "option": OPTIONS[i % 3]})
        for i, v in enumerate(voters)
    )
    return await asyncio.gather(*presses)


async def stored_vote(chat: Conversation, meeting_id: int, vote_id: int) -> VoteRecord:
    [stored] = [
        v for v in (await meeting_record(chat.app[CONTEXT], meeting_id)).votes if v.vote.id == vote_id
    ]
    return stored


async def test_ballots_counted_together_are_each_judged_as_if_alone(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    """24 presses in one instant take two transactions (the first press, then all the others)
    and each is answered as it would have been alone, in the order they arrived."""
    voters = [p for p in group.people if p.role in (Role.CHAIR, Role.MEMBER)]
    async with meeting_day(group, database_url, clock, tmp_path / "var", MEETING_TIME) as chat:
        meeting = await meeting_at(chat, MEETING_TIME)
        await check_in(chat, meeting.id, *voters)
        vote_id = await opened(chat, "Fråga")
        transactions = 0
        real = chat.app[CONTEXT]

        def counted_uow() -> UnitOfWork:
            nonlocal transactions
            transactions += 1
            return real.uow()

        ctx = replace(real, uow=counted_uow)
        presses = [
            *((v.aad_id, "yes") for v in voters[:11]),
            (STRANGER, "yes"),
            (voters[0].aad_id, "maybe"),
            *((v.aad_id, "no") for v in voters[11:]),
            (voters[1].aad_id, "no"),  # after the last municipality voted: too late
        ]
        answers = await asyncio.gather(
            *(votes.cast_vote(ctx, who, vote_id, option) for who, option in presses), return_exceptions=True
        )

        assert transactions == 2
        refused = {i: a.code for i, a in enumerate(answers) if isinstance(a, DomainError)}
        assert refused == {11: "vote.not_in_group", 12: "vote.unknown_option", 24: "vote.closed"}
        accepted = [a for a in answers if isinstance(a, votes.BallotAccepted)]
        assert [a.closed for a in accepted] == [False] * 21 + [True]
        assert [a.view.vote.is_open for a in accepted] == [True] * 21 + [False]
        assert [len(a.view.vote.ballots) for a in accepted] == list(range(1, 23))

        stored = await stored_vote(chat, meeting.id, vote_id)
        assert {b.municipality: b.option for b in stored.vote.ballots} == {
            v.municipality: "yes" if i < 11 else "no" for i, v in enumerate(voters)
        }
        assert stored.vote.state is VoteState.CLOSED
