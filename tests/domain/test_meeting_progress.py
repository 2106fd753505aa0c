"""Mötets gång: the agenda's points in the draft's order, and Nästa punkt moving one point a press."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.errors import DomainError
from bot.domain.items import AgendaItem
from bot.domain.meeting_progress import Progress, TakenUp, meeting_agenda, next_point, start

START = datetime(2026, 12, 10, 7, 30, tzinfo=UTC)
ITEMS = [AgendaItem(n, 1, f"Punkt {n}", "", "member:avesta", START) for n in (4, 9)]
AGENDA = meeting_agenda(ITEMS)


def test_the_agenda_is_the_drafts_paragraphs_without_the_votes() -> None:
    assert [p.key for p in AGENDA] == ["opening", "adjuster", "item:4", "item:9", "closing"]


def test_the_meeting_starts_at_the_first_point_once() -> None:
    fresh = Progress(AGENDA)
    assert start(fresh, START) == TakenUp("opening", START)
    assert start(Progress(AGENDA, (TakenUp("opening", START),)), START) is None


def _after(*keys: str) -> Progress:
    return Progress(AGENDA, tuple(TakenUp(k, START + timedelta(minutes=n)) for n, k in enumerate(keys)))


@pytest.mark.parametrize(
    ("taken", "moving_from", "result"),
    [
        (("opening",), "opening", "adjuster"),
        (("opening", "adjuster"), "adjuster", "item:4"),
        (("opening", "adjuster", "item:4", "item:9"), "item:9", "closing"),
        # The same card pressed twice, or the other person's card after this one: refused.
        (("opening", "adjuster"), "opening", "progress.stale"),
        (("opening", "adjuster", "item:4", "item:9", "closing"), "closing", "progress.last_point"),
        ((), "opening", "progress.not_begun"),
    ],
)
def test_nasta_punkt_moves_from_the_point_the_card_showed(
    taken: tuple[str, ...], moving_from: str, result: str
) -> None:
    now = START + timedelta(hours=1)
    try:
        assert next_point(_after(*taken), moving_from, now) == TakenUp(result, now)
    except DomainError as refused:
        assert refused.code == result


def test_a_stale_press_says_where_the_meeting_is() -> None:
    with pytest.raises(DomainError) as refused:
        next_point(_after("opening", "adjuster", "item:4"), "adjuster", START)
    assert refused.value.params == {"number": 3, "count": 5}


def test_an_item_withdrawn_from_the_agenda_is_passed_over() -> None:
    progress = Progress(meeting_agenda(ITEMS[1:]), _after("opening", "adjuster", "item:4").taken_up)
    assert progress.current is not None and progress.current.key == "adjuster"
    assert progress.next is not None and progress.next.key == "item:9"
