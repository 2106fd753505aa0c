"""A notice to 25 members under Teams' send limits, against the least time those limits allow.

    .venv/bin/python -m bench.notice [--members 25] [--database-url URL]

The bot in this process on loopback (the tests' harness), its outbox delivered by the real
worker round (`Delivery.deliver_due`) through the real TeamsDeliverer and ConversationLimiter
to the fake Bot Connector. Two shapes of the same notice card:

- 25 posts to one conversation (the group's channel): the per-conversation windows
  (7 in 1 s, 8 in 2 s, 60 in 30 s) make them wait;
- one post to each of 25 personal chats: every chat has windows of its own.

The least time is computed from `bot.edge.ratelimit.TEAMS_WINDOWS`: the earliest moment
each send may start when every earlier one went out the instant it was allowed.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from bot.app import CONTEXT, DELIVERY
from bot.domain.group import Group
from bot.edge.ratelimit import TEAMS_WINDOWS
from bot.groupfile import SAMPLE_PATH, load_group
from bot.services.ports.outbox import Outgoing
from tests.support.clock import FixedClock
from tests.support.harness import Conversation, running_bot


def least_time(sends: int, windows: tuple[tuple[int, float], ...] = TEAMS_WINDOWS) -> float:
    """Seconds from the first send to the last one to one conversation, sending as early as allowed.

    Sending each message at its earliest allowed moment is optimal for sliding windows: no
    later start of an earlier message can let a later one go sooner.
    """
    starts: list[float] = []
    for i in range(sends):
        earliest = starts[-1] if starts else 0.0
        for limit, seconds in windows:
            if i >= limit:
                earliest = max(earliest, starts[i - limit] + seconds)
        starts.append(earliest)
    return starts[-1] if starts else 0.0


async def deliver_all(chat: Conversation, messages: list[Outgoing]) -> float:
    """Enqueues the messages in one transaction and times the worker until all have reached Teams."""
    ctx = chat.app[CONTEXT]
    async with ctx.uow() as uow:
        for message in messages:
            await uow.outbox.enqueue(message, ctx.clock.now())
        await uow.commit()
    before = len(chat.connector.sent)
    started = time.perf_counter()
    while len(chat.connector.sent) - before < len(messages):
        if not await chat.app[DELIVERY].deliver_due():
            raise RuntimeError("the outbox stopped with messages undelivered")
    return time.perf_counter() - started


def notice(key: str, target: str, meeting_id: int) -> Outgoing:
    return Outgoing(key, "teams", "post", target, {"post": "notice", "args": {"meeting_id": meeting_id}})


async def prepare(chat: Conversation, group: Group, members: int) -> tuple[int, list[str]]:
    """Teams has told the bot its channel and each member's chat; the year plan's invitations are out."""
    people = group.people[:members]
    await chat.say(people[0], "hjälp")
    chats = []
    for who in people:
        await chat.say(who, "hjälp", where="personal")
        chats.append(f"a:personal-{who.aad_id}")
    while await chat.app[DELIVERY].deliver_due():
        pass
    async with chat.app[CONTEXT].uow() as uow:
        meeting_id = (await uow.meetings.all())[0].id
    return meeting_id, chats


async def main(members: int, database_url: str | None) -> None:
    group = load_group(SAMPLE_PATH)
    if len(group.people) < members:
        raise SystemExit(f"the sample group has {len(group.people)} people, fewer than {members}")
    with tempfile.TemporaryDirectory() as tmp:
        url = database_url or f"sqlite+aiosqlite:///{tmp}/bench.db"
        clock = FixedClock(datetime.now(UTC))
        async with running_bot(group, url, clock, Path(tmp) / "var", outbox_worker=False) as chat:
            meeting_id, chats = await prepare(chat, group, members)
            channel = [notice(f"bench:channel:{i}", group.channel_id, meeting_id) for i in range(members)]
            in_channel = await deliver_all(chat, channel)
            personal = [notice(f"bench:personal:{i}", c, meeting_id) for i, c in enumerate(chats)]
            in_chats = await deliver_all(chat, personal)
            # The bot's own posts (its answers to "hjälp" are replies), counted per conversation.
            posted = Counter(
                s.conversation_id for s in chat.connector.sent if not s.activity.get("replyToId")
            )
    expected = Counter({group.channel_id: members} | dict.fromkeys(chats, 1))
    least = least_time(members)
    print(f"{members} posts to one conversation (the channel): {in_channel:6.2f} s")
    print(f"  least time Teams' windows {TEAMS_WINDOWS[:3]} allow: {least:6.2f} s")
    print(f"  ratio: {in_channel / least:.2f} (the least time plus {in_channel - least:.2f} s of sending)")
    print(f"{members} posts to {members} personal chats:            {in_chats:6.2f} s")
    print("  least time the windows allow: 0.00 s (each chat has windows of its own)")
    print(f"  {in_chats / members * 1000:.0f} ms a post, sent to the chats side by side")
    print(f"every post reached its conversation exactly once: {posted == expected}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--members", type=int, default=25)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    asyncio.run(main(args.members, args.database_url))
