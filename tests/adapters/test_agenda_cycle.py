"""The agenda cycle by time travel: T−15 → T+1 through real HTTP, a fake Bot Connector and a fake Graph."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import CONTEXT, DELIVERY
from bot.domain.group import Group
from bot.graph import Delivery as Ports
from bot.graph.calendar import GraphCalendar
from bot.graph.client import connect_with
from bot.graph.local import EmlMailer, FolderFiles
from bot.services.context import Context
from bot.services.cycle import run_due
from bot.storage.engine import make_engine
from bot.storage.unit_of_work import SqlUnitOfWorkFactory
from tests.conftest import stockholm
from tests.support.clock import FixedClock
from tests.support.fake_graph import FAST_INLINE_RETRY, UPDATE_EVENT, FakeGraph, FixedCredential
from tests.support.harness import Conversation, card_actions, card_of, card_text, running_bot
from tests.support.people import person

MAILBOX = "styrgrupp@earkivmitt.se"


@pytest.fixture
async def cycle(
    group: Group, database_url: str, clock: FixedClock, tmp_path: Path, graph: FakeGraph
) -> AsyncIterator[Conversation]:
    """The bot two weeks and a day before the meeting of 10 December 2026, its calendar on the fake Graph."""
    clock.set(stockholm(2026, 11, 25, 9, 0))
    async with connect_with(FixedCredential(), graph.base_url, FAST_INLINE_RETRY) as connection:
        ports = Ports(
            GraphCalendar(connection.client, MAILBOX), EmlMailer(tmp_path / "mail"), FolderFiles(tmp_path)
        )
        async with running_bot(
            group, database_url, clock, tmp_path / "var", outbox_worker=False, ports=ports
        ) as c:
            await c.say(person(group, "Joanna Karabay"), "hjälp")  # Teams has told the bot where it lives
            yield c


async def tick(chat: Conversation) -> list[str]:
    """One scheduler round and everything it caused delivered; returns the texts posted proactively."""
    await run_due(chat.app[CONTEXT])
    before = len(chat.connector.sent)
    while await chat.app[DELIVERY].deliver_due():
        pass
    return [card_text(s.activity) for s in chat.connector.sent[before:]]


def events(graph: FakeGraph) -> list[dict[str, object]]:
    return [e.data for e in graph.events.values()]


async def test_a_whole_cycle_from_fifteen_days_before_to_the_day_after(
    cycle: Conversation, group: Group, graph: FakeGraph, clock: FixedClock
) -> None:
    marika, hanna = person(group, "Marika Lyman"), person(group, "Hanna Dahlkvist")

    assert await tick(cycle) == []  # T−15: nothing is due, but every upcoming meeting is in the calendar
    assert len(graph.events) == 5
    december = next(e for e in events(graph) if str(e["subject"]).endswith("torsdag 10 december 2026"))
    assert december["start"] == {"dateTime": "2026-12-10T08:30:00", "timeZone": "Europe/Stockholm"}
    assert len(december["attendees"]) == len(group.people)  # type: ignore[arg-type]

    clock.set(stockholm(2026, 11, 26, 8, 30))  # T−14
    [agenda] = await tick(cycle)
    assert agenda.startswith("Dagordning – mötet torsdag 10 december 2026")
    assert "Anmäl övriga frågor senast torsdag 3 december 2026 kl. 08:30" in agenda
    assert len(graph.calls(UPDATE_EVENT)) == 1  # the calendar event got the agenda
    assert await tick(cycle) == []  # once

    await cycle.say(marika, "övrig fråga Budget för 2027")
    clock.set(stockholm(2026, 12, 3, 8, 30))  # T−7
    [notice] = await tick(cycle)
    assert notice.startswith("Kallelse – mötet torsdag 10 december 2026")
    assert "1. Budget för 2027" in notice
    assert await tick(cycle) == []

    late = card_of(await cycle.say_for_reply(hanna, "övrig fråga Sent påkommen"))
    assert "kan därför inte tas upp på det mötet" in card_text(late)
    [offer] = card_actions(late)
    await cycle.click(hanna, offer["verb"], offer["data"])

    clock.set(stockholm(2026, 12, 11, 9, 0))  # T+1
    assert await tick(cycle) == []
    plan = await cycle.say(marika, "möten")
    assert "**torsdag 10 december 2026**, kl. 08:30–10:00 · genomfört" in plan
    assert "**torsdag 11 februari 2027**, kl. 08:30–10:00 · planerat" in plan and "1 anmäld fråga" in plan


async def test_an_empty_meeting_brings_the_chair_a_card_and_the_cancellation_cancels_the_event(
    cycle: Conversation, group: Group, graph: FakeGraph, clock: FixedClock
) -> None:
    chair = person(group, "Malin Karhu Birgersson")
    await cycle.say(chair, "hjälp", where="personal")
    await tick(cycle)
    clock.set(stockholm(2026, 12, 3, 8, 30))
    await tick(cycle)
    [proposal] = [s for s in cycle.connector.sent if s.conversation_id == f"a:personal-{chair.aad_id}"][-1:]
    card = card_of(proposal.activity)
    assert "inga övriga frågor är anmälda" in card_text(card)
    assert "Utanför formalia" not in card_text(card)  # empty, a week before: just what §3 allows
    cancel, _keep = card_actions(card)

    status, body = await cycle.click(
        person(group, "Marika Lyman"), cancel["verb"], {**cancel["data"], "reason": "x"}
    )
    assert body["value"] == "Det får bara ordförande göra."

    status, body = await cycle.click(chair, cancel["verb"], {**cancel["data"], "reason": "Inga punkter."})
    assert status == 200
    assert (
        card_text(body["value"])
        == "Mötet torsdag 10 december 2026 är inställt. Kanalen och kalendern uppdateras."
    )
    [announcement] = await tick(cycle)
    assert announcement.startswith("Mötet torsdag 10 december 2026 är inställt")
    assert "Inga punkter." in announcement and "utanför formalia" not in announcement
    [cancelled] = [e for e in graph.events.values() if e.cancelled]
    assert cancelled.cancel_comment == "Inga punkter." and "10 december 2026" in str(
        cancelled.data["subject"]
    )

    _status, body = await cycle.click(chair, cancel["verb"], {**cancel["data"], "reason": "Igen"})
    assert body["value"].startswith("Mötet kan inte ställas in")
    plan = await cycle.say(chair, "möten")
    assert "inställt: Inga punkter." in plan and "utanför formalia" not in plan


async def test_cancelling_moves_the_items_to_the_next_meeting(
    cycle: Conversation, group: Group, graph: FakeGraph
) -> None:
    chair, marika = person(group, "Malin Karhu Birgersson"), person(group, "Marika Lyman")
    await cycle.say(marika, "övrig fråga Flyttas med")
    refused = await cycle.say(marika, "ställ in Vill inte")
    assert refused == "Det får bara ordförande göra."
    card = card_of(await cycle.say_for_reply(chair, "ställ in 2026-12-10 Ordföranden är sjuk"))
    assert "Ordföranden är sjuk" in card_text(card)
    cancel, _ = card_actions(card)
    await cycle.click(chair, cancel["verb"], {**cancel["data"], "reason": "Ordföranden är sjuk"})
    [announcement] = await tick(cycle)
    assert "1 flyttade till mötet torsdag 11 februari 2027" in announcement
    agenda = await cycle.say(marika, "dagordning")
    assert "Dagordning – mötet torsdag 11 februari 2027" in agenda and "1. Flyttas med" in agenda


def reason_input(card: dict[str, Any]) -> dict[str, Any]:
    [field] = [e for e in card["body"] if e.get("id") == "reason"]
    return field


async def test_cancelling_a_meeting_with_items_is_outside_the_formalia_and_the_group_is_told_why(
    cycle: Conversation, group: Group, graph: FakeGraph
) -> None:
    chair, marika = person(group, "Malin Karhu Birgersson"), person(group, "Marika Lyman")
    await cycle.say(marika, "övrig fråga Budget för 2027")
    card = card_of(await cycle.say_for_reply(chair, "ställ in 2026-12-10"))
    text = card_text(card)
    assert "Utanför formalia" in text
    assert "Mötet har punkter på dagordningen." in text
    assert "Det är mer än en vecka kvar till mötet." in text
    assert "Dessa frågor flyttas till mötet torsdag 11 februari 2027:\nBudget för 2027" in text
    field = reason_input(card)
    assert field["value"] == "" and field["isRequired"] is True  # the chair writes why; no default

    cancel, _keep = card_actions(card)
    _status, body = await cycle.click(chair, cancel["verb"], {**cancel["data"], "reason": "  "})
    assert body["value"] == "Skriv ett skäl till att mötet ställs in."
    status, body = await cycle.click(
        chair, cancel["verb"], {**cancel["data"], "reason": "Ordföranden är sjuk"}
    )
    assert status == 200
    assert card_text(body["value"]).startswith("Mötet torsdag 10 december 2026 är inställt utanför formalia.")

    [announcement] = await tick(cycle)
    assert "Ordföranden har ställt in mötet utanför formalia" in announcement
    assert "Ordföranden är sjuk" in announcement
    assert "1 flyttade till mötet torsdag 11 februari 2027" in announcement
    assert "inställt utanför formalia: Ordföranden är sjuk" in await cycle.say(marika, "möten")


async def test_an_empty_meeting_cancelled_more_than_a_week_before_is_outside_the_formalia(
    cycle: Conversation, group: Group
) -> None:
    chair = person(group, "Malin Karhu Birgersson")
    card = card_of(await cycle.say_for_reply(chair, "ställ in 2026-12-10 Force majeure"))
    text = card_text(card)
    assert "Det är mer än en vecka kvar till mötet." in text
    assert "Mötet har punkter" not in text and "Dessa frågor flyttas" not in text
    assert reason_input(card)["value"] == "Force majeure"
    cancel, _keep = card_actions(card)
    await cycle.click(chair, cancel["verb"], {**cancel["data"], "reason": "Force majeure"})
    [announcement] = await tick(cycle)
    assert "utanför formalia" in announcement and "Force majeure" in announcement
    assert "inställt utanför formalia: Force majeure" in await cycle.say(chair, "möten")


async def test_a_card_that_did_not_say_outside_the_formalia_cannot_cancel_outside_them(
    cycle: Conversation, group: Group
) -> None:
    """A card posted before the formalia were told apart carries no flag: the chair is sent back."""
    chair = person(group, "Malin Karhu Birgersson")
    card = card_of(await cycle.say_for_reply(chair, "ställ in 2026-12-10 Sjuk"))
    cancel, _keep = card_actions(card)
    old_card = {"meeting_id": cancel["data"]["meeting_id"], "reason": "Sjuk"}
    _status, body = await cycle.click(chair, cancel["verb"], old_card)
    assert body["value"].startswith("Mötet skulle nu ställas in utanför formalia, vilket kortet inte visade.")
    assert "torsdag 10 december 2026**, kl. 08:30–10:00 · planerat" in await cycle.say(chair, "möten")
    assert await tick(cycle) == []


async def test_keeping_the_meeting_needs_no_reason(cycle: Conversation, group: Group) -> None:
    chair = person(group, "Malin Karhu Birgersson")
    card = card_of(await cycle.say_for_reply(chair, "ställ in 2026-12-10"))
    cancel, keep = card_actions(card)
    assert keep.get("associatedInputs") == "none"  # Teams sends it without checking the empty reason
    assert cancel.get("associatedInputs") != "none"
    status, body = await cycle.click(chair, keep["verb"], keep["data"])  # no reason in it at all
    assert status == 200
    assert card_text(body["value"]) == "Mötet är kvar som planerat."
    assert "torsdag 10 december 2026**, kl. 08:30–10:00 · planerat" in await cycle.say(chair, "möten")
    assert await tick(cycle) == []


async def test_two_schedulers_on_one_database_announce_each_step_once(
    cycle: Conversation, database_url: str, clock: FixedClock, group: Group
) -> None:
    other_engine = make_engine(database_url)  # a second process: its own connections
    try:
        other = Context(group=group, clock=clock, uow=SqlUnitOfWorkFactory(other_engine))
        clock.set(stockholm(2026, 12, 3, 9, 0))
        for _ in range(3):
            await asyncio.gather(run_due(cycle.app[CONTEXT]), run_due(other), run_due(other))
        while await cycle.app[DELIVERY].deliver_due():
            pass
    finally:
        await other_engine.dispose()
    posted = [card_text(s.activity) for s in cycle.connector.sent]
    assert sum(p.startswith("Kallelse – mötet torsdag 10 december 2026") for p in posted) == 1
    assert not any(
        p.startswith("Dagordning – mötet torsdag 10 december") for p in posted
    )  # the notice covers it


@pytest.mark.parametrize(
    ("day", "notice"),
    [
        ("2027-04-01", "torsdag 25 mars 2027 kl. 08:30"),  # summer time begins on 28 March in between
        ("2027-11-04", "torsdag 28 oktober 2027 kl. 08:30"),  # and ends on 31 October
    ],
)
async def test_deadlines_keep_their_local_time_across_daylight_saving_changes(
    cycle: Conversation, group: Group, day: str, notice: str
) -> None:
    secretary = person(group, "Joanna Karabay")
    added = await cycle.say(secretary, f"nytt möte {day} 08:30-10:00")
    assert "är tillagt i årsplanen" in added
    assert f"sista dag för övriga frågor {notice}" in await cycle.say(secretary, "möten")


async def test_at_the_start_the_check_in_and_the_adjusters_proposal_come_once(
    cycle: Conversation, clock: FixedClock
) -> None:
    await tick(cycle)
    clock.set(stockholm(2026, 12, 10, 8, 24))
    await tick(cycle)  # the notice, long since due
    clock.set(stockholm(2026, 12, 10, 8, 25))
    posted = await tick(cycle)
    check_in, adjuster = posted
    assert check_in.startswith("Närvaro – mötet torsdag 10 december 2026")
    assert adjuster.startswith("Utse justerare – mötet torsdag 10 december 2026")
    assert "står Avesta i tur" in adjuster  # the rotation starts at the top of the alphabet
    clock.set(stockholm(2026, 12, 10, 9, 0))
    assert await tick(cycle) == []


async def test_a_reason_too_long_to_cancel_with_is_refused_in_words(
    cycle: Conversation, group: Group
) -> None:
    reply = await cycle.say(person(group, "Malin Karhu Birgersson"), "ställ in " + "ö" * 5000)
    assert reply == "Skälet är för långt (5000 tecken, högst 500)."
