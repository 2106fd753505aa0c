"""The outbox over real HTTP: posts and card updates reach the fake Bot Connector once, whatever happens."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import CONTEXT, DELIVERY
from bot.domain.group import Group
from bot.services.outbox import MAX_ATTEMPTS, Delivery, backoff
from bot.services.ports.outbox import Outgoing
from tests.support.clock import FixedClock
from tests.support.harness import Conversation, card_text, running_bot
from tests.support.people import person


@pytest.fixture
async def quiet(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path
) -> AsyncIterator[Conversation]:
    """The bot with its outbox worker stopped, so each test delivers when it says so."""
    async with running_bot(group, database_url, clock, tmp_path / "var", outbox_worker=False) as conversation:
        await conversation.say(person(group, "Joanna Karabay"), "hjälp")  # Teams has now told the bot its URL
        while await conversation.app[DELIVERY].deliver_due():  # the year plan's calendar invitations
            pass
        conversation.connector.sent.clear()
        yield conversation


async def enqueue(chat: Conversation, *messages: Outgoing) -> list[bool]:
    ctx = chat.app[CONTEXT]
    async with ctx.uow() as uow:
        added = [await uow.outbox.enqueue(m, ctx.clock.now()) for m in messages]
        await uow.commit()
    return added


async def first_meeting_id(chat: Conversation) -> int:
    async with chat.app[CONTEXT].uow() as uow:
        return (await uow.meetings.all())[-1].id


def agenda_post(key: str, meeting_id: int, group: Group, operation: str = "post", **payload: str) -> Outgoing:
    return Outgoing(
        key,
        "teams",
        operation,
        group.channel_id,
        {"post": "agenda", "args": {"meeting_id": meeting_id}, **payload},
    )


async def test_a_post_reaches_the_channel_as_a_new_thread_once(quiet: Conversation, group: Group) -> None:
    meeting = await first_meeting_id(quiet)
    twice = [agenda_post("agenda:1", meeting, group), agenda_post("agenda:1", meeting, group)]
    assert await enqueue(quiet, *twice) == [True, False]
    assert await quiet.app[DELIVERY].deliver_due() == 1
    assert await quiet.app[DELIVERY].deliver_due() == 0
    [sent] = quiet.connector.sent
    assert sent.conversation_id == group.channel_id and sent.path.endswith(f"{group.channel_id}/activities")
    assert "Dagordning – mötet tisdag 9 november 2027" in card_text(sent.activity)


async def test_throttled_then_accepted_is_delivered_once_after_retry_after(
    quiet: Conversation, group: Group, clock: FixedClock
) -> None:
    quiet.connector.fail_next(429, retry_after="30")
    await enqueue(quiet, agenda_post("agenda:2", await first_meeting_id(quiet), group))
    delivery = quiet.app[DELIVERY]
    assert await delivery.deliver_due() == 1
    assert quiet.connector.sent == [] and quiet.connector.refused == 1
    clock.advance(seconds=29)
    assert await delivery.deliver_due() == 0  # Retry-After is honoured
    clock.advance(seconds=2)
    assert await delivery.deliver_due() == 1
    assert len(quiet.connector.sent) == 1
    assert await delivery.deliver_due() == 0


@pytest.mark.parametrize("status", [412, 500, 502, 503, 504])
async def test_transient_answers_are_retried(
    quiet: Conversation, group: Group, clock: FixedClock, status: int
) -> None:
    quiet.connector.fail_next(status, times=1)
    await enqueue(quiet, agenda_post(f"agenda:{status}", await first_meeting_id(quiet), group))
    delivery = quiet.app[DELIVERY]
    await delivery.deliver_due()
    clock.advance(hours=2)
    await delivery.deliver_due()
    assert len(quiet.connector.sent) == 1


async def test_a_permanent_refusal_is_not_retried(
    quiet: Conversation, group: Group, clock: FixedClock
) -> None:
    quiet.connector.fail_next(403, times=5)
    await enqueue(quiet, agenda_post("agenda:403", await first_meeting_id(quiet), group))
    delivery = quiet.app[DELIVERY]
    assert await delivery.deliver_due() == 1
    clock.advance(days=2)
    while await delivery.deliver_due():  # the secretary's notice of it, refused in the channel too
        pass
    assert quiet.connector.refused == 2 and quiet.connector.sent == []  # the card tried once


async def test_an_update_waits_for_its_post_and_replaces_that_activity(
    quiet: Conversation, group: Group, clock: FixedClock
) -> None:
    meeting = await first_meeting_id(quiet)
    quiet.connector.fail_next(503)
    await enqueue(
        quiet,
        agenda_post("card", meeting, group),
        agenda_post("card:update:1", meeting, group, operation="update", replaces="card"),
    )
    delivery = quiet.app[DELIVERY]
    await delivery.deliver_due()
    assert quiet.connector.sent == []  # the update did not overtake the failed post
    clock.advance(hours=1)
    await delivery.deliver_due()
    post, update = quiet.connector.sent
    assert post.method == "POST" and update.method == "PUT"
    assert update.path.endswith(f"/activities/{post.id}") and update.id == post.id


async def test_two_workers_deliver_each_message_once(quiet: Conversation, group: Group) -> None:
    meeting = await first_meeting_id(quiet)
    await enqueue(quiet, *[agenda_post(f"many:{i}", meeting, group) for i in range(5)])
    first: Delivery = quiet.app[DELIVERY]
    second = Delivery(first.uow, first.deliverers, first.clock, owner="other-process")
    counts = await asyncio.gather(first.deliver_due(), second.deliver_due(), first.deliver_due())
    counts += await asyncio.gather(first.deliver_due(), second.deliver_due())
    assert sum(counts) == 5
    assert len(quiet.connector.sent) == 5


async def test_a_connector_that_hangs_is_given_up_on_and_the_message_sent_once_later(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    timeout = {"connector_timeout_seconds": 0.5}
    async with running_bot(
        group, database_url, clock, tmp_path / "var", outbox_worker=False, settings=timeout
    ) as chat:
        await chat.say(person(group, "Joanna Karabay"), "hjälp")
        delivery = chat.app[DELIVERY]
        while await delivery.deliver_due():
            pass
        chat.connector.sent.clear()
        chat.connector.hang_next()
        await enqueue(chat, agenda_post("agenda:hang", await first_meeting_id(chat), group))
        started = time.monotonic()
        assert await delivery.deliver_due() == 1
        assert time.monotonic() - started < 10  # one attempt of 0.5 s, not msrest's 100 s (four times)
        assert chat.connector.hung == 1 and chat.connector.sent == []
        assert await delivery.deliver_due() == 0  # backing off
        clock.advance(hours=1)
        assert await delivery.deliver_due() == 1
        chat.connector.let_go()  # the hung request ends unprocessed, as one given up on does
        clock.advance(days=1)
        assert await delivery.deliver_due() == 0
        [sent] = chat.connector.sent
        assert "Dagordning" in card_text(sent.activity)


def test_backoff_grows_is_capped_and_never_undercuts_retry_after() -> None:
    rng = random.Random(7)
    waits = [backoff(n, None, rng) for n in range(20)]
    assert waits[0] <= timedelta(seconds=1) < waits[6]
    assert max(waits) <= timedelta(hours=1)
    assert all(backoff(n, 120, rng) >= timedelta(seconds=120) for n in range(5))


async def test_a_post_waits_until_teams_has_told_the_bot_where_the_channel_is(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    async with running_bot(group, database_url, clock, tmp_path / "var", outbox_worker=False) as chat:
        meeting = await first_meeting_id(chat)
        await enqueue(chat, agenda_post("early", meeting, group))
        delivery = chat.app[DELIVERY]
        while await delivery.deliver_due():  # the calendar goes out; the post cannot yet
            pass
        assert chat.connector.sent == []
        await chat.say(person(group, "Joanna Karabay"), "hjälp")  # no waiting out the backoff: it goes now
        while await delivery.deliver_due():
            pass
        posted = [s for s in chat.connector.sent if not s.activity.get("replyToId")]
        assert len(posted) == 1 and posted[0].conversation_id == group.channel_id


async def health_of(chat: Conversation) -> dict[str, object]:
    async with chat.http.get(chat.bot_url.removesuffix("/api/messages") + "/healthz") as response:
        assert response.status == 200
        answer: dict[str, object] = await response.json()
        return answer


@pytest.mark.parametrize("status", [403, 404])
async def test_a_card_the_channel_refuses_for_good_is_logged_counted_and_told_to_the_secretary(
    quiet: Conversation, group: Group, status: int, caplog: pytest.LogCaptureFixture
) -> None:
    secretary = person(group, "Joanna Karabay")
    await quiet.say(secretary, "hjälp", where="personal")  # the secretary has a chat with the bot
    quiet.connector.sent.clear()
    assert await health_of(quiet) == {"status": "ok", "undelivered": 0}
    quiet.connector.fail_next(status)
    await enqueue(quiet, agenda_post("agenda:refused", await first_meeting_id(quiet), group))
    delivery = quiet.app[DELIVERY]

    with caplog.at_level(logging.ERROR, logger="bot.services.outbox"):
        assert await delivery.deliver_due() == 1
    [logged] = [r for r in caplog.records if r.levelno == logging.ERROR]
    said = logged.getMessage()
    assert "agenda:refused" in said and group.channel_id in said and f"Teams answered {status}" in said
    assert await health_of(quiet) == {"status": "ok", "undelivered": 1}

    assert await delivery.deliver_due() == 1  # the notice
    [told] = quiet.connector.sent
    assert told.conversation_id == f"a:personal-{secretary.aad_id}"
    assert told.activity["text"] == (
        "Dagordningen för mötet tisdag 9 november 2027 nådde inte kanalen: Teams tog inte emot meddelandet. "
        "Jag försöker inte igen. Lägg själv ut det som behövs, och be den som administrerar Teams "
        "kontrollera att boten finns kvar i teamet och kanalen."
    )
    assert await delivery.deliver_due() == 0


async def test_when_the_channel_refuses_the_notice_too_nothing_more_is_queued(
    quiet: Conversation, group: Group, clock: FixedClock
) -> None:
    quiet.connector.fail_next(
        403, times=5
    )  # the secretary has no chat with the bot: the notice goes there too
    await enqueue(quiet, agenda_post("agenda:gone", await first_meeting_id(quiet), group))
    delivery = quiet.app[DELIVERY]

    assert await delivery.deliver_due() == 1  # the card
    assert await delivery.deliver_due() == 1  # the notice of it, refused in turn
    clock.advance(days=2)
    assert await delivery.deliver_due() == 0
    assert quiet.connector.refused == 2 and quiet.connector.sent == []
    assert await health_of(quiet) == {"status": "ok", "undelivered": 2}


async def test_a_refused_update_in_a_persons_chat_names_the_person(quiet: Conversation, group: Group) -> None:
    adjuster = person(group, "Marika Lyman")
    await quiet.say(adjuster, "hjälp", where="personal")
    chat = f"a:personal-{adjuster.aad_id}"
    meeting = await first_meeting_id(quiet)
    post = Outgoing("to-marika", "teams", "post", chat, {"post": "agenda", "args": {"meeting_id": meeting}})
    update = Outgoing(
        "to-marika:update", "teams", "update", chat,
        {"post": "agenda", "args": {"meeting_id": meeting}, "replaces": "to-marika"},
    )  # fmt: skip
    await enqueue(quiet, post)
    delivery = quiet.app[DELIVERY]
    assert await delivery.deliver_due() == 1
    quiet.connector.sent.clear()
    quiet.connector.fail_next(404)  # the card is gone from her chat
    await enqueue(quiet, update)

    assert await delivery.deliver_due() == 1
    assert await delivery.deliver_due() == 1
    [told] = quiet.connector.sent
    assert told.conversation_id == group.channel_id  # the secretary has no chat: the channel
    assert told.activity["text"].startswith(
        "Dagordningen för mötet tisdag 9 november 2027 kunde inte uppdateras i chatten med Marika Lyman: "
        "Teams tog inte emot ändringen."
    )


async def test_a_card_given_up_on_after_a_day_of_throttling_is_told_too(
    quiet: Conversation, group: Group, clock: FixedClock
) -> None:
    quiet.connector.fail_next(429, times=MAX_ATTEMPTS)
    await enqueue(quiet, agenda_post("agenda:throttled", await first_meeting_id(quiet), group))
    delivery = quiet.app[DELIVERY]
    for _ in range(MAX_ATTEMPTS):
        assert await delivery.deliver_due() == 1
        clock.advance(hours=2)  # past the longest backoff
    assert await health_of(quiet) == {"status": "ok", "undelivered": 1}

    assert await delivery.deliver_due() == 1
    [told] = quiet.connector.sent
    assert told.conversation_id == group.channel_id
    assert told.activity["text"].startswith(
        "Dagordningen för mötet tisdag 9 november 2027 nådde inte kanalen"
    )
