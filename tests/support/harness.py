"""The bot on a real loopback HTTP server, talking to a fake Bot Connector."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import ClientSession, web
from aiohttp.test_utils import TestServer

from bot.app import Overrides, create_app, server_options
from bot.domain.group import Group, Person
from bot.graph import Delivery as Ports
from bot.settings import Settings
from bot.storage.engine import make_engine
from bot.storage.migrate import upgrade
from tests.support.activities import channel_message, personal_message
from tests.support.clock import FixedClock
from tests.support.connector import FakeConnector


@dataclass
class Conversation:
    """Says things to the bot as a person would, and returns what the bot answered."""

    group: Group
    bot_url: str
    connector: FakeConnector
    http: ClientSession
    clock: FixedClock
    app: web.Application

    async def post(self, activity: dict[str, Any]) -> int:
        async with self.http.post(self.bot_url, json=activity) as response:
            return response.status

    async def say(self, who: Person | str | None, text: str, *, where: str = "channel", **kw: Any) -> str:
        """What the bot answered: its text, or the text of its card."""
        return card_text(await self.say_for_reply(who, text, where=where, **kw))

    async def say_for_reply(
        self, who: Person | str | None, text: str, *, where: str = "channel", **kw: Any
    ) -> dict[str, Any]:
        """The one activity the bot sent in answer."""
        aad_id, name = _identity(who)
        build = channel_message if where == "channel" else personal_message
        activity = build(self.group, self.connector.url, aad_id, text, name=name, **kw)
        before = len(self.connector.sent)
        status = await self.post(activity)
        assert status < 300, f"the bot answered HTTP {status}"
        replies = [
            s.activity for s in self.connector.sent[before:] if s.activity.get("replyToId") == activity["id"]
        ]
        assert len(replies) == 1, f"expected one reply, got {replies!r}"
        return replies[0]

    async def click(
        self, who: Person | str | None, verb: str, data: Any, *, where: str = "channel", **kw: Any
    ) -> tuple[int, dict[str, Any]]:
        """Presses an Action.Execute button; returns the HTTP status and the invoke response body."""
        aad_id, name = _identity(who)
        build = channel_message if where == "channel" else personal_message
        activity = build(self.group, self.connector.url, aad_id, "", name=name, **kw)
        activity.update(type="invoke", name="adaptiveCard/action", text=None, entities=None)
        activity["value"] = {
            "action": {"type": "Action.Execute", "verb": verb, "data": data},
            "trigger": "manual",
        }
        async with self.http.post(self.bot_url, json=activity) as response:
            return response.status, await response.json(content_type=None) or {}


def _identity(who: Person | str | None) -> tuple[str | None, str]:
    if isinstance(who, Person):
        return who.aad_id, who.name
    return who, "Okänd"


def card_of(activity: dict[str, Any]) -> dict[str, Any]:
    attachments = activity.get("attachments") or []
    assert attachments, f"expected a card, got {activity.get('text')!r}"
    assert attachments[0]["contentType"] == "application/vnd.microsoft.card.adaptive"
    content: dict[str, Any] = attachments[0]["content"]
    return content


def card_text(activity_or_card: dict[str, Any]) -> str:
    """Every visible string of a card (or an activity's text), one per line, for asserting on."""
    if activity_or_card.get("type") == "message":
        if not activity_or_card.get("attachments"):
            return str(activity_or_card.get("text") or "")
        activity_or_card = card_of(activity_or_card)
    found: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key in ("text", "title", "value", "label"):
                if isinstance(node.get(key), str):
                    found.append(node[key])
            for value in node.values():
                if isinstance(value, dict | list):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(activity_or_card)
    return "\n".join(found)


def card_actions(card: dict[str, Any]) -> list[dict[str, Any]]:
    return [a for a in card.get("actions", []) if a.get("type") == "Action.Execute"]


@asynccontextmanager
async def running_bot(
    group: Group,
    database_url: str,
    clock: FixedClock,
    local_folder: Path,
    *,
    outbox_worker: bool = True,
    ports: Ports | None = None,
    locale: str = "",
    settings: dict[str, Any] | None = None,
) -> AsyncIterator[Conversation]:
    """The scheduler does not run by itself here: tests call `run_due` when they have set the clock."""
    engine = make_engine(database_url)
    await upgrade(engine)
    await engine.dispose()
    connector = FakeConnector()
    connector.server = TestServer(connector.app(), host="127.0.0.1")
    await connector.server.start_server()
    given = {"database_url": database_url, "local_folder": local_folder, "locale": locale, **(settings or {})}
    configured = Settings(insecure_dev=True, _env_file=None, **given)  # type: ignore[call-arg]
    app = create_app(
        configured,
        group,
        Overrides(
            clock=clock,
            outbox_idle_seconds=0.02,
            run_outbox_worker=outbox_worker,
            run_scheduler=False,
            ports=ports,
        ),
    )
    server = TestServer(app, host="127.0.0.1")
    await server.start_server(**server_options(configured))
    try:
        async with ClientSession() as http:
            yield Conversation(group, str(server.make_url("/api/messages")), connector, http, clock, app)
    finally:
        await server.close()
        await connector.server.close()
