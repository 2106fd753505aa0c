"""A protocol's draft exists only for a meeting that has begun.

A card's data names its meeting, and a forged one names a future meeting, a cancelled one
or none at all: every protocol button is refused in words for it, and nothing is stored.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.app import CONTEXT
from bot.chat.protocol_draft import first_draft
from bot.domain.errors import DomainError
from bot.domain.group import Group
from bot.services import protocol
from bot.storage.engine import make_engine
from bot.storage.tables import protocols as protocol_rows
from tests.conftest import stockholm
from tests.support.harness import Conversation
from tests.support.meeting_day import CHAIR, MESSAGE, SECRETARY, press
from tests.support.people import person
from tests.support.protocol import DAY_AFTER

STALE = "0" * 64
UNKNOWN = 9999
BUTTONS = {
    "protocol.show": {},
    "protocol.edit_form": {"number": 1},
    "protocol.edit": {"number": 1, "title": "Mötets öppnande", "text": "Mötet öppnades."},
    "protocol.export": {},
    "protocol.import": {"text": "§1 Mötets öppnande\nMötet öppnades.\n"},
    "protocol.submit": {"version": STALE},
    "protocol.review": {"version": STALE, "start": 0},
    "protocol.approve": {"version": STALE},
    "protocol.request_change": {"version": STALE, "comment": "Ändra."},
}
NOT_BEGUN = "Det mötet har inte börjat ännu, så det har inget protokoll."
CANCELLED = "Det mötet är inställt, så det har inget protokoll."
NOT_FOUND = "Det mötet finns inte i årsplanen."


async def meeting_on(chat: Conversation, year: int, month: int, day: int) -> int:
    async with chat.app[CONTEXT].uow() as uow:
        [found] = [
            m.id for m in await uow.meetings.all() if m.starts_at.date() == stockholm(year, month, day).date()
        ]
    return found


async def protocol_rows_stored(database_url: str) -> int:
    engine = make_engine(database_url)
    try:
        async with engine.connect() as connection:
            return int(
                (await connection.execute(select(func.count()).select_from(protocol_rows))).scalar_one()
            )
    finally:
        await engine.dispose()


async def test_a_forged_meeting_gets_no_draft_from_any_protocol_button(
    chat: Conversation, group: Group, database_url: str
) -> None:
    cancelled = await meeting_on(chat, 2026, 12, 10)
    reason = {"meeting_id": cancelled, "outside": True, "reason": "Ordföranden är sjuk"}  # days early
    await press(chat, person(group, CHAIR), "meeting.cancel", reason)
    chat.clock.set(DAY_AFTER)  # the cancelled meeting's day has passed; no meeting has been held since
    future = await meeting_on(chat, 2027, 2, 11)
    for meeting_id, answer in ((future, NOT_BEGUN), (cancelled, CANCELLED), (UNKNOWN, NOT_FOUND)):
        for verb, data in BUTTONS.items():
            who = CHAIR if verb in ("protocol.approve", "protocol.request_change") else SECRETARY
            body = await press(chat, person(group, who), verb, {**data, "meeting_id": meeting_id})
            assert body["type"] == MESSAGE and body["value"].startswith(answer), (verb, meeting_id, body)
    assert await protocol_rows_stored(database_url) == 0


async def test_a_typed_protocol_command_for_a_future_day_makes_nothing(
    chat: Conversation, group: Group, database_url: str
) -> None:
    secretary = person(group, SECRETARY)
    for typed in (
        "protokoll 2027-02-11",
        "protokoll export 2027-02-11",
        "protokoll import 2027-02-11\n§1 A\nB",
    ):
        assert (await chat.say(secretary, typed)).startswith("Jag hittar inget hållet möte 2027-02-11"), typed
    assert await protocol_rows_stored(database_url) == 0


async def test_the_protocol_service_itself_refuses_a_meeting_that_has_not_begun(
    chat: Conversation, group: Group, database_url: str
) -> None:
    """The card-rights table refuses such a press first; the service holds the rule for any other caller."""
    ctx, secretary = chat.app[CONTEXT], person(group, SECRETARY).aad_id
    future = await meeting_on(chat, 2026, 12, 10)
    with pytest.raises(DomainError) as refused:
        await protocol.open_protocol_of(ctx, secretary, future, first_draft(ctx))
    assert refused.value.code == "protocol.meeting_not_begun"
    with pytest.raises(DomainError) as refused:
        await protocol.import_text(ctx, secretary, future, "§1 A\nB\n", first_draft(ctx))
    assert refused.value.code == "protocol.meeting_not_begun"
    assert await protocol_rows_stored(database_url) == 0
