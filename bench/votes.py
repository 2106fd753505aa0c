"""N voters casting real votes against the bot on each SDK, and the same load against a bare aiohttp handler.

    .venv/bin/python -m bench.votes [--sdk agents,botbuilder] [--clients 20] [--seconds 10] [--rounds 3]
                                    [--database-url URL]

Each SDK's bot (`python -m bot serve` with BOT_SDK set: the Microsoft 365 Agents SDK,
botbuilder) and the bare handler run as processes of their own on 127.0.0.1, started one
after another (so that each cold start is measured alone) and running side by side; one
closed-loop client here loads one of them at a time. Each bot request is a real
`vote.cast` invoke from one of the group's members (the ballot stored, the card answered);
afterwards each bot's stored ballots are checked against the last choice each voter made
on it. Then the same load with a verb the bot does not know, which is answered without the
database: what the SDK and aiohttp cost by themselves. The loads take turns, a few rounds
each — in each round, for each SDK its votes and its floor, then the bare handler — so that
a change in whatever else the machine is doing weighs on all of them alike; each figure is
over all its rounds. Prints, per SDK, requests/s, p50 and p99, the ratios to the bare
handler, the bot's CPU time per invoke (which, unlike requests/s, hardly moves with what
else the machine is doing), the tally check and its cold start; then the SDKs compared.

Each SDK's bot has a database of its own, so that each tally is checked against its own
voters alone and the two loads share no rows: on SQLite a file of its own; with
`--database-url` a database named `<name>_<sdk>` beside the one given, on the same server,
made afresh before the run (from a connection to the given database, which is otherwise
left alone) and dropped after it. For a SQLite URL, `<stem>-<sdk><suffix>` beside the file,
removed first.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import ClientSession
from aiohttp.test_utils import TestServer
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bench.load import Result, ratio, run
from bench.servers import Server, free_port, group_with_a_meeting_now, process
from bot.domain.group import Group, Person, Role
from bot.groupfile import load_group
from bot.storage.engine import make_engine
from bot.storage.unit_of_work import SqlUnitOfWork
from tests.support.activities import channel_message
from tests.support.connector import FakeConnector

SDKS = ("agents", "botbuilder")
OPTIONS = ("yes", "no", "abstain")
CARD = "application/vnd.microsoft.card.adaptive"
MESSAGE = "application/vnd.microsoft.activity.message"


class Bot:
    def __init__(self, url: str, group: Group, connector: FakeConnector, http: ClientSession) -> None:
        self.url, self.group, self.connector, self.http = url, group, connector, http

    def person(self, role: Role) -> Person:
        return next(p for p in self.group.people if p.role is role)

    async def say(self, who: Person, text: str) -> dict[str, Any]:
        before = len(self.connector.sent)
        async with self.http.post(
            self.url, json=channel_message(self.group, self.connector.url, who.aad_id, text)
        ):
            pass
        return self.connector.sent[before].activity

    def invoke(self, who: Person, verb: str, data: dict[str, Any]) -> dict[str, Any]:
        activity = channel_message(self.group, self.connector.url, who.aad_id, "")
        activity.update(type="invoke", name="adaptiveCard/action", text=None, entities=None)
        activity["value"] = {"action": {"type": "Action.Execute", "verb": verb, "data": data}}
        return activity


def execute_data(activity: dict[str, Any], verb: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "Action.Execute" and node.get("verb") == verb:
                found.append(node["data"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(activity)
    return found[0]


async def prepare(bot: Bot, voters: list[Person], database_url: str) -> int:
    """The meeting under way: everyone checked in, a vote open; returns its id."""
    secretary = bot.person(Role.SECRETARY)
    meeting_id = execute_data(await bot.say(secretary, "närvaro"), "attendance.check_in")["meeting_id"]
    for voter in voters:
        check_in = bot.invoke(voter, "attendance.check_in", {"meeting_id": meeting_id})
        async with bot.http.post(bot.url, json=check_in):
            pass
    await bot.say(secretary, "omröstning Ska bänkprovet godkännas?")
    engine = make_engine(database_url)
    try:
        async with SqlUnitOfWork(engine) as uow:
            return (await uow.votes.for_meeting(meeting_id))[-1].id
    finally:
        await engine.dispose()


def fresh(payload: dict[str, Any], run_id: str, client: int, n: int) -> dict[str, Any]:
    """The prepared payload as an activity of its own: the bot handles a repeated activity id once.

    Every load, the bare handler's too, pays for the same copy.
    """
    return {**payload, "id": f"{run_id}-{client}-{n}"}


async def load_votes(
    name: str,
    bot: Bot,
    voters: list[Person],
    vote_id: int,
    clients: int,
    seconds: float,
    last: dict[str, str],
) -> Result:
    """`last` gets each voter's last choice that the bot answered."""
    # Built beforehand, as the bare handler's one payload is: the client's work per request is alike.
    presses = [
        [bot.invoke(voter, "vote.cast", {"vote_id": vote_id, "option": option}) for option in OPTIONS]
        for voter in voters
    ]

    run_id = uuid.uuid4().hex  # the rounds take turns: ids unique across them too

    async def cast(session: ClientSession, client: int, n: int) -> int:
        voter, option = voters[client], OPTIONS[n % 3]
        async with session.post(bot.url, json=fresh(presses[client][n % 3], run_id, client, n)) as r:
            body = await r.json(content_type=None)
        if r.status == 200 and body.get("type") == CARD:
            last[voter.municipality or ""] = option
            return 200
        return 599

    return await run(name, clients, seconds, cast)


async def load_floor(name: str, bot: Bot, voters: list[Person], clients: int, seconds: float) -> Result:
    """The same invokes with a verb the bot does not know: the SDK and aiohttp, no database."""

    presses = [bot.invoke(voter, "bench.nothing", {}) for voter in voters]
    run_id = uuid.uuid4().hex

    async def press(session: ClientSession, client: int, n: int) -> int:
        async with session.post(bot.url, json=fresh(presses[client % len(voters)], run_id, client, n)) as r:
            body = await r.json(content_type=None)
        return 200 if r.status == 200 and body.get("type") == MESSAGE else 599

    return await run(name, clients, seconds, press)


async def tally_is_exact(database_url: str, vote_id: int, last: dict[str, str]) -> bool:
    engine = make_engine(database_url)
    try:
        async with SqlUnitOfWork(engine) as uow:
            vote = await uow.votes.get(vote_id)
    finally:
        await engine.dispose()
    assert vote is not None
    return {b.municipality: b.option for b in vote.ballots} == last


async def bare_load(url: str, clients: int, seconds: float, payload: dict[str, Any]) -> Result:
    run_id = uuid.uuid4().hex

    async def post(session: ClientSession, client: int, n: int) -> int:
        async with session.post(url, json=fresh(payload, run_id, client, n)) as r:
            await r.read()
            return r.status

    return await run("bare aiohttp JSON handler", clients, seconds, post)


@asynccontextmanager
async def databases(database_url: str | None, folder: Path, sdks: list[str]) -> AsyncIterator[dict[str, str]]:
    """Each SDK's database URL: a database of its own (see the module's docstring)."""
    if database_url is None:
        yield {sdk: f"sqlite+aiosqlite:///{folder}/bench-{sdk}.db" for sdk in sdks}
        return
    given = make_url(database_url)
    if given.get_backend_name() == "sqlite":
        path = Path(given.database or "bench.db")
        files = {sdk: path.with_name(f"{path.stem}-{sdk}{path.suffix}") for sdk in sdks}
        for file in files.values():
            for stale in (file, Path(f"{file}-wal"), Path(f"{file}-shm")):
                stale.unlink(missing_ok=True)
        yield {
            sdk: given.set(database=str(file)).render_as_string(hide_password=False)
            for sdk, file in files.items()
        }
        return
    names = {sdk: f"{given.database}_{sdk}" for sdk in sdks}
    admin = create_async_engine(given, isolation_level="AUTOCOMMIT")

    async def each(statement: str) -> None:
        async with admin.connect() as connection:
            for name in names.values():
                await connection.execute(text(statement.format(name=name)))

    try:
        await each('drop database if exists "{name}" with (force)')
        await each('create database "{name}"')
        try:
            yield {
                sdk: given.set(database=name).render_as_string(hide_password=False)
                for sdk, name in names.items()
            }
        finally:
            await each('drop database if exists "{name}" with (force)')
    finally:
        await admin.dispose()


@dataclass
class Measured:
    """One SDK's bot: its process, its database and vote, and its figures over the rounds."""

    sdk: str
    bot: Bot
    server: Server
    database_url: str
    vote_id: int
    last: dict[str, str] = field(default_factory=dict)  # each voter's last choice the bot answered
    votes: list[Result] = field(default_factory=list)
    floor: list[Result] = field(default_factory=list)
    cpu_votes: float = 0.0
    cpu_floor: float = 0.0
    exact: bool | None = None

    async def one_round(self, voters: list[Person], clients: int, seconds: float) -> None:
        """Its `vote.cast` load, then its no-database floor, each with the bot's CPU time for it."""
        before = self.server.cpu_seconds()
        # Fewer voters than municipalities present: the vote stays open while they change their minds.
        self.votes.append(
            await load_votes(
                f"{self.sdk}: vote.cast",
                self.bot,
                voters[:clients],
                self.vote_id,
                clients,
                seconds,
                self.last,
            )
        )
        between = self.server.cpu_seconds()
        self.floor.append(await load_floor(f"{self.sdk}: no database", self.bot, voters, clients, seconds))
        after = self.server.cpu_seconds()
        if before is not None and between is not None and after is not None:
            self.cpu_votes += between - before
            self.cpu_floor += after - between

    def report(self, bare: Result) -> None:
        votes, floor = Result.merged(self.votes), Result.merged(self.floor)
        print(f"{self.sdk} (BOT_SDK={self.sdk}):")
        for line in (
            votes.line(),
            floor.line(),
            ratio(votes, bare),
            f"without the database: {floor.rate / bare.rate:.1%} of the bare handler's throughput",
            f"tally exact afterwards: {self.exact} ({len(self.last)} voters)",
            "bot CPU per vote.cast invoke (user + system, all its threads): "
            f"{per_request(self.cpu_votes, votes)}",
            f"bot CPU per invoke without the database: {per_request(self.cpu_floor, floor)}",
            f"cold start (process start to healthy): {self.server.cold_start:.2f} s",
        ):
            print(f"  {line}")


@asynccontextmanager
async def bot_on(
    sdk: str, folder: Path, group_file: Path, database_url: str, voters: list[Person], http: ClientSession
) -> AsyncIterator[Measured]:
    """The bot on one SDK as a process of its own, with a fake connector of its own, its vote open."""
    group = load_group(group_file)
    connector = FakeConnector()
    connector.server = TestServer(connector.app(), host="127.0.0.1")
    await connector.server.start_server()
    port = free_port()
    env = {
        "BOT_SDK": sdk,
        "BOT_INSECURE_DEV": "1",
        "BOT_PORT": str(port),
        "BOT_GROUP_FILE": str(group_file),
        "BOT_DATABASE_URL": database_url,
        "BOT_LOCAL_FOLDER": str(folder / f"var-{sdk}"),
        "BOT_LOG_LEVEL": "WARNING",
    }
    try:
        async with process(["-m", "bot", "serve"], port, env) as server:
            bot = Bot(f"http://127.0.0.1:{port}/api/messages", group, connector, http)
            yield Measured(sdk, bot, server, database_url, await prepare(bot, voters, database_url))
    finally:
        await connector.server.close()


async def main(sdks: list[str], clients: int, seconds: float, rounds: int, database_url: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        group_file = group_with_a_meeting_now(folder)
        voters = [p for p in load_group(group_file).people if p.role in (Role.CHAIR, Role.MEMBER)]
        bare_port = free_port()
        async with AsyncExitStack() as stack:
            urls = await stack.enter_async_context(databases(database_url, folder, sdks))
            http = await stack.enter_async_context(ClientSession())
            # One after another, so that each cold start is its own.
            bots = [
                await stack.enter_async_context(bot_on(sdk, folder, group_file, urls[sdk], voters, http))
                for sdk in sdks
            ]
            await stack.enter_async_context(process(["bench/bare.py", str(bare_port)], bare_port))
            first = bots[0].bot
            payload = first.invoke(voters[0], "vote.cast", {"vote_id": bots[0].vote_id, "option": "yes"})
            bare_url = f"http://127.0.0.1:{bare_port}/api/messages"
            bare: list[Result] = []
            share = seconds / rounds
            # In turns, so that whatever else the machine does in the meantime weighs on each alike.
            for _ in range(rounds):
                for measured in bots:
                    await measured.one_round(voters, clients, share)
                bare.append(await bare_load(bare_url, clients, share, payload))
            for measured in bots:
                measured.exact = await tally_is_exact(measured.database_url, measured.vote_id, measured.last)
    merged = Result.merged(bare)
    print(
        f"{rounds} rounds of {share:.1f} s each: for each SDK ({', '.join(sdks)}) the bot and the bot "
        "without the database, then the bare handler"
    )
    print(merged.line())
    for measured in bots:
        measured.report(merged)
    if len(bots) == 2:
        print(compared(*bots))


def compared(a: Measured, b: Measured) -> str:
    """The two SDKs side by side: throughput and CPU per vote."""
    a_votes, b_votes = Result.merged(a.votes), Result.merged(b.votes)
    line = f"{a.sdk} / {b.sdk}: {a_votes.rate / b_votes.rate:.2f}× the vote.cast throughput"
    if a.cpu_votes and b.cpu_votes:
        cpu = (a.cpu_votes / a_votes.requests) / (b.cpu_votes / b_votes.requests)
        each = f"{per_request(a.cpu_votes, a_votes)} vs {per_request(b.cpu_votes, b_votes)}"
        line += f", {cpu:.2f}× the CPU per vote ({each})"
    return line


def per_request(cpu_seconds: float, result: Result) -> str:
    if cpu_seconds == 0:
        return "not measured (no /proc)"
    return f"{cpu_seconds / result.requests * 1000:.2f} ms"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sdk", default=",".join(SDKS), help="comma-separated: agents, botbuilder (both by default)"
    )
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=3, help="turns of each load, interleaved")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    sdks = list(dict.fromkeys(s.strip() for s in args.sdk.split(",") if s.strip()))
    if not sdks or any(s not in SDKS for s in sdks):
        parser.error(f"--sdk: one or more of {', '.join(SDKS)}, comma-separated")
    if not 0 < args.clients <= 21:
        parser.error("--clients: 1 to 21 (one voter each, and one municipality left so the vote stays open)")
    asyncio.run(main(sdks, args.clients, args.seconds, args.rounds, args.database_url))
