"""The meeting day: which meeting is going on, attendance as the protocol lists it, the adjuster."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.adjuster import check_appointable, choose, confirm_proposal, propose
from bot.domain.attendance import attendance_lists, present_municipalities
from bot.domain.errors import DomainError
from bot.domain.meeting_day import (
    current_ends_after,
    current_meeting,
    day_ends_at,
    day_has_ended,
    is_current,
)
from bot.domain.meetings import MeetingState

from .builders import SECRETARY, STAFF, a_group, a_meeting, member_of, substitute_of

GROUP = a_group(substitutes=["Nora", "Ludvika"])
T = datetime(2026, 12, 10, 8, 0, tzinfo=UTC)

# --- the current meeting ------------------------------------------------------------------

MEETING = a_meeting(date(2026, 4, 2))  # 08:30–10:00 local


@pytest.mark.parametrize(
    ("offset", "current"),
    [
        (timedelta(minutes=-31), False),
        (timedelta(minutes=-30), True),  # people check in early
        (timedelta(minutes=45), True),
        (timedelta(hours=1, minutes=30) + timedelta(hours=2, minutes=59), True),  # meetings run over
        (timedelta(hours=1, minutes=30) + timedelta(hours=3), False),
    ],
)
def test_a_meeting_is_current_from_half_an_hour_before_to_three_hours_after(
    offset: timedelta, current: bool
) -> None:
    found = current_meeting([MEETING], MEETING.starts_at + offset)
    assert (found is MEETING) is current


def test_the_meeting_day_ends_when_the_meeting_stops_being_current() -> None:
    end = day_ends_at(MEETING)
    assert end == MEETING.ends_at + timedelta(hours=3)
    assert current_meeting([MEETING], end - timedelta(seconds=1)) is MEETING
    assert not day_has_ended(MEETING, end - timedelta(seconds=1))
    assert day_has_ended(MEETING, end) and current_meeting([MEETING], end) is None


def test_a_cancelled_meeting_is_never_current() -> None:
    cancelled = a_meeting(date(2026, 4, 2), state=MeetingState.CANCELLED)
    assert current_meeting([cancelled], cancelled.starts_at) is None


def test_of_two_overlapping_windows_the_later_meeting_wins() -> None:
    morning = a_meeting(date(2026, 4, 2), id=1)
    afternoon = a_meeting(date(2026, 4, 2), id=2, at=time(11, 0))
    assert current_meeting([afternoon, morning], afternoon.starts_at) is afternoon


# --- attendance lists ----------------------------------------------------------------------


def test_present_in_protocol_order_and_absent_only_members() -> None:
    present = [
        STAFF,
        member_of("Mora"),
        substitute_of("Nora"),
        member_of("Säter"),
        SECRETARY,
        member_of("Avesta"),
    ]
    lists = attendance_lists(GROUP, present)
    assert [a.person.name for a in lists.present] == [
        "Ledamot Säter",  # the chair first
        "Ledamot Avesta",
        "Ledamot Mora",
        "Ersättare 1 Nora",
        "Sekreterare",
        "Systemförvaltare",
    ]
    nora = lists.present[3]
    assert nora.substitute_for is not None and nora.substitute_for.name == "Ledamot Nora" and nora.serving
    absent = [p.name for p in lists.absent]
    assert "Ledamot Nora" in absent and "Ledamot Ludvika" in absent
    assert not any(name.startswith("Ersättare") for name in absent)  # nobody expected the substitutes
    assert "Sekreterare" not in absent and "Ledamot Säter" not in absent


def test_a_substitute_beside_the_member_is_listed_but_not_serving() -> None:
    lists = attendance_lists(GROUP, [member_of("Ludvika"), substitute_of("Ludvika")])
    assert [(a.person.name, a.serving) for a in lists.present] == [
        ("Ledamot Ludvika", False),
        ("Ersättare 1 Ludvika", False),
    ]


def test_present_municipalities_count_substitutes_not_staff() -> None:
    assert present_municipalities(GROUP, [substitute_of("Nora"), STAFF, SECRETARY]) == {"Nora"}


# --- the adjuster ------------------------------------------------------------------------------

ROTATION = a_group(["Åre", "Älvdalen", "Östersund", "Övertorneå", "Avesta"], chair="Östersund")
EVERYONE = [member_of(m) for m in ("Åre", "Älvdalen", "Östersund", "Övertorneå", "Avesta")]


def test_the_proposal_counts_only_municipalities_with_someone_present() -> None:
    assert (
        propose(ROTATION, "Avesta", [member_of("Älvdalen"), member_of("Övertorneå")]).municipality
        == "Älvdalen"
    )


def test_confirming_what_the_card_showed() -> None:
    appointment = confirm_proposal(ROTATION, EVERYONE, "Åre", "Älvdalen", member_of("Östersund"), T)
    assert (appointment.municipality, appointment.aad_id) == ("Älvdalen", member_of("Älvdalen"))
    assert appointment.followed_rotation and appointment.reason is None


def test_confirming_a_stale_proposal_says_what_it_is_now() -> None:
    present = [member_of("Övertorneå")]  # Älvdalen has left since the card was shown
    with pytest.raises(DomainError) as err:
        confirm_proposal(ROTATION, present, "Åre", "Älvdalen", member_of("Östersund"), T)
    assert (err.value.code, err.value.params["proposed"]) == ("adjuster.proposal_changed", "Övertorneå")


def test_choosing_someone_else_needs_a_reason_and_is_kept() -> None:
    with pytest.raises(DomainError) as err:
        choose(ROTATION, EVERYONE, "Åre", member_of("Avesta"), "  ", member_of("Östersund"), T)
    assert err.value.code == "adjuster.reason_required"
    appointment = choose(
        ROTATION, EVERYONE, "Åre", member_of("Avesta"), "Läser gärna", member_of("Östersund"), T
    )
    assert (appointment.municipality, appointment.proposed, appointment.reason) == (
        "Avesta",
        "Älvdalen",
        "Läser gärna",
    )
    assert not appointment.followed_rotation


@pytest.mark.parametrize(
    ("chosen", "present", "code"),
    [
        (member_of("Östersund"), EVERYONE, "adjuster.is_chair"),
        (member_of("Avesta"), [member_of("Åre")], "adjuster.not_present"),
        (SECRETARY, EVERYONE, "adjuster.not_eligible"),
        ("stranger", EVERYONE, "adjuster.not_eligible"),
    ],
)
def test_who_cannot_be_chosen(chosen: str, present: list[str], code: str) -> None:
    with pytest.raises(DomainError) as err:
        choose(ROTATION, present, None, chosen, "skäl", member_of("Östersund"), T)
    assert err.value.code == code


# --- appointing the adjuster after the meeting --------------------------------------------------


@pytest.mark.parametrize(
    ("when", "current", "submitted", "refusal"),
    [
        (timedelta(minutes=45), True, False, None),  # at the meeting
        (timedelta(days=1), False, False, None),  # forgotten at the meeting: appointed afterwards
        (timedelta(days=1), False, True, "adjuster.protocol_submitted"),  # the protocol has gone
        (timedelta(days=-1), False, False, "meeting.not_current"),  # not yet held
    ],
)
def test_the_adjuster_is_appointed_until_the_protocol_goes_to_adjustment(
    when: timedelta, current: bool, submitted: bool, refusal: str | None
) -> None:
    now = MEETING.starts_at + when
    if refusal is None:
        check_appointable(MEETING, now, current, submitted)
        return
    with pytest.raises(DomainError) as refused:
        check_appointable(MEETING, now, current, submitted)
    assert refused.value.code == refusal


def test_a_cancelled_meeting_gets_no_adjuster() -> None:
    cancelled = a_meeting(date(2026, 4, 2), state=MeetingState.CANCELLED)
    with pytest.raises(DomainError, match=r"meeting\.not_current"):
        check_appointable(cancelled, cancelled.starts_at + timedelta(days=1), False, False)


@given(st.integers(min_value=-24 * 60, max_value=24 * 60), st.integers(min_value=1, max_value=24 * 60))
def test_a_meeting_current_ends_after_the_moment_the_store_is_asked_from(offset: int, minutes: int) -> None:
    """The store is asked only for the meetings ending after `current_ends_after`: none current is missed."""
    meeting = a_meeting(date(2026, 4, 2), minutes=minutes)
    now = meeting.starts_at + timedelta(minutes=offset)
    if is_current(meeting, now):
        assert meeting.ends_at > current_ends_after(now)
    assert current_ends_after(day_ends_at(meeting)) == meeting.ends_at  # the day's last moment, exactly
