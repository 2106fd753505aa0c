"""A bot switched from one SDK to the other keeps posting where it could, and updates its cards.

The conversations the bot learnt on one SDK (the channel from a message there, a person's chat
from a message in it) and the cards it posted there are in the database; the bot on the other
SDK posts to them and replaces those cards, as the same bot account.
"""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from bot.app import CONTEXT, DELIVERY, Overrides, create_app
from bot.domain.group import Group
from bot.services.ports.outbox import Outgoing
from bot.settings import Settings
from tests.support.activities import BOT_ID
from tests.support.clock import FixedClock
from tests.support.harness import Conversation, card_text, running_bot
from tests.support.people import person
from tests.support.sdk import SDKS


async def _enqueue(app: web.Application, *messages: Outgoing) -> None:
    ctx = app[CONTEXT]
    async with ctx.uow() as uow:
        for message in messages:
            await uow.outbox.enqueue(message, ctx.clock.now())
        await uow.commit()


async def _meeting_id(app: web.Application) -> int:
    async with app[CONTEXT].uow() as uow:
        return (await uow.meetings.all())[-1].id


def _agenda(key: str, target: str, meeting_id: int, operation: str = "post", **extra: str) -> Outgoing:
    return Outgoing(
        key, "teams", operation, target, {"post": "agenda", "args": {"meeting_id": meeting_id}, **extra}
    )


async def _deliver_all(app: web.Application) -> None:
    while await app[DELIVERY].deliver_due():
        pass


async def test_the_bot_on_the_other_sdk_posts_where_the_first_learnt_and_replaces_its_card(
    sdk: str, group: Group, database_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    first = next(other for other in SDKS if other != sdk)
    marika = person(group, "Marika Lyman")
    personal = f"a:personal-{marika.aad_id}"
    folder = tmp_path / "var"
    async with running_bot(
        group, database_url, clock, folder, outbox_worker=False, settings={"sdk": first}
    ) as chat:
        await chat.say(marika, "hjälp")  # the channel: Teams has told the bot where it is
        await chat.say(marika, "hjälp", where="personal")
        await _deliver_all(chat.app)  # the year plan's calendar invitations
        meeting = await _meeting_id(chat.app)
        await _enqueue(chat.app, _agenda("card", group.channel_id, meeting))
        await _deliver_all(chat.app)
        [posted] = [
            s for s in chat.connector.sent if s.method == "POST" and s.conversation_id == group.channel_id
        ]
        chat.connector.sent.clear()

        later = await _the_bot_on(sdk, group, database_url, clock, folder)
        try:
            await _enqueue(
                later,
                _agenda("card:update", group.channel_id, meeting, operation="update", replaces="card"),
                _agenda("to-marika", personal, meeting),
            )
            await _deliver_all(later)
        finally:
            await later.cleanup()
        update, post = _sorted(chat)
    assert update.method == "PUT" and update.path.endswith(f"/activities/{posted.id}")
    assert post.method == "POST" and post.path.endswith(f"/v3/conversations/{personal}/activities")
    for sent in (update, post):
        assert sent.activity["from"]["id"] == BOT_ID
        assert "Dagordning" in card_text(sent.activity)
    assert post.activity["recipient"]["id"] == f"29:{marika.aad_id}"
    assert "replyToId" not in post.activity  # a post of its own, not a reply (nor a null one)


def _sorted(chat: Conversation) -> list:
    return sorted(chat.connector.sent, key=lambda sent: sent.method != "PUT")


async def _the_bot_on(
    sdk: str, group: Group, database_url: str, clock: FixedClock, folder: Path
) -> web.Application:
    settings = Settings(  # type: ignore[call-arg]
        insecure_dev=True, _env_file=None, database_url=database_url, local_folder=folder, sdk=sdk
    )
    app = create_app(settings, group, Overrides(clock=clock, run_outbox_worker=False, run_scheduler=False))
    app.freeze()
    await app.startup()
    return app
