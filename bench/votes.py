"""N voters casting real votes against the bot, and the same load against a bare aiohttp handler.

    .venv/bin/python -m bench.votes [--clients 20] [--seconds 10] [--rounds 3] [--database-url URL]

Both servers run as processes of their own on 127.0.0.1, loaded by one closed-loop client
here. Each bot request is a real `vote.cast` invoke from one of the group's members (the
ballot stored, the card answered); afterwards the stored ballots are checked against the
last choice each voter made. Then the same load with a verb the bot does not know, which
is answered without the database: what botbuilder and aiohttp cost by themselves. The
three loads take turns, a few rounds each, so that a change in whatever else the machine
is doing weighs on all of them alike; each figure is over all its rounds. Prints
requests/s, p50 and p99 for each, the ratios, the bot's CPU time per invoke (which, unlike
requests/s, hardly moves with what else the machine is doing) and its cold start.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import uuid
from pathlib import Path
from typing import Any

from aiohttp import ClientSession
from aiohttp.test_utils import TestServer

from bench.load import Result, ratio, run
from bench.servers import free_port, group_with_a_meeting_now, process
from bot.domain.group import Group, Person, Role
from bot.groupfile import load_group
from bot.storage.engine import make_engine
from bot.storage.unit_of_work import SqlUnitOfWork
from tests.support.activities import channel_message
from tests.support.connector import FakeConnector

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
    bot: Bot, voters: list[Person], vote_id: int, clients: int, seconds: float, last: dict[str, str]
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

    return await run("bot: vote.cast invokes", clients, seconds, cast)


async def load_floor(bot: Bot, voters: list[Person], clients: int, seconds: float) -> Result:
    """The same invokes with a verb the bot does not know: botbuilder and aiohttp, no database."""

    presses = [bot.invoke(voter, "bench.nothing", {}) for voter in voters]
    run_id = uuid.uuid4().hex

    async def press(session: ClientSession, client: int, n: int) -> int:
        async with session.post(bot.url, json=fresh(presses[client % len(voters)], run_id, client, n)) as r:
            body = await r.json(content_type=None)
        return 200 if r.status == 200 and body.get("type") == MESSAGE else 599

    return await run("bot: invokes, no database", clients, seconds, press)


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


async def main(clients: int, seconds: float, rounds: int, database_url: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        group_file = group_with_a_meeting_now(folder)
        group = load_group(group_file)
        url = database_url or f"sqlite+aiosqlite:///{folder}/bench.db"
        connector = FakeConnector()
        connector.server = TestServer(connector.app(), host="127.0.0.1")
        await connector.server.start_server()
        port, bare_port = free_port(), free_port()
        env = {
            "BOT_INSECURE_DEV": "1",
            "BOT_PORT": str(port),
            "BOT_GROUP_FILE": str(group_file),
            "BOT_DATABASE_URL": url,
            "BOT_LOCAL_FOLDER": str(folder / "var"),
            "BOT_LOG_LEVEL": "WARNING",
        }
        voters = [p for p in group.people if p.role in (Role.CHAIR, Role.MEMBER)]
        async with (
            process(["-m", "bot", "serve"], port, env) as server,
            process(["bench/bare.py", str(bare_port)], bare_port),
            ClientSession() as http,
        ):
            bot = Bot(f"http://127.0.0.1:{port}/api/messages", group, connector, http)
            vote_id = await prepare(bot, voters, url)
            payload = bot.invoke(voters[0], "vote.cast", {"vote_id": vote_id, "option": "yes"})
            bare_url = f"http://127.0.0.1:{bare_port}/api/messages"
            last: dict[str, str] = {}
            results: dict[str, list[Result]] = {"votes": [], "floor": [], "bare": []}
            cpu = {"votes": 0.0, "floor": 0.0}
            share = seconds / rounds
            # In turns, so that whatever else the machine does in the meantime weighs on each alike.
            for _ in range(rounds):
                before = server.cpu_seconds()
                # Fewer voters than municipalities present: the vote stays open while they change their minds.
                results["votes"].append(
                    await load_votes(bot, voters[:clients], vote_id, clients, share, last)
                )
                between = server.cpu_seconds()
                results["floor"].append(await load_floor(bot, voters, clients, share))
                after = server.cpu_seconds()
                results["bare"].append(await bare_load(bare_url, clients, share, payload))
                if before is not None and between is not None and after is not None:
                    cpu["votes"] += between - before
                    cpu["floor"] += after - between
            exact = await tally_is_exact(url, vote_id, last)
        await connector.server.close()
    votes, floor, bare = (Result.merged(results[k]) for k in ("votes", "floor", "bare"))
    print(f"{rounds} rounds of {share:.1f} s each: the bot, the bot without the database, the bare handler")
    print(bare.line())
    print(votes.line())
    print(floor.line())
    print(ratio(votes, bare))
    print(f"without the database: {floor.rate / bare.rate:.1%} of the bare handler's throughput")
    print(f"tally exact afterwards: {exact} ({len(last)} voters)")
    print(
        f"bot CPU per vote.cast invoke (user + system, all its threads): {per_request(cpu['votes'], votes)}"
    )
    print(f"bot CPU per invoke without the database: {per_request(cpu['floor'], floor)}")
    print(f"cold start (process start to healthy): {server.cold_start:.2f} s")


def per_request(cpu_seconds: float, result: Result) -> str:
    if cpu_seconds == 0:
        return "not measured (no /proc)"
    return f"{cpu_seconds / result.requests * 1000:.2f} ms"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=3, help="turns of each load, interleaved")
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    if not 0 < args.clients <= 21:
        parser.error("--clients: 1 to 21 (one voter each, and one municipality left so the vote stays open)")
    asyncio.run(main(args.clients, args.seconds, args.rounds, args.database_url))
