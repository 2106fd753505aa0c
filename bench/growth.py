"""Whether the bot's work grows no faster than the work itself, from today's group to its limits.

    .venv/bin/python -m bench.growth [--database-url URL] [--repeat 5]

Three worlds, each built on a database of its own through the bot's use cases (`bench/history.py`)
and held at 10 December 2026, 08:40, the meeting of that day under way: today's, the sample
group file's 22 municipalities with a year of meetings before it (10), 5 items on the next agenda
and 4 adjusted protocols; the limits, every Swedish municipality (290, a member each) with ten
years of meetings (100), 100 items and 40 adjusted protocols; and between them the limits' group
with today's history (a year, 4 protocols), which tells the history's part from the group's.
In each, with a fixed clock:

- everyone checks in (`attendance.check_in`), one after the other: time per check-in;
- a vote in which every municipality casts its ballot at once (`votes.cast_vote`, all of them
  concurrently, through the ballot box `ctx.ballots`): time per ballot;
- the closed vote's card for the channel, every ballot named (`chat.votes.vote_post`: its read
  and its rendering): time per ballot;
- the items put on the next agenda (`items.submit_item`, each on its own), and the agenda's post
  at T−14 (`chat.items_card.agenda_published_post`: its read and its rendering), with the card's
  size against Teams' limit: time per item;
- the public pages, from the bot's own routes (`bot/publication/pages.py`) on 127.0.0.1: the
  list of adjusted protocols and its Atom feed (time per protocol), the latest protocol's page
  and its PDF (time per request);
- a scheduler round (`cycle.run_due`) with nothing new due, 10 or 100 past meetings in the store.

Each figure is the best of `--repeat` runs (×10 for a card or a page, ×4 for a round; for the
items the median submission), the worlds taking turns run by run, so that whatever else the
machine does weighs on each alike. Prints each operation's time today and at the limits, their
ratio, the ratio of the work (ballots, items, protocols; 1 where it is the same, as for a round)
and so the ratio of time per unit of work, and the same ratio at the limits against the limits'
group with one year: the history's own part. A ratio under 1.5 is flat.

On SQLite each world is a file in a temporary folder. With `--database-url` (PostgreSQL, say
`postgresql+asyncpg://postgres@127.0.0.1:5432/bench`), databases named `<name>_today`,
`<name>_group` and `<name>_limits` beside the one given, made afresh and dropped after the run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import ClientSession, web
from aiohttp.test_utils import TestServer

from bench.history import NOW, Clock, Size, build, group_of, voters
from bench.history import secretary as secretary_of
from bench.votes import database_kind, databases
from bot.cards.catalog import MAX_CARD_BYTES, CardTooLarge
from bot.chat.items_card import agenda_published_post
from bot.chat.votes import vote_post
from bot.domain.group import Person
from bot.publication import links
from bot.publication.pages import add_routes
from bot.services import votes
from bot.services.attendance import check_in
from bot.services.context import Context, Publication
from bot.services.cycle import run_due
from bot.services.items import next_open_meeting, submit_item
from bot.services.protocol import adjusted_protocols
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from bot.storage.unit_of_work import SqlUnitOfWorkFactory
from bot.texts import texts_for

TODAY = Size(municipalities=22, years=1, items=5, protocols=4)
LIMITS = Size(municipalities=290, years=10, items=100, protocols=40)
GROUP = Size(municipalities=290, years=1, items=100, protocols=4)  # the limits' group, today's history
QUESTION = "Ska förslaget antas?"
TITLE = "Gallringsplanen för 2027 och dess remiss"  # an item's title of about 40 characters
FLAT = 1.5  # a ratio of time per unit of work under this is flat, given how much a shared machine moves


@dataclass(frozen=True)
class Figure:
    seconds: float  # the operation's time, the best run
    work: int  # its units of work (ballots, items, protocols; 1 for one round or request)
    note: str = ""


@dataclass
class World:
    """One size, on a database of its own, measured operation by operation."""

    size: Size
    ctx: Context
    meeting_id: int  # the meeting under way at NOW
    built: float  # seconds its history took to build
    http: ClientSession
    server: TestServer  # the bot's public pages, on 127.0.0.1
    figures: dict[str, Figure] = field(default_factory=dict)
    vote_id: int = 0  # the last vote, closed by its last ballot
    paths: dict[str, tuple[str, int]] = field(default_factory=dict)  # the public pages, their work


async def interleaved(
    worlds: list[World],
    name: str,
    run: Callable[[World], Awaitable[Any]],
    runs: int,
    work: Callable[[World], int],
) -> None:
    """The best of `runs` of one operation in each world, the worlds taking turns, so that whatever
    else the machine does weighs on each alike."""
    best = [float("inf")] * len(worlds)
    for _ in range(runs):
        for n, world in enumerate(worlds):
            started = time.perf_counter()
            await run(world)
            best[n] = min(best[n], time.perf_counter() - started)
    for n, world in enumerate(worlds):
        world.figures[name] = Figure(best[n], work(world), world.figures.get(name, Figure(0, 0)).note)


def people(world: World) -> list[Person]:
    return [*voters(world.ctx.group), secretary_of(world.ctx.group)]


async def everyone_checks_in(world: World) -> None:
    for person in people(world):
        await check_in(world.ctx, person.aad_id, world.meeting_id, f"29:{person.aad_id}")


async def one_vote(world: World) -> None:
    """Every municipality's ballot cast at once, through the ballot box; the last one closes it."""
    ctx = world.ctx
    world.vote_id = vote_id = (await votes.open_vote(ctx, secretary_of(ctx.group).aad_id, QUESTION)).vote.id
    options = ("yes", "no", "abstain")
    cast = [votes.cast_vote(ctx, p.aad_id, vote_id, options[n % 3]) for n, p in enumerate(voters(ctx.group))]
    accepted = await asyncio.gather(*cast)
    assert sum(a.closed for a in accepted) == 1


async def vote_card(world: World) -> None:
    await vote_post(world.ctx, texts_for("sv", world.ctx.tz), {"vote_id": world.vote_id})


async def items(worlds: list[World]) -> None:
    """Each item in a submission of its own, the worlds taking turns; the median, times their number."""
    times: list[list[float]] = [[] for _ in worlds]
    for n in range(max(w.size.items for w in worlds)):
        for k, world in enumerate(worlds):
            if n < world.size.items:
                member = voters(world.ctx.group)[n % len(voters(world.ctx.group))]
                started = time.perf_counter()
                await submit_item(world.ctx, member.aad_id, f"{n + 1}. {TITLE}\nUnderlag till frågan.")
                times[k].append(time.perf_counter() - started)
    for k, world in enumerate(worlds):
        name = "the items put on the agenda"
        world.figures[name] = Figure(statistics.median(times[k]) * world.size.items, world.size.items)


async def agenda_post(world: World) -> None:
    meeting = await next_open_meeting(world.ctx)
    assert meeting is not None
    await agenda_published_post(world.ctx, texts_for("sv", world.ctx.tz), {"meeting_id": meeting.id})


async def agenda_size(world: World) -> Figure:
    """The card's size in bytes against Teams' limit, as a note; not rendered when over it."""
    meeting = await next_open_meeting(world.ctx)
    assert meeting is not None
    try:
        post = await agenda_published_post(
            world.ctx, texts_for("sv", world.ctx.tz), {"meeting_id": meeting.id}
        )
    except CardTooLarge as error:
        return Figure(float("nan"), world.size.items, f"not rendered: over Teams' limit ({error})")
    weight = len(json.dumps(post.card, ensure_ascii=False).encode("utf-8"))
    return Figure(0, 0, f"{world.size.items} items: the card {weight:,} bytes of Teams' {MAX_CARD_BYTES:,}")


def served(ctx: Context) -> web.Application:
    app = web.Application()
    add_routes(app, ctx)
    return app


async def page_paths(world: World) -> dict[str, tuple[str, int]]:
    """Each public page measured, with its units of work: the protocols it lists, or one."""
    protocols = await adjusted_protocols(world.ctx)
    day = links.slug(world.ctx, protocols[0].meeting)
    return {
        "the list of protocols": (links.INDEX, len(protocols)),
        "their Atom feed": (links.FEED, len(protocols)),
        "one protocol's page": (f"{links.INDEX}{day}", 1),
        "its PDF": (f"{links.INDEX}{day}.pdf", 1),
    }


async def fetch(world: World, path: str) -> None:
    async with world.http.get(world.server.make_url(path)) as response:
        assert response.status == 200, (path, response.status)
        await response.read()


async def opened(stack: AsyncExitStack, size: Size, database_url: str) -> World:
    """The world of `size` built on its database, at NOW, its public pages served."""
    engine = make_engine(database_url)
    stack.push_async_callback(engine.dispose)
    await upgrade(engine)
    clock = Clock(NOW)
    public = Publication(public_url="https://protokoll.example.se")
    ctx = Context(group=group_of(size), clock=clock, uow=SqlUnitOfWorkFactory(engine), publication=public)
    started = time.perf_counter()
    meeting = await build(ctx, clock, engine, size)
    built = time.perf_counter() - started
    server = await stack.enter_async_context(TestServer(served(ctx), host="127.0.0.1"))
    http = await stack.enter_async_context(ClientSession())
    return World(size, ctx, meeting.id, built, http, server)


async def measure(worlds: list[World], repeat: int) -> None:
    await interleaved(worlds, "check-in", everyone_checks_in, repeat, lambda w: len(people(w)))
    ballots = "a vote, every ballot at once"
    await interleaved(worlds, ballots, one_vote, repeat, lambda w: len(voters(w.ctx.group)))
    card = "the vote's card for the channel"
    await interleaved(worlds, card, vote_card, repeat * 10, lambda w: len(voters(w.ctx.group)))
    await items(worlds)
    for world in worlds:
        world.figures["the agenda's post"] = await agenda_size(world)
    await interleaved(worlds, "the agenda's post", agenda_post, repeat * 10, lambda w: w.size.items)
    for world in worlds:
        world.paths = await page_paths(world)
    for name in worlds[0].paths:
        for world in worlds:
            await fetch(world, world.paths[name][0])  # the first request warms what is made once
        await interleaved(
            worlds,
            name,
            lambda w, name=name: fetch(w, w.paths[name][0]),
            repeat * 10,
            lambda w, name=name: w.paths[name][1],
        )
    for world in worlds:
        past = len([m for m in world.ctx.group.year_plan if m.date < NOW.date().isoformat()])
        world.figures["a scheduler round"] = Figure(0, 1, f"{past} past meetings")
        await run_due(world.ctx)
    await interleaved(worlds, "a scheduler round", lambda w: run_due(w.ctx), repeat * 4, lambda w: 1)


UNITS = {
    "check-in": "check-in",
    "a vote, every ballot at once": "ballot",
    "the vote's card for the channel": "ballot",
    "the items put on the agenda": "item",
    "the agenda's post": "item",
    "the list of protocols": "protocol",
    "their Atom feed": "protocol",
    "one protocol's page": "request",
    "its PDF": "request",
    "a scheduler round": "round",
}


def milliseconds(seconds: float) -> str:
    return "–" if seconds != seconds else f"{seconds * 1000:9.2f} ms"


def per_unit(large: Figure, small: Figure) -> float:
    return large.seconds / large.work / (small.seconds / small.work)


def verdict(overall: float, history: float) -> str:
    if overall != overall:
        return "–"
    if overall < FLAT:
        return "flat"
    return "grows with the group, not the history" if history < FLAT else "GROWS with the history"


def lines(today: World, group: World, limits: World) -> Iterator[str]:
    """`group`: the limits' group with today's history, so that the history's own part shows."""
    yield (
        f"{'operation':34} {'unit':9} {'today':>12} {'limits':>12} {'time ×':>8} {'work ×':>8}"
        f" {'per unit ×':>11} {'history ×':>10}"
    )
    for name, unit in UNITS.items():
        small, middle, large = today.figures[name], group.figures[name], limits.figures[name]
        overall, history = per_unit(large, small), per_unit(large, middle)
        yield (
            f"{name:34} {unit:9} {milliseconds(small.seconds):>12} {milliseconds(large.seconds):>12}"
            f" {large.seconds / small.seconds:8.2f} {f'{large.work}/{small.work}':>8}"
            f" {overall:11.2f} {history:10.2f}  {verdict(overall, history)}"
        )
        for figure in (small, large):
            if figure.note:
                yield f"    {figure.note}"


async def main(database_url: str | None, repeat: int) -> None:
    sizes = {"today": TODAY, "group": GROUP, "limits": LIMITS}
    async with AsyncExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-growth-")))
        urls = await stack.enter_async_context(databases(database_url, folder, list(sizes)))
        worlds = [await opened(stack, size, urls[name]) for name, size in sizes.items()]
        await measure(worlds, repeat)
    print(f"growth, {database_kind(database_url)}; best of {repeat} runs (×10 for a card or a page)")
    for name, world in zip(sizes, worlds, strict=True):
        s = world.size
        print(
            f"  {name}: {s.municipalities} municipalities, {s.years} year{'s' * (s.years > 1)} of meetings,"
            f" {s.items} items,"
            f" {s.protocols} adjusted protocols (built in {world.built:.1f} s)"
        )
    print(
        "  per unit ×: limits against today, per unit of work; history ×: limits against the limits'"
        " group with one year, per unit"
    )
    for line in lines(*worlds):
        print(line)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    asyncio.run(main(args.database_url, args.repeat))
