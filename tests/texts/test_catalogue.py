"""The message catalogue: complete in both languages, and every refusal has words."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.chat.refusals import refusal
from bot.domain.errors import DomainError
from bot.domain.group import Group
from bot.texts import texts_for
from bot.texts.catalogue import CATALOGUE, locale_of, placeholders

SOURCE = Path(__file__).parents[2] / "bot"
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _source() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in SOURCE.rglob("*.py"))


def test_swedish_and_english_have_the_same_keys_and_placeholders() -> None:
    assert set(CATALOGUE["sv"]) == set(CATALOGUE["en"])
    for key, swedish in CATALOGUE["sv"].items():
        assert placeholders(swedish) == placeholders(CATALOGUE["en"][key]), key


def test_every_rule_code_the_code_raises_has_words() -> None:
    codes = set(re.findall(r'DomainError\(\s*"([a-z_.]+)"', _source()))
    assert codes, "no DomainError codes found: the scan is broken"
    assert sorted(codes - set(CATALOGUE["sv"])) == []


def test_every_literal_key_the_code_uses_exists() -> None:
    keys = set(re.findall(r'\b(?:t|texts)\(\s*"([a-z_.]+)"', _source()))
    assert keys
    assert sorted(keys - set(CATALOGUE["sv"])) == []


def test_dates_are_written_the_swedish_way() -> None:
    texts = texts_for("sv-SE", STOCKHOLM)
    moment = datetime(2023, 9, 19, 6, 30, tzinfo=UTC)
    assert texts.moment(moment) == "tisdag 19 september 2023 kl. 08:30"
    assert texts.day(moment) == "tisdag 19 september 2023"
    assert texts_for("en-US", STOCKHOLM).moment(moment) == "Tuesday 19 September 2023 at 08:30"


@pytest.mark.parametrize(
    ("client", "locale"),
    [("sv-SE", "sv"), ("en-US", "en"), ("en", "en"), ("fi-FI", "sv"), (None, "sv"), ("", "sv")],
)
def test_anything_but_english_is_answered_in_swedish(client: str | None, locale: str) -> None:
    assert locale_of(client) == locale


RULE_ERRORS = [
    DomainError("vote.no_vote_role", role="secretary"),
    DomainError("vote.member_present", member="Jessica Hedlund", municipality="Ludvika"),
    DomainError("vote.casting_not_tied", option="Nej", tied=("Ja", "Förslag B")),
    DomainError("protocol.stale_version", shown="a" * 64, current="b" * 64),
    DomainError("auth.not_allowed", action="cancel_meeting", role="member"),
    DomainError("item.too_long", limit=2000, length=2301),
]


@pytest.mark.parametrize("error", RULE_ERRORS, ids=lambda e: e.code)
@pytest.mark.parametrize("client", ["sv-SE", "en-US"])
def test_refusals_fill_in_their_words(error: DomainError, client: str, group: Group) -> None:
    text = refusal(texts_for(client, STOCKHOLM), group, error)
    assert "{" not in text and text


def test_refusals_name_the_roles_in_swedish(group: Group) -> None:
    texts = texts_for("sv-SE", STOCKHOLM)
    assert refusal(texts, group, DomainError("auth.not_allowed", action="open_vote", role="member")) == (
        "Det får bara ordförande eller sekreterare göra."
    )
    assert refusal(texts, group, DomainError("vote.no_vote_role", role="secretary")) == (
        "Som sekreterare har du ingen rösträtt i styrgruppen."
    )
    assert "version aaaaaaaa" in refusal(
        texts, group, DomainError("protocol.stale_version", shown="a" * 64, current="b" * 64)
    )


def test_an_unknown_code_still_gets_an_answer(group: Group) -> None:
    text = refusal(texts_for("sv-SE", STOCKHOLM), group, DomainError("no.such.code"))
    assert text == "Det gick inte: no.such.code."
