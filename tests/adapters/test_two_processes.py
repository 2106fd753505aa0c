"""Two bot processes on one PostgreSQL database: the schema made once, each step and message once.

And 22 voters pressing at once, half through each process: every ballot counted once, one
closing of the vote, each process counting the ballots that reach it together.

Both start at the same moment with the same group file: a meeting under way (the scheduler
starts it: check-in and adjuster cards), one in three days (its notice is due, and with
nothing on its agenda the chair is asked whether to cancel) and one in ten days (its
agenda). Both schedulers and both outbox workers run every fraction of a second. Teams
(the fake connector) must get each of the five posts once, and the calendar (the local
.ics stand-in, one file per change) each invitation and update once.

Before that, two `python -m bot migrate` on an empty database: both used to create the
tables, and one failed.

And an activity delivered to both at once, as when Teams tries again through another
process: the item stored once, one answer.
"""

from __future__ import annotations

import asyncio
import itertools
import socket
import sys
import time
from asyncio.subprocess import Process
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from aiohttp import ClientSession
from aiohttp.test_utils import TestServer
from alembic.script import ScriptDirectory
from ruamel.yaml import YAML
from sqlalchemy import select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.domain.group import Group, Role
from bot.domain.votes import VoteState
from bot.groupfile import SAMPLE_PATH, load_group
from bot.storage.engine import make_engine
from bot.storage.migrate import MIGRATION_LOCK, migration_config, upgrade
from bot.storage.tables import agenda_items, outbox
from bot.storage.unit_of_work import SqlUnitOfWork
from tests.support.activities import channel_message
from tests.support.connector import FakeConnector
from tests.support.databases import fresh_database
from tests.support.harness import card_text
from tests.support.sdk import bot_environment

ROOT = Path(__file__).parents[2]
POSTS = ("Närvaro", "Utse", "Kallelse", "Ställa", "Dagordning")  # the first words of the five cards


@pytest.fixture
async def postgres_url(tmp_path: Path) -> AsyncIterator[str]:
    async with fresh_database("postgresql", str(tmp_path)) as url:
        yield url


def meeting(day: datetime, start: str, end: str) -> dict[str, str]:
    return {"date": day.date().isoformat(), "start": start, "end": end}


def group_file(folder: Path) -> Path:
    yaml = YAML()
    data = yaml.load(SAMPLE_PATH.read_text(encoding="utf-8"))
    now = datetime.now(ZoneInfo(str(data["timezone"])))
    under_way = (now - timedelta(minutes=10)).replace(second=0, microsecond=0)
    # A meeting ends the day it starts: one begun at 23:59 would end as it starts.
    under_way = min(under_way, under_way.replace(hour=23, minute=58))
    ends = min(under_way + timedelta(hours=3), under_way.replace(hour=23, minute=59))
    data["meetings"] = [
        meeting(under_way, under_way.strftime("%H:%M"), ends.strftime("%H:%M")),
        meeting(now + timedelta(days=3), "09:00", "12:00"),
        meeting(now + timedelta(days=10), "09:00", "12:00"),
    ]
    path = folder / "group.yaml"
    with path.open("w", encoding="utf-8") as file:
        yaml.dump(data, file)
    return path


async def teams_knows_the_channel(url: str, group: Group, connector: FakeConnector) -> None:
    """As after the installation: the bot has the channel's reference (and so the service URL)."""
    engine = make_engine(url)
    try:
        await upgrade(engine)
        reference = {
            "channelId": "msteams",
            "serviceUrl": connector.url,
            "bot": {"id": "28:styrgruppsboten", "name": "Styrgruppsboten"},
            "conversation": {"id": group.channel_id, "conversationType": "channel", "isGroup": True,
                             "tenantId": group.tenant_id},
        }  # fmt: skip
        async with SqlUnitOfWork(engine) as uow:
            await uow.conversations.remember(group.channel_id, "channel", None, reference, datetime.now(UTC))
            await uow.commit()
    finally:
        await engine.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@asynccontextmanager
async def serving(env: dict[str, str]) -> AsyncIterator[str]:
    """A `serve` process, healthy; yields its messages URL."""
    port = free_port()
    environment = bot_environment()
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "serve", cwd=ROOT, env=environment | env | {"BOT_PORT": str(port)},
        stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    try:
        async with ClientSession() as http:
            await until(lambda: healthy(http, port), child)
        yield f"http://127.0.0.1:{port}/api/messages"
    finally:
        child.terminate()
        await asyncio.wait_for(child.wait(), timeout=30)


@asynccontextmanager
async def two_bots(
    postgres_url: str, tmp_path: Path
) -> AsyncIterator[tuple[Group, FakeConnector, list[str], ClientSession, AsyncEngine]]:
    """The sample group's two `serve` processes on one database, Teams (the fake connector)
    knowing the channel; yields the group, the connector, both messages URLs, a client, an engine."""
    path = group_file(tmp_path)
    group = load_group(path)
    connector = FakeConnector()
    connector.server = TestServer(connector.app(), host="127.0.0.1")
    await connector.server.start_server()
    await teams_knows_the_channel(postgres_url, group, connector)
    env = {
        "BOT_INSECURE_DEV": "1", "BOT_GROUP_FILE": str(path), "BOT_DATABASE_URL": postgres_url,
        "BOT_LOCAL_FOLDER": str(tmp_path / "var"), "BOT_LOG_LEVEL": "WARNING",
    }  # fmt: skip
    engine = make_engine(postgres_url)
    try:
        async with AsyncExitStack() as both, ClientSession() as http:
            urls = await asyncio.gather(
                both.enter_async_context(serving(env)), both.enter_async_context(serving(env))
            )
            yield group, connector, list(urls), http, engine
    finally:
        await engine.dispose()
        await connector.server.close()


async def healthy(http: ClientSession, port: int) -> bool:
    try:
        async with http.get(f"http://127.0.0.1:{port}/healthz") as response:
            return response.status == 200
    except OSError:
        return False


async def until(condition: Callable[[], Awaitable[bool]], *children: Process, seconds: float = 30) -> None:
    """Polls a condition nothing notifies of; fails at once if one of the processes has exited."""
    deadline = time.monotonic() + seconds
    while not await condition():
        for child in children:
            if child.returncode is not None:
                assert child.stderr is not None
                raise AssertionError(f"the bot exited: {(await child.stderr.read()).decode()[-3000:]}")
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.05)


async def test_two_processes_do_each_step_and_send_each_message_once(
    postgres_url: str, tmp_path: Path
) -> None:
    path = group_file(tmp_path)
    group = load_group(path)
    connector = FakeConnector()
    connector.server = TestServer(connector.app(), host="127.0.0.1")
    await connector.server.start_server()
    await teams_knows_the_channel(postgres_url, group, connector)
    env = {
        "BOT_INSECURE_DEV": "1", "BOT_GROUP_FILE": str(path), "BOT_DATABASE_URL": postgres_url,
        "BOT_LOCAL_FOLDER": str(tmp_path / "var"), "BOT_SCHEDULER_INTERVAL_SECONDS": "0.1",
        "BOT_LOG_LEVEL": "WARNING",
    }  # fmt: skip
    engine = make_engine(postgres_url)
    try:
        async with AsyncExitStack() as both:
            await asyncio.gather(
                both.enter_async_context(serving(env)), both.enter_async_context(serving(env))
            )

            async def settled() -> bool:
                async with engine.connect() as connection:
                    states = [row.state for row in await connection.execute(select(outbox.c.state))]
                return len(connector.sent) >= len(POSTS) and set(states) == {"done"}

            await until(settled)
            # Another round of both schedulers and workers, which must add nothing.
            await asyncio.sleep(1)
    finally:
        await engine.dispose()
        await connector.server.close()

    headings = Counter(card_text(s.activity).split("\n", 1)[0].split(" ")[0] for s in connector.sent)
    assert all(s.method == "POST" for s in connector.sent)
    assert sorted(headings.elements()) == sorted(POSTS), headings
    calendar = sorted(p.name for p in (tmp_path / "var" / "calendar").glob("*.ics"))
    assert len(calendar) == 4, calendar  # two invitations, the agenda's and the notice's updates


async def test_two_processes_migrating_an_empty_database_take_turns(postgres_url: str) -> None:
    database = make_url(postgres_url).database
    environment = bot_environment()
    environment |= {"BOT_INSECURE_DEV": "1", "BOT_DATABASE_URL": postgres_url}
    engine = create_async_engine(postgres_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as holder, engine.connect() as watcher:
            # Hold the migration's lock, so that both are surely at the door at the same time.
            await holder.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK})
            children = [
                await asyncio.create_subprocess_exec(
                    sys.executable,
                    "-m",
                    "bot",
                    "migrate",
                    cwd=ROOT,
                    env=environment,
                    stdout=asyncio.subprocess.DEVNULL,
                    stderr=asyncio.subprocess.PIPE,
                )
                for _ in range(2)
            ]

            async def both_waiting() -> bool:
                waiting = await watcher.execute(
                    text(
                        "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid)"
                        " WHERE l.locktype = 'advisory' AND NOT l.granted AND a.datname = :db"
                    ),
                    {"db": database},
                )
                return waiting.scalar_one() == 2

            await until(both_waiting, *children)
            await holder.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": MIGRATION_LOCK})
            errors = [(await child.communicate())[1].decode() for child in children]
        assert [child.returncode for child in children] == [0, 0], errors
        async with engine.connect() as connection:
            [version] = (await connection.execute(text("SELECT version_num FROM alembic_version"))).all()
        assert version[0] == ScriptDirectory.from_config(migration_config()).get_current_head()
    finally:
        await engine.dispose()


def invoke(
    group: Group, service_url: str, aad_id: str, verb: str, data: dict[str, object]
) -> dict[str, object]:
    activity = channel_message(group, service_url, aad_id, "")
    activity.update(type="invoke", name="adaptiveCard/action", text=None, entities=None)
    activity["value"] = {"action": {"type": "Action.Execute", "verb": verb, "data": data}}
    return activity


async def test_voters_pressing_at_once_through_two_processes_are_each_counted_once(
    postgres_url: str, tmp_path: Path
) -> None:
    async with two_bots(postgres_url, tmp_path) as (group, connector, urls, http, engine):
        voters = [p for p in group.people if p.role in (Role.CHAIR, Role.MEMBER)]
        secretary = next(p for p in group.people if p.role is Role.SECRETARY)

        async def post(url: str, activity: dict[str, object]) -> dict[str, object]:
            async with http.post(url, json=activity) as response:
                assert response.status in (200, 201), await response.text()
                return await response.json() if response.status == 200 else {}

        async with SqlUnitOfWork(engine) as uow:
            [meeting] = [m for m in await uow.meetings.all() if m.starts_at <= datetime.now(UTC)]
        for voter in voters:
            check_in = {"meeting_id": meeting.id}
            await post(urls[0], invoke(group, connector.url, voter.aad_id, "attendance.check_in", check_in))
        for round_ in range(3):
            await post(
                urls[1],
                channel_message(group, connector.url, secretary.aad_id, f"omröstning Fråga {round_}"),
            )
            async with SqlUnitOfWork(engine) as uow:
                vote_id = (await uow.votes.for_meeting(meeting.id))[-1].id
            presses = [
                invoke(group, connector.url, v.aad_id, "vote.cast", {"vote_id": vote_id, "option": option})
                for v, option in zip(voters, itertools.cycle(("yes", "no", "abstain")), strict=False)
            ]
            # Half through each process, all at once.
            answers = await asyncio.gather(*(post(urls[i % 2], a) for i, a in enumerate(presses)))
            assert [a["type"] for a in answers] == ["application/vnd.microsoft.card.adaptive"] * 22
            closing = [a for a in answers if "Beslut: " in card_text(a["value"])]
            assert len(closing) == 1  # exactly one ballot was the last, whichever process counted it
            async with SqlUnitOfWork(engine) as uow:
                stored = await uow.votes.get(vote_id)
            assert stored is not None and stored.state is VoteState.CLOSED
            assert len(stored.ballots) == 22 and len({b.municipality for b in stored.ballots}) == 22


async def test_an_activity_delivered_to_both_processes_at_once_is_handled_once(
    postgres_url: str, tmp_path: Path
) -> None:
    async with two_bots(postgres_url, tmp_path) as (group, connector, urls, http, engine):
        marika = next(p for p in group.people if p.name == "Marika Lyman")

        async def post(url: str, activity: dict[str, object]) -> int:
            async with http.post(url, json=activity) as response:
                return response.status

        items = [
            channel_message(group, connector.url, marika.aad_id, f"övrig fråga Fråga {n}") for n in range(8)
        ]
        for activity in items:  # as Teams tries again: the same activity, here to the other process
            assert await asyncio.gather(post(urls[0], activity), post(urls[1], activity)) == [201, 201]
        async with engine.connect() as connection:
            titles = [row.title for row in await connection.execute(select(agenda_items.c.title))]
    assert sorted(titles) == sorted(f"Fråga {n}" for n in range(8))
    for activity in items:
        assert len([s for s in connector.sent if s.activity.get("replyToId") == activity["id"]]) == 1
