"""A group and its years of meetings, built through the bot's own use cases on a real store.

The group is the sample group file's (`bot/samples/group.yaml`) or, for more municipalities, one
made from it: "Kommun 001" … with a member each (an Entra object id of the GUID form), the chair
the first municipality's member, the sample's secretary and staff. Its year plan has ten
meetings a year (every month but July and December) before the meeting under way at `NOW`,
10 December 2026, 08:30–10:00, and a year of meetings after it.

Each past meeting is lived through as the bot would: the scheduler publishes its agenda and its
notice, members put items on it, it starts, everyone checks in, the chair confirms the
adjuster, a vote is held with a ballot from every municipality and closed, the scheduler marks
the meeting held; for the latest `protocols` of them the secretary submits the protocol and the
adjuster adjusts it. What the outbox was given meanwhile is marked delivered, as the worker
leaves it; each adjusted protocol gets a stand-in PDF of 90 kB (rendering it is the outbox's
work, not measured here). Attendance is stored a meeting at a time, with the card refreshes each
check-in would have enqueued, and the ballots of past votes a vote at a time: the same rows,
without the minutes a check-in and a ballot at a time would take here. On PostgreSQL the
planner's statistics are brought up to date at the end (ANALYZE), as autovacuum keeps them in a
database in use.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.chat.protocol_draft import first_draft
from bot.domain.deadlines import deadlines_for
from bot.domain.group import Group, Municipality, Person, PlannedMeeting, Role
from bot.domain.meetings import Meeting
from bot.domain.votes import Ballot
from bot.groupfile import SAMPLE_PATH, load_group
from bot.services.adjuster import adjuster_of, confirm_adjuster
from bot.services.adjustment import approve_protocol, submit
from bot.services.context import Context
from bot.services.cycle import run_due
from bot.services.items import submit_item
from bot.services.posts import adjuster_key, attendance_key, refresh_card
from bot.services.protocol import open_protocol
from bot.services.votes import close_vote, open_vote
from bot.services.year_plan import sync_year_plan
from bot.storage.tables import attendance, outbox

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2026, 12, 10, 8, 40, tzinfo=STOCKHOLM).astimezone(UTC)  # the meeting of 10 December
MONTHS = (1, 2, 3, 4, 5, 6, 8, 9, 10, 11)  # ten meetings a year
STARTS, ENDS = time(8, 30), time(10, 0)
ITEMS_PER_PAST_MEETING = 3
PDF_SIZE = 90_000


class Clock:
    """The bench's clock: set to each moment of the history, then held at `NOW`."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


@dataclass(frozen=True)
class Size:
    municipalities: int  # 22: the sample group itself
    years: int  # of meetings before the one under way
    items: int  # on the next meeting's agenda
    protocols: int  # adjusted and published, the latest meetings'


def second_thursday(year: int, month: int) -> date:
    days = [d for d in calendar.Calendar().itermonthdates(year, month) if d.month == month]
    return [d for d in days if d.weekday() == calendar.THURSDAY][1]


def year_plan(years: int) -> tuple[PlannedMeeting, ...]:
    today = NOW.astimezone(STOCKHOLM).date()
    past = [second_thursday(y, m) for y in range(today.year - years, today.year + 1) for m in MONTHS]
    future = [second_thursday(today.year + 1, m) for m in MONTHS]
    days = [*[d for d in past if d < today][-10 * years :], today, *future]
    return tuple(PlannedMeeting(d.isoformat(), STARTS, ENDS) for d in days)


def group_of(size: Size) -> Group:
    sample = load_group(SAMPLE_PATH)
    plan = year_plan(size.years)
    if size.municipalities == len(sample.municipalities):
        return replace(sample, year_plan=plan, last_adjuster=None)
    staff = [p for p in sample.people if p.municipality is None]
    names = [f"Kommun {n:03}" for n in range(1, size.municipalities + 1)]
    members = [
        Person(
            aad_id=f"00000000-0000-4000-9000-{n:012}",
            name=f"Ledamot {n:03}",
            title="Kanslichef",
            role=Role.CHAIR if n == 1 else Role.MEMBER,
            email=f"ledamot@kommun{n:03}.se",
            municipality=name,
        )
        for n, name in enumerate(names, start=1)
    ]
    municipalities = tuple(Municipality(name, f"kommun@kommun{n:03}.se") for n, name in enumerate(names, 1))
    return replace(
        sample,
        municipalities=municipalities,
        people=(*members, *staff),
        year_plan=plan,
        last_adjuster=None,
        vice_chair_id=None,
    )


def voters(group: Group) -> list[Person]:
    """One voter a municipality: its member (or the chair)."""
    return [p for p in group.people if p.role in (Role.CHAIR, Role.MEMBER)]


def secretary(group: Group) -> Person:
    return next(p for p in group.people if p.role is Role.SECRETARY)


def channel_id(person: Person) -> str:
    return f"29:{person.aad_id}"


async def round_at(ctx: Context, clock: Clock, moment: datetime) -> None:
    clock.moment = moment
    await run_due(ctx)


async def check_in_all(ctx: Context, engine: AsyncEngine, meeting: Meeting, now: datetime) -> None:
    """Everyone present, as their check-ins would have left it: the marks, and each check-in's
    refreshes of the check-in card and the adjuster's proposal, delivered (one statement a table)."""
    people = [*voters(ctx.group), secretary(ctx.group)]
    marks = [
        {"meeting_id": meeting.id, "aad_id": p.aad_id.casefold(), "present": True, "marked_by": p.aad_id,
         "marked_at": now}
        for p in people
    ]  # fmt: skip
    args = {"meeting_id": meeting.id}
    refreshes = [
        refresh_card(ctx, key(meeting.id), post, args)
        for _ in people
        for key, post in ((attendance_key, "attendance"), (adjuster_key, "adjuster"))
    ]
    rows = [
        {"key": r.key, "channel": r.channel, "operation": r.operation, "target": r.target,
         "payload": r.payload, "coalesce": r.coalesce, "state": "done", "attempts": 1, "not_before": now,
         "created_at": now, "done_at": now}
        for r in refreshes
    ]  # fmt: skip
    async with engine.begin() as connection:
        await connection.execute(insert(attendance), marks)
        await connection.execute(insert(outbox), rows)


async def hold_vote(ctx: Context, meeting: Meeting, now: datetime) -> None:
    group = ctx.group
    vote = (await open_vote(ctx, secretary(group).aad_id, "Ska förslaget antas?")).vote
    cast = [Ballot(p.municipality or "", "yes", p.aad_id, now) for p in voters(group)][:-1]
    async with ctx.uow() as uow:  # all but one, so that the chair closes it
        await uow.votes.put_ballots(vote.id, cast)
        await uow.commit()
    assert group.chair is not None
    await close_vote(ctx, group.chair.aad_id, vote.id)


async def live_through(
    ctx: Context, clock: Clock, engine: AsyncEngine, meeting: Meeting, adjusted: bool
) -> None:
    group, rules, tz = ctx.group, ctx.group.rules, ctx.tz
    deadlines = deadlines_for(meeting, rules, tz)
    await round_at(ctx, clock, deadlines.agenda_at + timedelta(minutes=1))
    for n, person in enumerate(voters(group)[:ITEMS_PER_PAST_MEETING], start=1):
        await submit_item(ctx, person.aad_id, f"Fråga {n}\nUnderlag till frågan.")
    await round_at(ctx, clock, deadlines.notice_at + timedelta(minutes=1))
    await round_at(ctx, clock, meeting.starts_at)
    await check_in_all(ctx, engine, meeting, meeting.starts_at)
    assert group.chair is not None
    proposal = (await adjuster_of(ctx, meeting.id)).proposal
    assert proposal is not None
    await confirm_adjuster(ctx, group.chair.aad_id, meeting.id, proposal.municipality)
    await hold_vote(ctx, meeting, meeting.starts_at + timedelta(minutes=30))
    await round_at(ctx, clock, meeting.ends_at + timedelta(hours=3, minutes=1))
    if adjusted:
        await adjust(ctx, meeting)


async def adjust(ctx: Context, meeting: Meeting) -> None:
    day = meeting.starts_at.astimezone(ctx.tz).date()
    writer = secretary(ctx.group).aad_id
    drafted = await open_protocol(ctx, writer, day, first_draft(ctx))
    submitted = await submit(ctx, writer, meeting.id, drafted.version)
    assert submitted.adjuster_id is not None
    adjusted = await approve_protocol(ctx, submitted.adjuster_id, meeting.id, submitted.version)
    async with ctx.uow() as uow:
        await uow.protocols.store_pdf(meeting.id, adjusted.version, b"%PDF-1.7\n" * (PDF_SIZE // 9), NOW)
        await uow.commit()


async def delivered(engine: AsyncEngine, now: datetime) -> None:
    """Everything enqueued so far sent, as the outbox worker leaves it."""
    async with engine.begin() as connection:
        await connection.execute(
            text("update outbox set state = 'done', done_at = :now where state = 'pending'"), {"now": now}
        )


async def build(ctx: Context, clock: Clock, engine: AsyncEngine, size: Size) -> Meeting:
    """The history of `size`, lived through up to `NOW`; returns the meeting under way then."""
    first = ctx.group.year_plan[0]
    clock.moment = datetime.combine(date.fromisoformat(first.date), STARTS, STOCKHOLM) - timedelta(days=30)
    await sync_year_plan(ctx)
    async with ctx.uow() as uow:  # each in the channel, for the vote cards' refreshes
        for person in [*voters(ctx.group), secretary(ctx.group)]:
            await uow.attendance.seen_in_channel(person.aad_id, channel_id(person), clock.moment)
        await uow.commit()
    async with ctx.uow() as uow:
        meetings = await uow.meetings.all()
    past = [m for m in meetings if m.ends_at < NOW]
    for n, meeting in enumerate(past):
        await live_through(ctx, clock, engine, meeting, adjusted=n >= len(past) - size.protocols)
        await delivered(engine, clock.moment)
    await round_at(ctx, clock, NOW)
    await delivered(engine, NOW)
    if engine.dialect.name == "postgresql":  # what autovacuum keeps up to date in a database years old
        async with engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.execute(text("analyze"))
    return next(m for m in meetings if m.starts_at <= NOW < m.ends_at)
