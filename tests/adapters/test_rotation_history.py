"""The rotation's history before the bot (the group file's rotation.last_adjuster), over real HTTP.

The sample records the seed's adjuster, Avesta on 2023-09-26: the bot's first meeting goes on
from there, and once the bot has appointed an adjuster of its own, its record is what counts.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.domain.group import Group
from tests.conftest import stockholm
from tests.support.clock import FixedClock
from tests.support.harness import Conversation, card_text
from tests.support.meeting_day import (
    channel_card,
    check_in,
    deliver,
    executes,
    meeting_at,
    meeting_day,
    posted,
    press,
)
from tests.support.people import person

MEETING_TIME = stockholm(2026, 12, 10, 8, 35)
CHAIR = "Malin Karhu Birgersson"
FROM_THE_FILE = "Senast justerade Avesta (2023-09-26, före boten, enligt gruppfilen)"


@pytest.fixture
async def chat(
    sample_group: Group, sqlite_url: str, clock: FixedClock, tmp_path: Path
) -> AsyncIterator[Conversation]:
    async with meeting_day(sample_group, sqlite_url, clock, tmp_path / "var", MEETING_TIME) as conversation:
        yield conversation


async def test_justerare_says_the_rotation_goes_on_after_the_group_files_last_adjuster(
    chat: Conversation,
) -> None:
    chat.clock.set(stockholm(2026, 11, 30))
    reply = await chat.say(person(chat.group, "Hanna Dahlkvist"), "justerare")
    assert "Kommer alla står Bollnäs i tur." in reply
    assert FROM_THE_FILE in reply
    assert "turordningen börjar från början" not in reply
    english = await chat.say(person(chat.group, "Hanna Dahlkvist"), "adjuster", locale="en-GB")
    assert "If everyone comes, it is Bollnäs's turn." in english
    assert "The last adjuster was Avesta (2023-09-26, before the bot, as the group file records)" in english


async def test_the_first_meeting_proposes_the_next_present_after_avesta_then_the_bots_record_counts(
    chat: Conversation,
) -> None:
    group = chat.group
    await chat.say(person(group, "Joanna Karabay"), "starta möte")
    await deliver(chat)
    meeting = await meeting_at(chat, MEETING_TIME)
    card_id = posted(chat, "Utse justerare")
    present = (CHAIR, "Marika Lyman", "Anna Karlsson", "Hanna Dahlkvist")  # Säter, Avesta, Mora, Älvdalen
    await check_in(chat, meeting.id, *(person(group, name) for name in present))
    await deliver(chat)
    shown = card_text(channel_card(chat, card_id))
    assert "Förslag enligt turordningen: Anna Karlsson, Mora." in shown
    assert FROM_THE_FILE in shown
    assert "Hoppar över (ingen närvarande): Bollnäs, Borlänge, Falun" in shown
    [confirm] = executes(channel_card(chat, card_id), "adjuster.confirm")
    body = await press(chat, person(group, CHAIR), confirm["verb"], confirm["data"])
    assert card_text(body["value"]).splitlines()[1] == "Justerare: Anna Karlsson, Mora."

    chat.clock.set(stockholm(2027, 1, 20))  # before the next meeting, 11 February 2027
    reply = await chat.say(person(group, "Hanna Dahlkvist"), "justerare")
    assert "Förra justeraren var Mora;" in reply
    assert "Kommer alla står Nora i tur." in reply
    assert "före boten" not in reply
