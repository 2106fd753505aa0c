"""The adjuster rotation across meetings: each appointment is stored and moves the rotation on.

Swedish order of these five: Avesta, Åre, Älvdalen, Östersund, Övertorneå. The chair is
from Älvdalen, so Älvdalen never adjusts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from bot.domain.errors import DomainError
from bot.domain.group import PriorAdjuster
from bot.domain.meetings import Meeting
from bot.services.adjuster import AdjusterView, adjuster_of, choose_adjuster, confirm_adjuster, next_adjuster
from bot.services.attendance import check_in
from bot.services.context import Context
from bot.services.ports.meetings import NewMeeting
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from bot.storage.unit_of_work import SqlUnitOfWorkFactory
from tests.domain.builders import a_group, member_of
from tests.support.clock import FixedClock

MUNICIPALITIES = ("Åre", "Älvdalen", "Östersund", "Övertorneå", "Avesta")
GROUP = a_group(MUNICIPALITIES, chair="Älvdalen")
CHAIR = member_of("Älvdalen")
FIRST = datetime(2027, 2, 11, 7, 30, tzinfo=UTC)


@pytest.fixture
async def ctx(database_url: str) -> AsyncIterator[Context]:
    engine = make_engine(database_url)
    await upgrade(engine)
    context = Context(
        group=GROUP, clock=FixedClock(FIRST - timedelta(days=30)), uow=SqlUnitOfWorkFactory(engine)
    )
    async with context.uow() as uow:
        for n in range(6):
            start = FIRST + timedelta(days=70 * n)
            await uow.meetings.add(NewMeeting(start, start + timedelta(minutes=90), "Teams", f"m{n}"))
        await uow.commit()
    yield context
    await engine.dispose()


def at(ctx: Context, moment: datetime) -> None:
    assert isinstance(ctx.clock, FixedClock)
    ctx.clock.set(moment)


async def meetings(ctx: Context) -> list[Meeting]:
    async with ctx.uow() as uow:
        return await uow.meetings.all()


async def held(ctx: Context, meeting: Meeting, *absent: str) -> AdjusterView:
    """The meeting under way with everyone but `absent` checked in; the adjuster card as it stands."""
    at(ctx, meeting.starts_at + timedelta(minutes=5))
    for municipality in MUNICIPALITIES:
        if municipality not in absent:
            await check_in(ctx, member_of(municipality), meeting.id)
    return await adjuster_of(ctx, meeting.id)


async def appointed(ctx: Context, meeting: Meeting, *absent: str) -> str:
    """The rotation's proposal, confirmed by the chair."""
    view = await held(ctx, meeting, *absent)
    assert view.proposal is not None
    after = await confirm_adjuster(ctx, CHAIR, meeting.id, view.proposal.municipality)
    assert after.appointed is not None
    return after.appointed.municipality


async def test_the_rotation_moves_on_from_the_stored_adjuster_with_absences_and_wrap_around(
    ctx: Context,
) -> None:
    first, second, third, fourth, fifth, sixth = await meetings(ctx)
    assert await appointed(ctx, first) == "Avesta"  # the seed's first
    at(ctx, first.ends_at + timedelta(days=7))
    before = await next_adjuster(ctx, member_of("Åre"))
    assert (before.meeting.id, before.last, before.if_everyone and before.if_everyone.municipality) == (
        second.id,
        "Avesta",
        "Åre",
    )
    assert await appointed(ctx, second) == "Åre"
    view = await held(ctx, third, "Östersund")
    assert view.proposal is not None
    assert view.proposal.skipped == (("Älvdalen", "chair"), ("Östersund", "absent"))
    assert await appointed(ctx, third, "Östersund") == "Övertorneå"
    view = await held(ctx, fourth, "Avesta")
    assert view.proposal is not None and view.proposal.wrapped
    assert await appointed(ctx, fourth, "Avesta") == "Åre"

    view = await held(ctx, fifth)
    assert view.proposal is not None and view.proposal.municipality == "Östersund"
    chosen = await choose_adjuster(ctx, CHAIR, fifth.id, member_of("Övertorneå"), "Östersund är ny i gruppen")
    assert chosen.appointed is not None and chosen.appointed.reason == "Östersund är ny i gruppen"
    assert (chosen.appointed.municipality, chosen.appointed.proposed) == ("Övertorneå", "Östersund")
    assert await appointed(ctx, sixth) == "Avesta"  # on from the one chosen, round to the start


async def test_a_confirmed_adjuster_is_not_confirmed_twice_and_the_chair_only(ctx: Context) -> None:
    first = (await meetings(ctx))[0]
    await appointed(ctx, first)
    with pytest.raises(DomainError) as err:
        await confirm_adjuster(ctx, CHAIR, first.id, "Åre")
    assert (err.value.code, err.value.params) == ("adjuster.already_appointed", {"municipality": "Avesta"})
    with pytest.raises(DomainError) as err:
        await confirm_adjuster(ctx, member_of("Åre"), first.id, "Avesta")
    assert err.value.code == "auth.not_allowed"


def with_history(ctx: Context, prior: PriorAdjuster) -> Context:
    """The same bot and database, its group file recording the last adjuster before the bot."""
    return replace(ctx, group=replace(GROUP, last_adjuster=prior))


async def test_the_first_meeting_continues_after_the_group_files_last_adjuster_then_the_bots_own(
    ctx: Context,
) -> None:
    ctx = with_history(ctx, PriorAdjuster("Åre", date(2026, 9, 24)))
    first, second, *_ = await meetings(ctx)
    before = await next_adjuster(ctx, member_of("Åre"))
    assert (before.last, before.before_bot) == ("Åre", date(2026, 9, 24))
    # Älvdalen comes next, but it is the chair's.
    assert before.if_everyone is not None and before.if_everyone.municipality == "Östersund"
    assert await appointed(ctx, first) == "Östersund"
    view = await held(ctx, second)
    assert (view.last, view.before_bot) == ("Östersund", None)  # the bot's record wins from now on
    assert view.proposal is not None and view.proposal.municipality == "Övertorneå"


async def test_the_group_files_last_adjuster_does_not_count_for_a_meeting_on_its_date(ctx: Context) -> None:
    ctx = with_history(ctx, PriorAdjuster("Åre", FIRST.date()))
    view = await held(ctx, (await meetings(ctx))[0])
    assert (view.last, view.before_bot) == (None, None)
    assert view.proposal is not None and view.proposal.municipality == "Avesta"
