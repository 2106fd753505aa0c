"""Övriga frågor: cleaning the text, and which meeting an item goes to (§3)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.deadlines import deadlines_for
from bot.domain.errors import DomainError
from bot.domain.group import Rules
from bot.domain.items import Placement, clean_item, is_open_for_items, place_item
from bot.domain.meetings import Meeting, MeetingState

from .builders import STOCKHOLM, a_meeting, year_plan_2024

RULES = Rules()

# --- clean_item -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "title", "text"),
    [
        ("Budget 2025", "Budget 2025", ""),
        ("  Budget   2025  ", "Budget 2025", ""),
        ("Budget\nVi behöver prata om den.", "Budget", "Vi behöver prata om den."),
        ("Budget\r\nrad två\r\nrad tre", "Budget", "rad två\nrad tre"),
        ("\n\n  Budget\n\n\n\n\nmer text\n\n", "Budget", "mer text"),
        ("Budget\n\nstycke ett\n\n\n\nstycke två", "Budget", "stycke ett\n\nstycke två"),
        ("Bud\x07get\x00", "Budget", ""),  # control characters go
        ("Budget\t2025\u00a0kr", "Budget 2025 kr", ""),  # tabs and no-break spaces are spaces
        ("Sa\u0308ter", "Säter", ""),  # NFC: a + combining diaeresis is one ä
        ("abc\u202edef", "abcdef", ""),  # a bidi override could reorder the card's text
    ],
)
def test_clean_item(raw: str, title: str, text: str) -> None:
    assert clean_item(raw, RULES) == (title, text)


@pytest.mark.parametrize("raw", ["", "   ", "\n\n", "\x00\x07", "\t \r\n "])
def test_an_item_with_no_words_is_refused(raw: str) -> None:
    with pytest.raises(DomainError) as err:
        clean_item(raw, RULES)
    assert err.value.code == "item.empty"


def test_a_title_over_the_limit_is_refused_with_the_limit_and_length() -> None:
    rules = Rules(item_title_max=10)
    assert clean_item("x" * 10, rules) == ("x" * 10, "")
    with pytest.raises(DomainError) as err:
        clean_item("x" * 11 + "\nkort text", rules)
    assert (err.value.code, err.value.params) == ("item.title_too_long", {"limit": 10, "length": 11})


def test_a_text_over_the_limit_is_refused_with_the_limit_and_length() -> None:
    rules = Rules(item_text_max=20)
    assert clean_item("Titel\n" + "y" * 20, rules) == ("Titel", "y" * 20)
    with pytest.raises(DomainError) as err:
        clean_item("Titel\n" + "y" * 21, rules)
    assert (err.value.code, err.value.params) == ("item.too_long", {"limit": 20, "length": 21})


def test_limits_count_the_cleaned_text() -> None:
    rules = Rules(item_title_max=5)
    assert clean_item("  a    b   c  ", rules) == ("a b c", "")


@given(st.text())
def test_cleaned_items_are_stable_and_free_of_control_characters(raw: str) -> None:
    try:
        title, text = clean_item(raw, RULES)
    except DomainError as err:
        assert err.code in {"item.empty", "item.title_too_long", "item.too_long"}
        return
    assert title and "\n" not in title and title == title.strip()
    assert "  " not in title and "\t" not in title + text and "\r" not in title + text
    assert clean_item(f"{title}\n{text}", RULES) == (title, text)


# --- place_item -----------------------------------------------------------------------

PLAN = year_plan_2024()  # 15 Feb, 25 Apr, 26 Sep, 12 Nov 2024, 08:30 local
FEB, APR, SEP, NOV = PLAN


def notice(meeting: Meeting) -> datetime:
    return deadlines_for(meeting, RULES, STOCKHOLM).notice_at


def test_an_item_in_time_goes_on_the_next_meeting() -> None:
    now = notice(FEB) - timedelta(seconds=1)
    assert place_item(PLAN, RULES, STOCKHOLM, now) == Placement(meeting=FEB, late_for=None)


def test_an_item_at_the_notice_deadline_is_late_and_offered_for_the_meeting_after() -> None:
    placement = place_item(PLAN, RULES, STOCKHOLM, notice(FEB))
    assert placement == Placement(meeting=APR, late_for=FEB)
    assert placement.is_late


def test_a_late_item_with_no_later_meeting_is_late_for_the_last_and_offered_for_none() -> None:
    assert place_item(PLAN, RULES, STOCKHOLM, notice(NOV)) == Placement(meeting=None, late_for=NOV)


def test_cancelled_meetings_are_passed_over() -> None:
    plan = [replace(FEB, state=MeetingState.CANCELLED), APR]
    now = notice(FEB) - timedelta(days=1)
    assert place_item(plan, RULES, STOCKHOLM, now) == Placement(meeting=APR, late_for=None)


@pytest.mark.parametrize("state", [MeetingState.NOTICE_FIXED, MeetingState.HELD])
def test_a_meeting_whose_notice_is_fixed_takes_no_items_even_before_the_deadline(state: MeetingState) -> None:
    feb = a_meeting(date(2024, 2, 15), id=1, state=state)
    now = notice(feb) - timedelta(days=1)
    assert not is_open_for_items(feb, RULES, STOCKHOLM, now)
    assert place_item([feb, APR], RULES, STOCKHOLM, now) == Placement(meeting=APR, late_for=feb)


@pytest.mark.parametrize("state", [MeetingState.PLANNED, MeetingState.AGENDA_PUBLISHED])
def test_planned_and_published_meetings_take_items_until_the_notice(state: MeetingState) -> None:
    feb = a_meeting(date(2024, 2, 15), state=state)
    assert is_open_for_items(feb, RULES, STOCKHOLM, notice(feb) - timedelta(microseconds=1))
    assert not is_open_for_items(feb, RULES, STOCKHOLM, notice(feb))


def test_the_order_of_the_year_plan_does_not_matter() -> None:
    now = notice(APR) + timedelta(hours=1)
    assert place_item(list(reversed(PLAN)), RULES, STOCKHOLM, now) == Placement(meeting=SEP, late_for=APR)


def test_a_meeting_in_progress_is_not_upcoming() -> None:
    now = FEB.starts_at + timedelta(minutes=10)
    assert place_item(PLAN, RULES, STOCKHOLM, now) == Placement(meeting=APR, late_for=None)


@pytest.mark.parametrize(
    "meetings",
    [[], PLAN, [a_meeting(date(2025, 1, 9), state=MeetingState.CANCELLED)]],
    ids=["no meetings", "all in the past", "only cancelled"],
)
def test_no_upcoming_meeting_is_an_error(meetings: list[Meeting]) -> None:
    now = datetime(2024, 12, 1, tzinfo=UTC)
    with pytest.raises(DomainError) as err:
        place_item(meetings, RULES, STOCKHOLM, now)
    assert err.value.code == "item.no_meeting"


moments = st.datetimes(
    min_value=datetime(2023, 12, 1), max_value=datetime(2024, 11, 12, 7, 29), timezones=st.just(UTC)
)


@given(now=moments)
def test_placement_is_always_an_open_meeting_and_late_only_for_the_first_upcoming(now: datetime) -> None:
    placement = place_item(PLAN, RULES, STOCKHOLM, now)
    first = next(m for m in PLAN if m.starts_at > now)
    if placement.meeting is not None:
        assert is_open_for_items(placement.meeting, RULES, STOCKHOLM, now)
    assert placement.late_for in (None, first)
    assert (placement.late_for is None) == (now < notice(first))
    if placement.late_for is None:
        assert placement.meeting == first
