"""The channel's vote card names at most 60 voters to refresh it for: Teams takes no more."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.votes import ABSTAIN, NO, YES, Option
from bot.services.context import Context
from bot.services.ports.meetings import NewMeeting
from bot.services.ports.votes import NewVote
from bot.services.votes import REFRESH_MAX, vote_of
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from bot.storage.unit_of_work import SqlUnitOfWorkFactory
from tests.domain.builders import SECRETARY, a_group, member_of
from tests.support.clock import FixedClock

NOW = datetime(2026, 12, 10, 8, 0, tzinfo=UTC)


async def test_seventy_voters_present_the_first_sixty_are_named(sqlite_url: str) -> None:
    places = [f"Kommun {n:02}" for n in range(1, 71)]
    group = a_group(places, chair=places[0])
    engine = make_engine(sqlite_url)
    await upgrade(engine)
    ctx = Context(group=group, clock=FixedClock(NOW), uow=SqlUnitOfWorkFactory(engine))
    try:
        async with ctx.uow() as uow:
            meeting = await uow.meetings.add(NewMeeting(NOW, NOW + timedelta(hours=1), "Teams"))
            for place in places:
                await uow.attendance.mark(meeting.id, member_of(place), True, member_of(place), NOW)
                await uow.attendance.seen_in_channel(member_of(place), f"29:{place}", NOW)
            options = (Option(YES), Option(NO), Option(ABSTAIN))
            vote = await uow.votes.add(NewVote(meeting.id, "Fråga?", options, SECRETARY, NOW))
            await uow.commit()
        named = (await vote_of(ctx, vote.id, for_channel=True)).refresh_ids
        assert len(named) == REFRESH_MAX == 60
        assert named == tuple(f"29:{place}" for place in places[:60])  # in the card's Swedish order
        assert (await vote_of(ctx, vote.id)).refresh_ids == ()  # a voter's own card names nobody
    finally:
        await engine.dispose()
