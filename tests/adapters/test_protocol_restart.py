"""Killed during distribution: `python -m bot serve` is killed with SIGKILL, and every recipient still
gets exactly one mail.

Right after the adjustment: the first process runs with BOT_OUTBOX_WORKER=0, so the kill always
falls between the commit and the first mail; the second delivers. During the mails: each send
takes 150 ms to return after it went out, as Graph's does, and the process is killed three
times in the middle of the sending. Mail goes to the local stand-in, which logs each send.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import re
import signal
import socket
import sqlite3
import sys
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, time, timedelta
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from aiohttp import ClientSession
from aiohttp.test_utils import TestServer
from sqlalchemy import func, select

from bot.chat.protocol_draft import first_draft
from bot.domain.group import Group
from bot.graph.local import sent_mails
from bot.groupfile import SAMPLE_PATH, load_group
from bot.services.adjuster import confirm_adjuster
from bot.services.adjustment import submit
from bot.services.attendance import check_in
from bot.services.context import Context
from bot.services.protocol import open_protocol
from bot.services.publication import recipients
from bot.services.year_plan import sync_year_plan
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from bot.storage.tables import outbox
from bot.storage.unit_of_work import SqlUnitOfWorkFactory
from tests.support.activities import channel_message
from tests.support.clock import FixedClock
from tests.support.connector import FakeConnector
from tests.support.people import person
from tests.support.protocol import pdf_a_declaration, pdf_text
from tests.support.sdk import bot_environment

ROOT = Path(__file__).parents[2]
STOCKHOLM = ZoneInfo("Europe/Stockholm")
CHAIR, SECRETARY, ADJUSTER = "Malin Karhu Birgersson", "Joanna Karabay", "Marika Lyman"


def _group_file(folder: Path, day: str) -> Path:
    """The sample group with one meeting, two days ago: held, and long over; Avesta adjusts first."""
    sample = re.sub(r"^rotation:\n(?:[ #].*\n)*", "", SAMPLE_PATH.read_text(encoding="utf-8"), flags=re.M)
    plan = f'meetings:\n  - date: {day}\n    start: "08:30"\n    end: "10:00"\n    place: Teams\n'
    path = folder / "group.yaml"
    path.write_text(sample[: sample.index("\nmeetings:")] + "\n" + plan, encoding="utf-8")
    return path


async def _held_and_submitted(group: Group, url: str, day: datetime) -> tuple[int, str]:
    """The meeting day and the secretary's submission, through the services on the same database."""
    engine = make_engine(url)
    await upgrade(engine)
    clock = FixedClock(day.replace(hour=8, minute=40))
    ctx = Context(group=group, clock=clock, uow=SqlUnitOfWorkFactory(engine))
    try:
        [meeting] = await sync_year_plan(ctx)
        for name in (CHAIR, SECRETARY, ADJUSTER, "Minna Snabb"):
            await check_in(ctx, person(group, name).aad_id, meeting.id)
        await confirm_adjuster(ctx, person(group, CHAIR).aad_id, meeting.id, "Avesta")
        clock.set(datetime.now(UTC))
        secretary = person(group, SECRETARY).aad_id
        draft = await open_protocol(ctx, secretary, None, first_draft(ctx))
        submitted = await submit(ctx, secretary, meeting.id, draft.version)
        return meeting.id, submitted.version
    finally:
        await engine.dispose()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@asynccontextmanager
async def serving(env: dict[str, str]) -> AsyncIterator[tuple[str, asyncio.subprocess.Process]]:
    port = _free_port()
    clean = bot_environment()
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "serve", cwd=ROOT, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT, env=clean | env | {"BOT_PORT": str(port), "BOT_INSECURE_DEV": "1"},
    )  # fmt: skip
    assert process.stdout is not None
    drain: asyncio.Task[bytes] | None = None
    try:
        first = (await asyncio.wait_for(process.stdout.readline(), timeout=60)).decode()
        assert "lyssnar på" in first, first
        drain = asyncio.create_task(process.stdout.read())
        base = f"http://127.0.0.1:{port}"
        await _until(lambda: _answers(base + "/healthz"))
        yield base, process
    finally:
        if process.returncode is None:
            process.terminate()
        await asyncio.wait_for(process.wait(), timeout=30)
        if drain is not None:
            await drain


async def _answers(url: str) -> bool:
    try:
        async with ClientSession() as http, http.get(url) as response:
            return response.status == 200
    except OSError:
        return False


async def _until(condition: Callable[[], Awaitable[bool]]) -> None:
    """Waits for a subprocess to get somewhere: the one place a test here has to poll."""
    for _ in range(900):
        if await condition():
            return
        await asyncio.sleep(0.1)
    raise AssertionError("the served bot did not get there in 90 s")


def _pending(database: Path, meeting_id: int) -> int:
    with sqlite3.connect(database) as db:
        query = "SELECT count(*) FROM outbox WHERE target = ? AND state = 'pending'"
        return int(db.execute(query, (f"protocol:{meeting_id}",)).fetchone()[0])


async def _approve(base: str, group: Group, connector: FakeConnector, meeting_id: int, version: str) -> None:
    approval = channel_message(group, connector.url, person(group, ADJUSTER).aad_id, "")
    approval.update(type="invoke", name="adaptiveCard/action", text=None, entities=None)
    data = {"meeting_id": meeting_id, "version": version}
    approval["value"] = {"action": {"type": "Action.Execute", "verb": "protocol.approve", "data": data}}
    async with ClientSession() as http, http.post(base + "/api/messages", json=approval) as response:
        answer = await response.json()
    assert "Protokollet är nu justerat" in str(answer["value"]), answer  # committed


async def _pending_in(url: str, meeting_id: int) -> int:
    engine = make_engine(url)
    try:
        async with engine.connect() as db:
            query = select(func.count()).where(
                outbox.c.target == f"protocol:{meeting_id}", outbox.c.state == "pending"
            )
            return int((await db.execute(query)).scalar_one())
    finally:
        await engine.dispose()


async def test_killed_three_times_while_mails_go_out_every_recipient_gets_exactly_one(
    tmp_path: Path, database_url: str
) -> None:
    day = (datetime.now(STOCKHOLM) - timedelta(days=2)).date()
    group_file = _group_file(tmp_path, day.isoformat())
    group = load_group(group_file)
    meeting_id, version = await _held_and_submitted(
        group, database_url, datetime.combine(day, time(8, 40), tzinfo=STOCKHOLM)
    )
    env = {
        "BOT_GROUP_FILE": str(group_file),
        "BOT_DATABASE_URL": database_url,
        "BOT_LOCAL_FOLDER": str(tmp_path / "var"),
        "BOT_LOCAL_MAIL_DELAY_SECONDS": "0.15",
        "BOT_OUTBOX_LEASE_SECONDS": "2",  # a killed process's messages wait this long, not two minutes
        "BOT_SCHEDULER_INTERVAL_SECONDS": "3600",
    }
    mail = tmp_path / "var" / "mail"

    async def sent_at_least(count: int) -> bool:
        return len(sent_mails(mail)) >= count

    connector = FakeConnector()
    connector.server = TestServer(connector.app(), host="127.0.0.1")
    await connector.server.start_server()
    try:
        for number, kill_after in enumerate((5, 18, 31)):
            async with serving(env) as (base, process):
                if number == 0:
                    await _approve(base, group, connector, meeting_id, version)
                await _until(partial(sent_at_least, kill_after))
                process.send_signal(signal.SIGKILL)  # most likely while a send waits for its answer
                await process.wait()
        assert await _pending_in(database_url, meeting_id) > 0

        async def delivered() -> bool:
            return await _pending_in(database_url, meeting_id) == 0

        async with serving(env):
            await _until(delivered)
    finally:
        await connector.server.close()

    per_recipient = Counter(address for sent in sent_mails(mail) for address in sent["to"])
    assert per_recipient == Counter(recipients(group))


async def test_killed_after_the_adjustment_every_recipient_gets_exactly_one_mail(tmp_path: Path) -> None:
    day = (datetime.now(STOCKHOLM) - timedelta(days=2)).date()
    group_file = _group_file(tmp_path, day.isoformat())
    group = load_group(group_file)
    database = tmp_path / "bot.db"
    url = f"sqlite+aiosqlite:///{database}"
    meeting_id, version = await _held_and_submitted(
        group, url, datetime.combine(day, time(8, 40), tzinfo=STOCKHOLM)
    )
    env = {
        "BOT_GROUP_FILE": str(group_file),
        "BOT_DATABASE_URL": url,
        "BOT_LOCAL_FOLDER": str(tmp_path / "var"),
    }
    mail = tmp_path / "var" / "mail"

    connector = FakeConnector()
    connector.server = TestServer(connector.app(), host="127.0.0.1")
    await connector.server.start_server()
    try:
        async with serving(env | {"BOT_OUTBOX_WORKER": "0"}) as (base, first):
            approval = channel_message(group, connector.url, person(group, ADJUSTER).aad_id, "")
            approval.update(type="invoke", name="adaptiveCard/action", text=None, entities=None)
            data = {"meeting_id": meeting_id, "version": version}
            approval["value"] = {
                "action": {"type": "Action.Execute", "verb": "protocol.approve", "data": data}
            }
            async with ClientSession() as http, http.post(base + "/api/messages", json=approval) as response:
                answer = await response.json()
            assert "Protokollet är nu justerat" in str(answer["value"]), answer  # committed
            first.send_signal(signal.SIGKILL)
            await first.wait()
        # the PDF, then every mail, then the information package
        assert _pending(database, meeting_id) == 1 + len(recipients(group)) + 1
        assert not mail.exists() or not list(mail.glob("*.eml"))

        async def delivered() -> bool:
            return _pending(database, meeting_id) == 0

        async with serving(env):
            await _until(delivered)
    finally:
        await connector.server.close()

    sent = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in mail.glob("*.eml")]
    per_recipient = Counter(address.addr_spec for m in sent for address in m["To"].addresses)
    assert sorted(per_recipient) == sorted(recipients(group)) and set(per_recipient.values()) == {1}
    [pdf] = {part.get_content() for m in sent for part in m.iter_attachments()}
    assert pdf_a_declaration(pdf) == ("2", "A")
    assert "§2 Utse justerare" in " ".join(pdf_text(pdf).split())
