"""The attendance report against the bot's attendance: what differs, and when the bot looks."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from bot.domain.attendance_report import (
    AttendanceRecord,
    AttendanceReport,
    DifferenceKind,
    ReportCheck,
    ReportOutcome,
    compare,
    confirmed,
    is_last_look,
    look_at,
    meeting_sessions,
    report_due,
)
from bot.domain.meetings import MeetingState
from tests.domain.builders import SECRETARY, STAFF, a_group, a_meeting, local, member_of, substitute_of

GROUP = a_group(("Avesta", "Bollnäs", "Hudiksvall", "Säter"), substitutes=("Hudiksvall",))
AVESTA, BOLLNAS, HUDIKSVALL, SATER = (member_of(m) for m in ("Avesta", "Bollnäs", "Hudiksvall", "Säter"))
SUBSTITUTE = substitute_of("Hudiksvall")
MEETING = a_meeting(date(2026, 12, 10), time(8, 30), id=5)  # 08:30–10:00
START, END = local(date(2026, 12, 10), time(8, 30)), local(date(2026, 12, 10), time(10, 0))


def record(
    aad_id: str | None, name: str = "", seconds: int = 3000, role: str = "Attendee"
) -> AttendanceRecord:
    return AttendanceRecord(aad_id, name or str(aad_id), f"{aad_id}@example.se", role, seconds)


def report(*records: AttendanceRecord, started: datetime | None = START) -> AttendanceReport:
    return AttendanceReport("r1", started, started and started + timedelta(minutes=90), len(records), records)


def kinds(present: set[str], *records: AttendanceRecord) -> list[tuple[str, DifferenceKind]]:
    found = compare(GROUP, present, [report(*records)]).differences
    return [(d.person.aad_id, d.kind) for d in found]


NOT_CHECKED_IN, SUBSTITUTE_JOINED, NOT_IN_MEETING = (
    DifferenceKind.NOT_CHECKED_IN,
    DifferenceKind.SUBSTITUTE,
    DifferenceKind.NOT_IN_MEETING,
)


@pytest.mark.parametrize(
    ("present", "in_meeting", "expected"),
    [
        ({AVESTA, SATER}, (AVESTA, SATER), []),
        ({AVESTA}, (AVESTA, BOLLNAS), [(BOLLNAS, NOT_CHECKED_IN)]),
        ({AVESTA, BOLLNAS}, (AVESTA,), [(BOLLNAS, NOT_IN_MEETING)]),
        # The chair first, then the municipalities in Swedish order, then the office's people.
        (
            {BOLLNAS, STAFF},
            (SATER, AVESTA, SECRETARY),
            [(SATER, NOT_CHECKED_IN), (AVESTA, NOT_CHECKED_IN), (BOLLNAS, NOT_IN_MEETING),
             (SECRETARY, NOT_CHECKED_IN), (STAFF, NOT_IN_MEETING)],
        ),
        ({AVESTA}, (AVESTA, SUBSTITUTE), [(SUBSTITUTE, SUBSTITUTE_JOINED)]),
        (set(), (), []),
    ],
    ids=["same", "not-checked-in", "not-in-meeting", "in-protocol-order", "substitute", "nobody"],
)  # fmt: skip
def test_the_differences_are_who_was_in_the_meeting_and_who_checked_in(
    present: set[str], in_meeting: tuple[str, ...], expected: list[tuple[str, DifferenceKind]]
) -> None:
    assert kinds(present, *(record(aad) for aad in in_meeting)) == expected


@pytest.mark.parametrize(
    ("present", "in_meeting", "serving"),
    [
        (set(), (SUBSTITUTE,), True),  # the member was nowhere: the substitute served
        ({HUDIKSVALL}, (SUBSTITUTE,), False),  # checked in
        (set(), (SUBSTITUTE, HUDIKSVALL), False),  # in the meeting
    ],
    ids=["member-absent", "member-checked-in", "member-in-meeting"],
)
def test_a_substitute_serves_only_when_the_member_was_neither_checked_in_nor_in_the_meeting(
    present: set[str], in_meeting: tuple[str, ...], serving: bool
) -> None:
    [substitute] = [
        d
        for d in compare(GROUP, present, [report(*(record(a) for a in in_meeting))]).differences
        if d.kind is SUBSTITUTE_JOINED
    ]
    assert substitute.substitute_for is not None and substitute.substitute_for.aad_id == HUDIKSVALL
    assert substitute.serving is serving
    assert substitute.municipality == "Hudiksvall"


def test_ids_match_whatever_their_case_and_sessions_add_up() -> None:
    first = report(record(BOLLNAS.upper(), seconds=600))
    second = report(record(BOLLNAS, seconds=900), started=START + timedelta(minutes=40))

    comparison = compare(GROUP, {AVESTA.upper()}, [first, second])

    assert [(d.person.aad_id, d.kind, d.seconds) for d in comparison.differences] == [
        (AVESTA, NOT_IN_MEETING, 0),
        (BOLLNAS, NOT_CHECKED_IN, 1500),
    ]
    assert comparison.matched == 1


def test_guests_are_named_apart_and_the_organizer_and_anonymous_are_not() -> None:
    comparison = compare(
        GROUP,
        {AVESTA},
        [
            report(
                record(AVESTA),
                record("guest-1", "Örjan Gäst"),
                record("guest-2", "Anders Gäst"),
                record("mailbox", "Styrgruppen", role="Organizer"),
                record(None, "Anonym"),
                record(None, " "),
            )
        ],
    )
    assert comparison.differences == ()
    assert comparison.strangers == ("Anders Gäst", "Anonym", "Örjan Gäst")


@pytest.mark.parametrize(
    ("started", "kept"),
    [
        (START - timedelta(hours=1, minutes=1), False),  # a test of the link the day before, say
        (START - timedelta(hours=1), True),
        (END + timedelta(hours=3), True),
        (END + timedelta(hours=3, minutes=1), False),
        (None, True),  # Teams lacks the time: kept
    ],
)
def test_only_the_sessions_held_at_the_meeting_count(started: datetime | None, kept: bool) -> None:
    assert (meeting_sessions(MEETING, [report(started=started)]) != ()) is kept


@pytest.mark.parametrize(
    ("check", "now", "due"),
    [
        (None, END + timedelta(minutes=14), False),
        (None, END + timedelta(minutes=15), True),
        (ReportCheck(5, 1, END + timedelta(minutes=45)), END + timedelta(minutes=44), False),
        (ReportCheck(5, 1, END + timedelta(minutes=45)), END + timedelta(minutes=45), True),
        (ReportCheck(5, 2, outcome=ReportOutcome.FOUND), END + timedelta(days=1), False),
        (None, END + timedelta(days=14), False),  # too old: its protocol is written
    ],
    ids=["before-the-first-look", "first-look", "before-the-next", "next", "settled", "too-old"],
)
def test_the_bot_looks_after_the_end_and_again_later(
    check: ReportCheck | None, now: datetime, due: bool
) -> None:
    assert report_due(MEETING, check, now) is due


def test_a_cancelled_meeting_has_no_report() -> None:
    cancelled = a_meeting(date(2026, 12, 10), id=5, state=MeetingState.CANCELLED)
    assert not report_due(cancelled, None, END + timedelta(hours=1))


def test_the_looks_end_a_day_after_the_meeting() -> None:
    looks = [look_at(MEETING, n) for n in range(6)]
    assert looks[0] == END + timedelta(minutes=15)
    assert looks[4] == END + timedelta(days=1)
    assert looks[5] is None and is_last_look(5) and not is_last_look(4)


def test_a_difference_found_and_corrected_since_is_confirmed() -> None:
    check = ReportCheck(5, found=((BOLLNAS, NOT_CHECKED_IN), (AVESTA, NOT_IN_MEETING)))
    now = compare(GROUP, {AVESTA, BOLLNAS}, [report(record(BOLLNAS))])  # Bollnäs marked present
    assert confirmed(check, now) == ((BOLLNAS, NOT_CHECKED_IN),)
