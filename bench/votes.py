"""20 voters casting real votes against the bot on each SDK, authentication on, and the same load
against a bare aiohttp handler; wrk is the load.

    .venv/bin/python -m bench.votes [--sdk agents,botbuilder] [--clients 20] [--seconds 9] [--rounds 3]
                                    [--auth on|off] [--database-url URL]

Each SDK's bot (`python -m bot serve` with BOT_SDK set: the Microsoft 365 Agents SDK,
botbuilder) and the bare handler (`bench/bare.py`) run as processes of their own on
127.0.0.1. Each bot is made ready with authentication off (everyone checked in, a vote
open), then started again on the same database as in production: with an app id, taking only
tokens signed by an OpenID issuer (a loopback one here, `tests/support/openid.py`), so that
every request's Bearer token is checked; its cold start is measured there. wrk
(`bench/wrk.py`, `bench/presses.lua`) loads one of them at a time, with one connection a
voter, each request a real `vote.cast` invoke with an activity id of its own (the token
checked, the ballot stored in a committed transaction, the card answered); the same bodies
and the same Authorization header go to the bare handler, which parses the JSON and answers
a small card. Then, for each SDK, the same invokes with a verb the bot does not know: its
floor (the SDK, the token check and the record of the activity id; no vote). The loads take
turns — in each round, for each SDK its votes and its floor, then the bare handler — so that
whatever else the machine does weighs on each alike.

Afterwards each voter presses once more through a Python client, and each bot's stored
ballots are checked against those last choices; every wrk answer must have been a card (the
floor's: a message), or the run says how many were not. Prints, per SDK, requests/s, p50,
p99 (the worst round's), the ratio to the bare handler, the bot's CPU time per invoke (user
+ system, all its threads: it hardly moves with what else the machine does), its resident
memory after the load and its cold start; then the SDKs compared.

Each SDK's bot has a database of its own: on SQLite a file of its own; with `--database-url`
a database named `<name>_<sdk>` beside the one given, on the same server, made afresh before
the run and dropped after it. For a SQLite URL, `<stem>-<sdk><suffix>` beside the file.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
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

from bench.servers import Server, free_port, group_with_a_meeting_now, process
from bench.wrk import Figures, Load, Round, ensure_wrk
from bench.wrk import run as wrk_run
from bot.domain.group import Group, Person, Role
from bot.groupfile import load_group
from bot.storage.engine import make_engine
from bot.storage.unit_of_work import SqlUnitOfWork
from tests.support.activities import channel_message
from tests.support.connector import FakeConnector
from tests.support.openid import Issuer, running_issuer

SDKS = ("agents", "botbuilder")
OPTIONS = ("yes", "no", "abstain")
CARD = "application/vnd.microsoft.card.adaptive"
MESSAGE = "application/vnd.microsoft.activity.message"
APP_ID = "00000000-0000-4000-8000-0000000be7c4"  # the bench's bot: any app id, its tokens signed here


class Bot:
    def __init__(self, url: str, group: Group, connector: FakeConnector, http: ClientSession) -> None:
        self.url, self.group, self.connector, self.http = url, group, connector, http
        self.authorization = ""  # the Bearer header once authentication is on

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

    async def press(self, activity: dict[str, Any]) -> dict[str, Any]:
        headers = {"Authorization": self.authorization} if self.authorization else {}
        async with self.http.post(self.url, json=activity, headers=headers) as response:
            return {"status": response.status, **(await response.json(content_type=None))}


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
        # Everything the outbox holds delivered first: with authentication on, the bot could not
        # (the bench has no Entra to give it a token), and would keep trying during the load.
        async with asyncio.timeout(30):
            while await _pending(engine):  # noqa: ASYNC110 (another process's database: polled)
                await asyncio.sleep(0.05)
        async with SqlUnitOfWork(engine) as uow:
            return (await uow.votes.for_meeting(meeting_id))[-1].id
    finally:
        await engine.dispose()


async def _pending(engine: Any) -> int:
    async with engine.connect() as connection:
        return int(
            (
                await connection.execute(text("SELECT count(*) FROM outbox WHERE state = 'pending'"))
            ).scalar_one()
        )


def presses(bot: Bot, voters: list[Person], vote_id: int) -> list[dict[str, Any]]:
    """Each voter's three buttons, voter after voter: in wrk's turn through them, one voter's presses
    are as far apart as the load allows."""
    return [
        bot.invoke(voter, "vote.cast", {"vote_id": vote_id, "option": option})
        for option in OPTIONS
        for voter in voters
    ]


async def last_presses(bot: Bot, voters: list[Person], vote_id: int) -> dict[str, str]:
    """Each voter presses once more, with a choice of its own, through the Python client."""
    last: dict[str, str] = {}
    for voter in voters:
        option = random.choice(OPTIONS)
        answer = await bot.press(bot.invoke(voter, "vote.cast", {"vote_id": vote_id, "option": option}))
        if answer["status"] != 200 or answer.get("type") != CARD:
            raise RuntimeError(f"the last press was not answered with a card: {answer}")
        last[voter.municipality or ""] = option
    return last


async def tally_is_exact(database_url: str, vote_id: int, last: dict[str, str]) -> bool:
    engine = make_engine(database_url)
    try:
        async with SqlUnitOfWork(engine) as uow:
            vote = await uow.votes.get(vote_id)
    finally:
        await engine.dispose()
    assert vote is not None
    return {b.municipality: b.option for b in vote.ballots} == last


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
    votes: list[Round] = field(default_factory=list)
    floor: list[Round] = field(default_factory=list)
    cpu_votes: float = 0.0
    cpu_floor: float = 0.0
    exact: bool | None = None
    resident_mb: float | None = None

    def one_round(self, wrk: str, votes: Load, floor: Load, clients: int, seconds: int) -> None:
        """Its `vote.cast` load, then its floor, each with the bot's CPU time for it."""
        before = self.server.cpu_seconds()
        self.votes.append(wrk_run(wrk, f"{self.sdk}: vote.cast", votes, seconds=seconds, connections=clients))
        between = self.server.cpu_seconds()
        self.floor.append(wrk_run(wrk, f"{self.sdk}: floor", floor, seconds=seconds, connections=clients))
        after = self.server.cpu_seconds()
        if before is not None and between is not None and after is not None:
            self.cpu_votes += between - before
            self.cpu_floor += after - between

    def report(self, bare: Figures) -> None:
        votes, floor = (
            Figures(f"{self.sdk}: vote.cast", tuple(self.votes)),
            Figures(f"{self.sdk}: floor (unknown verb)", tuple(self.floor)),
        )
        print(f"{self.sdk} (BOT_SDK={self.sdk}):")
        resident = f"{self.resident_mb:.0f} MB" if self.resident_mb is not None else "not measured"
        for line in (
            votes.line(),
            floor.line(),
            f"bot / bare aiohttp: {votes.rate / bare.rate:.1%} of the throughput "
            f"(floor: {floor.rate / bare.rate:.1%}); p99 {votes.p99_ms:.1f} ms vs {bare.p99_ms:.1f} ms",
            f"tally exact afterwards: {self.exact}",
            "bot CPU per vote.cast invoke (user + system, all its threads): "
            f"{per_request(self.cpu_votes, votes)}",
            f"bot CPU per floor invoke: {per_request(self.cpu_floor, floor)}",
            f"resident memory after the load: {resident}",
            f"cold start (process start to healthy, authentication on): {self.server.cold_start:.2f} s",
        ):
            print(f"  {line}")


def bot_environment(sdk: str, port: int, folder: Path, group_file: Path, database_url: str) -> dict[str, str]:
    return {
        "BOT_SDK": sdk,
        "BOT_PORT": str(port),
        "BOT_GROUP_FILE": str(group_file),
        "BOT_DATABASE_URL": database_url,
        "BOT_LOCAL_FOLDER": str(folder / f"var-{sdk}"),
        "BOT_LOG_LEVEL": "WARNING",
    }


@asynccontextmanager
async def bot_on(
    sdk: str,
    folder: Path,
    group_file: Path,
    database_url: str,
    voters: list[Person],
    http: ClientSession,
    issuer: Issuer | None,
) -> AsyncIterator[Measured]:
    """The bot on one SDK with a fake connector of its own, its vote open; with `issuer`, started
    again with authentication on for the load."""
    group = load_group(group_file)
    connector = FakeConnector()
    connector.server = TestServer(connector.app(), host="127.0.0.1")
    await connector.server.start_server()
    port = free_port()
    env = bot_environment(sdk, port, folder, group_file, database_url)
    bot = Bot(f"http://127.0.0.1:{port}/api/messages", group, connector, http)
    try:
        async with process(["-m", "bot", "serve"], port, {**env, "BOT_INSECURE_DEV": "1"}) as server:
            vote_id = await prepare(bot, voters, database_url)
            if issuer is None:
                yield Measured(sdk, bot, server, database_url, vote_id)
                return
        secured = {
            **env,
            "BOT_APP_ID": APP_ID,
            "BOT_APP_PASSWORD": "unused: the load's answers go back in the HTTP response",
            "BOT_OPENID_METADATA_URL": issuer.metadata_url,
        }
        bot.authorization = f"Bearer {issuer.token(APP_ID, connector.url, exp=int(time.time()) + 3600)}"
        async with process(["-m", "bot", "serve"], port, secured) as server:
            yield Measured(sdk, bot, server, database_url, vote_id)
    finally:
        await connector.server.close()


@asynccontextmanager
async def issuer_if(auth: bool) -> AsyncIterator[Issuer | None]:
    if not auth:
        yield None
        return
    with running_issuer() as issuer:
        yield issuer


async def main(
    sdks: list[str], clients: int, seconds: int, rounds: int, auth: bool, database_url: str | None
) -> None:
    wrk = ensure_wrk()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        group_file = group_with_a_meeting_now(folder)
        everyone = [p for p in load_group(group_file).people if p.role in (Role.CHAIR, Role.MEMBER)]
        # Fewer voters than municipalities present: the vote stays open while they change their minds.
        voters = everyone[:clients]
        bare_port = free_port()
        async with AsyncExitStack() as stack:
            urls = await stack.enter_async_context(databases(database_url, folder, sdks))
            http = await stack.enter_async_context(ClientSession())
            issuer = await stack.enter_async_context(issuer_if(auth))
            # One after another, so that each cold start is its own.
            bots = [
                await stack.enter_async_context(
                    bot_on(sdk, folder, group_file, urls[sdk], everyone, http, issuer)
                )
                for sdk in sdks
            ]
            await stack.enter_async_context(process(["bench/bare.py", str(bare_port)], bare_port))
            loads = {
                m.sdk: (
                    Load.of(m.bot.url, presses(m.bot, voters, m.vote_id), folder, CARD, m.bot.authorization),
                    Load.of(
                        m.bot.url, [m.bot.invoke(v, "bench.nothing", {}) for v in voters], folder, MESSAGE,
                        m.bot.authorization,
                    ),
                )
                for m in bots
            }  # fmt: skip
            first = bots[0]
            bare_url = f"http://127.0.0.1:{bare_port}/api/messages"
            bare_load = Load.of(bare_url, presses(first.bot, voters, first.vote_id), folder, CARD,
                                first.bot.authorization)  # fmt: skip
            bare: list[Round] = []
            share = max(1, round(seconds / rounds))
            for _ in range(rounds):
                for measured in bots:
                    measured.one_round(wrk, *loads[measured.sdk], clients, share)
                bare.append(wrk_run(wrk, "bare aiohttp", bare_load, seconds=share, connections=clients))
            for measured in bots:
                measured.resident_mb = measured.server.resident_mb()
                last = await last_presses(measured.bot, voters, measured.vote_id)
                measured.exact = await tally_is_exact(measured.database_url, measured.vote_id, last)
    merged = Figures("bare aiohttp JSON handler", tuple(bare))
    print(
        f"wrk, {clients} connections; {rounds} rounds of {share} s each: for each SDK "
        f"({', '.join(sdks)}) its votes and its floor, then the bare handler; authentication "
        f"{'on' if auth else 'off'}; {database_kind(database_url)}"
    )
    print(merged.line())
    for measured in bots:
        measured.report(merged)
    if len(bots) == 2:
        print(compared(*bots))


def database_kind(database_url: str | None) -> str:
    return "SQLite" if database_url is None else make_url(database_url).get_backend_name()


def compared(a: Measured, b: Measured) -> str:
    """The two SDKs side by side: throughput and CPU per vote."""
    a_votes, b_votes = Figures(a.sdk, tuple(a.votes)), Figures(b.sdk, tuple(b.votes))
    line = f"{a.sdk} / {b.sdk}: {a_votes.rate / b_votes.rate:.2f}× the vote.cast throughput"
    if a.cpu_votes and b.cpu_votes:
        cpu = (a.cpu_votes / a_votes.requests) / (b.cpu_votes / b_votes.requests)
        each = f"{per_request(a.cpu_votes, a_votes)} vs {per_request(b.cpu_votes, b_votes)}"
        line += f", {cpu:.2f}× the CPU per vote ({each})"
    return line


def per_request(cpu_seconds: float, figures: Figures) -> str:
    if cpu_seconds == 0:
        return "not measured (no /proc)"
    return f"{cpu_seconds / figures.requests * 1000:.3f} ms"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sdk", default=",".join(SDKS), help="comma-separated: agents, botbuilder (both by default)"
    )
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=9, help="of each load, over all its rounds")
    parser.add_argument("--rounds", type=int, default=3, help="turns of each load, interleaved")
    parser.add_argument("--auth", choices=("on", "off"), default="on")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    sdks = list(dict.fromkeys(s.strip() for s in args.sdk.split(",") if s.strip()))
    if not sdks or any(s not in SDKS for s in sdks):
        parser.error(f"--sdk: one or more of {', '.join(SDKS)}, comma-separated")
    if not 0 < args.clients <= 21:
        parser.error("--clients: 1 to 21 (one voter each, and one municipality left so the vote stays open)")
    asyncio.run(main(sdks, args.clients, args.seconds, args.rounds, args.auth == "on", args.database_url))
