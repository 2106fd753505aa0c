"""The conversation over real HTTP: activities in, the bot's replies caught by the fake Bot Connector."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.domain.group import Group
from tests.conftest import stockholm
from tests.support.clock import FixedClock
from tests.support.harness import Conversation, card_actions, card_of, card_text, running_bot
from tests.support.people import person


async def test_help_lists_what_a_member_may_do(chat: Conversation, group: Group) -> None:
    reply = await chat.say(person(group, "Marika Lyman"), "hjälp")
    assert "Hej Marika Lyman!" in reply
    assert "ledamot" in reply
    assert "övrig fråga" in reply and "dagordning" in reply and "möten" in reply


async def test_help_works_in_a_personal_chat_and_in_any_case(chat: Conversation, group: Group) -> None:
    reply = await chat.say(person(group, "Marika Lyman"), "HJÄLP", where="personal")
    assert "Det här kan du be mig om" in reply


async def test_staff_are_not_offered_items_in_help(chat: Conversation, group: Group) -> None:
    reply = await chat.say(person(group, "Anna-Maria Malmberg"), "hjälp")
    assert "adjungerad" in reply
    assert "övrig fråga" not in reply


async def test_an_item_before_the_deadline_lands_on_the_next_agenda(chat: Conversation, group: Group) -> None:
    marika = person(group, "Marika Lyman")
    reply = await chat.say(marika, "övrig fråga Budget för 2027")
    assert reply.removesuffix("\nÅterkalla frågan") == (
        "Tack! Din övriga fråga ”Budget för 2027” är anmäld till mötet torsdag 10 december 2026. "
        "Sista dag för övriga frågor till det mötet är torsdag 3 december 2026 kl. 08:30."
    )
    agenda = await chat.say(person(group, "Hanna Dahlkvist"), "dagordning")
    assert (
        "Dagordning – mötet torsdag 10 december 2026\nTid\ntorsdag 10 december 2026 kl. 08:30–10:00" in agenda
    )
    assert "1. Budget för 2027\nAnmäld av Marika Lyman, Avesta" in agenda
    assert "Sista dag för övriga frågor: torsdag 3 december 2026 kl. 08:30." in agenda


async def test_aliases_and_a_personal_chat_submit_too(chat: Conversation, group: Group) -> None:
    reply = await chat.say(person(group, "Anna Karlsson"), "Fråga Arkivlokalen i Mora", where="personal")
    assert "”Arkivlokalen i Mora” är anmäld" in reply
    agenda = await chat.say(person(group, "Anna Karlsson"), "agenda", where="personal")
    assert "Arkivlokalen i Mora\nAnmäld av Anna Karlsson, Mora" in agenda


async def test_an_item_after_the_deadline_is_refused_kept_and_offered_for_the_next(
    chat: Conversation, group: Group
) -> None:
    chat.clock.set(stockholm(2026, 12, 3, 8, 30))  # the deadline itself is too late: items come before it
    reply = await chat.say(person(group, "Marika Lyman"), "övrig fråga Sen fråga")
    late = "till mötet torsdag 10 december 2026 var torsdag 3 december 2026 kl. 08:30"
    assert f"Sista dag för övriga frågor {late}" in reply
    assert "kan därför inte tas upp på det mötet" in reply
    assert "erbjuds i stället till nästa möte, torsdag 11 februari 2027" in reply
    agenda = await chat.say(person(group, "Marika Lyman"), "dagordning")
    assert "Sen fråga" not in agenda
    assert "Kallelsen är fastställd" in agenda


async def test_a_late_item_goes_to_the_next_meeting_with_one_click(chat: Conversation, group: Group) -> None:
    marika = person(group, "Marika Lyman")
    chat.clock.set(stockholm(2026, 12, 5))
    card = card_of(await chat.say_for_reply(marika, "övrig fråga Sen fråga"))
    [button] = card_actions(card)
    assert button["title"] == "Anmäl till mötet torsdag 11 februari 2027"

    status, body = await chat.click(marika, button["verb"], button["data"])
    assert status == 200 and body["type"] == "application/vnd.microsoft.card.adaptive"
    assert card_text(body["value"]).startswith(
        "Frågan ”Sen fråga” är nu anmäld till mötet torsdag 11 februari 2027."
    )
    [withdraw] = card_actions(body["value"])  # like any item in time, it can be withdrawn
    assert withdraw["verb"] == "item.withdraw"

    chat.clock.set(stockholm(2027, 1, 20))
    assert "1. Sen fråga\nAnmäld av Marika Lyman, Avesta" in await chat.say(marika, "dagordning")
    status, body = await chat.click(marika, button["verb"], button["data"])  # a second click changes nothing
    assert body["type"] == "application/vnd.microsoft.activity.message"
    assert body["value"] == "Den frågan är redan anmäld eller återkallad."


async def test_only_the_submitter_can_accept_the_offer(chat: Conversation, group: Group) -> None:
    chat.clock.set(stockholm(2026, 12, 5))
    card = card_of(await chat.say_for_reply(person(group, "Marika Lyman"), "övrig fråga Min fråga"))
    [button] = card_actions(card)
    status, body = await chat.click(person(group, "Anna Karlsson"), button["verb"], button["data"])
    assert status == 200 and body["value"] == "Den frågan hittar jag inte bland dina anmälda frågor."
    chat.clock.set(stockholm(2027, 1, 20))
    assert "Min fråga" not in await chat.say(person(group, "Marika Lyman"), "dagordning")


@pytest.mark.parametrize(
    ("verb", "data", "answer"),
    [
        ("item.accept_offer", {"item_id": "inte ett tal"}, "Knappen kunde inte läsas."),
        ("item.accept_offer", {}, "Knappen kunde inte läsas."),
        ("item.accept_offer", {"item_id": [1]}, "Knappen kunde inte läsas."),
        ("vote.hack", {"item_id": 1}, "Den här knappen känner jag inte igen."),
        ("", None, "Den här knappen känner jag inte igen."),
    ],
)
async def test_a_forged_or_broken_click_is_answered_in_words(
    chat: Conversation, group: Group, verb: str, data: object, answer: str
) -> None:
    status, body = await chat.click(person(group, "Marika Lyman"), verb, data)
    assert status == 200
    assert body["type"] == "application/vnd.microsoft.activity.message"
    assert body["value"].startswith(answer)


async def test_a_click_from_another_tenant_is_refused(chat: Conversation, group: Group) -> None:
    status, body = await chat.click(
        person(group, "Marika Lyman"),
        "item.accept_offer",
        {"item_id": 1},
        tenant_id="99999999-9999-4999-8999-999999999999",
    )
    assert status == 200 and body["value"].startswith("Jag arbetar bara för")


async def test_the_year_plan_shows_each_meeting_with_its_deadlines(chat: Conversation, group: Group) -> None:
    await chat.say(person(group, "Marika Lyman"), "övrig fråga Budget")
    reply = await chat.say(person(group, "Marika Lyman"), "möten")
    assert "Årsplan för Styrgruppen E-arkiv Mitt" in reply
    assert "**torsdag 10 december 2026**, kl. 08:30–10:00 · planerat" in reply
    assert "dagordning torsdag 26 november 2026 kl. 08:30" in reply
    assert "sista dag för övriga frågor torsdag 3 december 2026 kl. 08:30 · 1 anmäld fråga" in reply
    assert "tisdag 9 november 2027" in reply
    assert "2024" not in reply  # past years are not the plan any more


async def test_a_stranger_gets_a_polite_refusal_and_nothing_is_stored(
    chat: Conversation, group: Group
) -> None:
    reply = await chat.say("11111111-2222-4333-8444-555555555555", "övrig fråga Hej")
    assert "jag känner inte igen dig som deltagare i Styrgruppen E-arkiv Mitt" in reply.replace("Hej! J", "j")
    agenda = await chat.say(person(group, "Marika Lyman"), "dagordning")
    assert "Inga övriga frågor är anmälda ännu." in agenda


async def test_a_message_without_an_aad_id_is_a_stranger(chat: Conversation) -> None:
    reply = await chat.say(None, "hjälp")
    assert "känner inte igen dig" in reply


async def test_an_unknown_command_gets_help(chat: Conversation, group: Group) -> None:
    reply = await chat.say(person(group, "Marika Lyman"), "fikapaus nu?")
    assert reply.startswith("Jag förstod inte ”fikapaus nu?”.")
    assert "Det här kan du be mig om" in reply


async def test_staff_may_not_submit_items(chat: Conversation, group: Group) -> None:
    reply = await chat.say(person(group, "Anna-Maria Malmberg"), "övrig fråga Något")
    assert reply.startswith("Det får bara ")
    assert "ledamot" in reply and "sekreterare" in reply


async def test_without_text_the_item_comes_as_a_form_with_title_and_description(
    chat: Conversation, group: Group
) -> None:
    marika = person(group, "Marika Lyman")
    form = card_of(await chat.say_for_reply(marika, "övrig fråga   "))
    assert "Rubrik\nBeskrivning (valfri)" in card_text(form)
    assert "Till mötet torsdag 10 december 2026; sista dag torsdag 3 december 2026 kl. 08:30." in card_text(
        form
    )
    [submit] = card_actions(form)
    status, body = await chat.click(
        marika, submit["verb"], {"title": "Arkivplan", "text": "Förslag bifogas.\nRad två."}
    )
    assert status == 200 and card_text(body["value"]).startswith(
        "Tack! Din övriga fråga ”Arkivplan” är anmäld"
    )
    assert "1. Arkivplan" in await chat.say(marika, "dagordning")


async def test_an_empty_form_is_explained(chat: Conversation, group: Group) -> None:
    _status, body = await chat.click(
        person(group, "Marika Lyman"), "item.submit", {"title": "  ", "text": ""}
    )
    assert body["value"].startswith("Skriv frågan efter kommandot")


async def test_the_submitter_can_withdraw_an_item_before_the_deadline(
    chat: Conversation, group: Group
) -> None:
    marika = person(group, "Marika Lyman")
    added = card_of(await chat.say_for_reply(marika, "övrig fråga Ångrad fråga"))
    [withdraw] = card_actions(added)
    status, body = await chat.click(person(group, "Anna Karlsson"), withdraw["verb"], withdraw["data"])
    assert status == 200 and body["value"] == "Den frågan hittar jag inte bland dina anmälda frågor."
    _status, body = await chat.click(marika, withdraw["verb"], withdraw["data"])
    assert card_text(body["value"]).startswith("Frågan ”Ångrad fråga” är återkallad")
    assert "Ångrad fråga" not in await chat.say(marika, "dagordning")


async def test_after_the_deadline_an_item_can_no_longer_be_withdrawn(
    chat: Conversation, group: Group
) -> None:
    marika = person(group, "Marika Lyman")
    [withdraw] = card_actions(card_of(await chat.say_for_reply(marika, "övrig fråga Kvar")))
    chat.clock.set(stockholm(2026, 12, 3, 9, 0))
    _status, body = await chat.click(marika, withdraw["verb"], withdraw["data"])
    assert body["value"].startswith("Kallelsen är redan fastställd")
    assert "1. Kvar" in await chat.say(marika, "dagordning")


async def test_a_too_long_item_is_refused_with_the_limits(chat: Conversation, group: Group) -> None:
    reply = await chat.say(person(group, "Marika Lyman"), "övrig fråga " + "x" * 300)
    assert "för lång" in reply and "högst 200" in reply


async def test_markup_in_an_item_is_shown_not_interpreted(chat: Conversation, group: Group) -> None:
    reply = await chat.say(person(group, "Marika Lyman"), "övrig fråga **Viktigt** <b>nu</b>")
    # In a card Markdown is escaped; cards never render HTML, so tags stay visible as typed.
    assert r"”\*\*Viktigt\*\* <b>nu</b>”" in reply


async def test_punctuation_in_an_item_is_shown_as_written(chat: Conversation, group: Group) -> None:
    """Only what Markdown acts on is escaped: Teams mobile shows an escaped "(" as "\\(" ."""
    title = "Budget (2027): klart! #3 + moms - rabatt. **Viktigt** [avtal](https://x.example)"
    reply = await chat.say(person(group, "Marika Lyman"), f"övrig fråga {title}")
    assert r"”Budget (2027): klart! #3 + moms - rabatt. \*\*Viktigt\*\* [avtal\](https://x.example)”" in reply


async def test_english_clients_get_english(chat: Conversation, group: Group) -> None:
    reply = await chat.say(person(group, "Marika Lyman"), "item Budget", locale="en-GB")
    assert reply.startswith(
        "Thank you! Your item “Budget” is on the agenda of the meeting on Thursday 10 December 2026."
    )


async def test_another_tenant_is_refused_and_nothing_is_stored(chat: Conversation, group: Group) -> None:
    marika = person(group, "Marika Lyman")
    reply = await chat.say(
        marika, "övrig fråga Från fel organisation", tenant_id="99999999-9999-4999-8999-999999999999"
    )
    assert reply == "Jag arbetar bara för Styrgruppen E-arkiv Mitt och kan inte svara här."
    assert "Inga övriga frågor" in await chat.say(marika, "dagordning")


async def test_another_team_is_refused(chat: Conversation, group: Group) -> None:
    reply = await chat.say(person(group, "Marika Lyman"), "hjälp", team_id="19:annat-team@thread.tacv2")
    assert reply.startswith("Jag arbetar bara för")


async def test_health_and_bad_requests_never_give_500(chat: Conversation) -> None:
    base = chat.bot_url.removesuffix("/api/messages")
    async with chat.http.get(base + "/healthz") as response:
        assert response.status == 200 and (await response.json()) == {"status": "ok", "undelivered": 0}
    async with chat.http.post(
        chat.bot_url, data="{not json", headers={"Content-Type": "application/json"}
    ) as r:
        assert r.status == 400
    async with chat.http.post(chat.bot_url, json=["a", "list"]) as r:
        assert r.status == 400
    async with chat.http.post(chat.bot_url, data="hej", headers={"Content-Type": "text/plain"}) as r:
        assert r.status == 415


async def test_a_forced_language_wins_over_the_clients(
    group: Group, sqlite_url: str, clock: FixedClock, tmp_path: Path
) -> None:
    async with running_bot(group, sqlite_url, clock, tmp_path / "var", locale="sv") as chat:
        reply = await chat.say(person(group, "Marika Lyman"), "hjälp", locale="en-US")
    assert reply.startswith("Hej Marika Lyman!")
