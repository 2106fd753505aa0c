"""§3: an empty meeting may be cancelled from a week before; anything else is outside the formalia."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.cancellation import Breach, formalia_breaches
from bot.domain.deadlines import deadlines_for
from bot.domain.group import Rules
from bot.domain.meetings import Meeting
from tests.domain.builders import STOCKHOLM

START = datetime(2027, 2, 11, 7, 30, tzinfo=UTC)  # 08:30 in Stockholm
MEETING = Meeting(id=1, starts_at=START, ends_at=START + timedelta(minutes=90))
DEADLINES = deadlines_for(MEETING, Rules(), STOCKHOLM)
SECOND = timedelta(seconds=1)


@pytest.mark.parametrize(
    ("items", "now", "within"),
    [
        (0, DEADLINES.notice_at, True),  # the notice: from here an empty meeting may go
        (0, START - SECOND, True),
        (0, DEADLINES.notice_at - SECOND, False),  # earlier than a week before
        (0, DEADLINES.agenda_at, False),
        (1, DEADLINES.notice_at, False),  # something on the agenda
        (3, START - SECOND, False),
        (2, DEADLINES.agenda_at, False),
    ],
    ids=["empty at the notice", "empty just before", "empty a second early", "empty at the agenda",
         "one item at the notice", "items just before", "items and early"],
)  # fmt: skip
def test_only_an_empty_meeting_from_the_notice_on_is_within_the_formalia(
    items: int, now: datetime, within: bool
) -> None:
    assert (not formalia_breaches(items, DEADLINES, now)) is within


def test_the_formalia_week_is_the_notice_a_week_before() -> None:
    assert DEADLINES.cancel_from == datetime(2027, 2, 4, 7, 30, tzinfo=UTC)


def test_the_card_can_say_what_is_outside_the_formalia() -> None:
    assert formalia_breaches(0, DEADLINES, DEADLINES.notice_at) == frozenset()
    assert formalia_breaches(2, DEADLINES, DEADLINES.notice_at) == {Breach.HAS_ITEMS}
    assert formalia_breaches(0, DEADLINES, DEADLINES.agenda_at) == {Breach.TOO_EARLY}
    assert formalia_breaches(1, DEADLINES, DEADLINES.agenda_at) == {Breach.HAS_ITEMS, Breach.TOO_EARLY}
