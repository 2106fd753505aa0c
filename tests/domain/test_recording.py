"""Gallring of the recording and the adjustment's reminder: each step at its moment, once, in order."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.domain.adjustment import ProtocolState, check_submittable, clean_comment, reminder_due
from bot.domain.errors import DomainError
from bot.domain.meetings import Meeting
from bot.domain.protocol_text import Section
from bot.domain.recording import (
    DeletionOutcome,
    DriveFile,
    Recording,
    RecordingStep,
    check_recording,
    check_registrable,
    check_unchanged,
    excerpts_expire,
    parse_recording,
    recording_step,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
DELETE_AT = datetime(2027, 2, 10, 7, 30, tzinfo=UTC)  # 08:30 local, two months after 10 December
WARN_AT = datetime(2027, 2, 3, 7, 30, tzinfo=UTC)
REGISTERED = Recording(5, "https://contoso.sharepoint.com/:v:/s/x/E1", None, None, "aad", DELETE_AT)


def step(at: datetime, adjusted: bool = True, recording: Recording = REGISTERED) -> RecordingStep | None:
    return recording_step(recording, DELETE_AT, STOCKHOLM, adjusted, at)


def test_nothing_happens_before_the_week_before() -> None:
    assert step(WARN_AT - timedelta(seconds=1)) is None


def test_a_week_before_the_secretary_and_the_chair_are_warned_once() -> None:
    assert step(WARN_AT) is RecordingStep.WARN
    assert step(WARN_AT, recording=replace(REGISTERED, warned_at=WARN_AT)) is None


def test_the_recording_is_deleted_when_its_time_is_up_and_not_a_second_before() -> None:
    warned = replace(REGISTERED, warned_at=WARN_AT)
    assert step(DELETE_AT - timedelta(seconds=1), recording=warned) is None
    assert step(DELETE_AT, recording=warned) is RecordingStep.DELETE
    assert step(DELETE_AT, recording=replace(warned, deletion_ordered_at=DELETE_AT)) is None


def test_a_bot_that_was_down_deletes_without_warning_late() -> None:
    assert step(DELETE_AT + timedelta(days=3)) is RecordingStep.DELETE


def test_without_an_adjusted_protocol_it_is_held_back_and_the_chair_told_once() -> None:
    assert step(DELETE_AT, adjusted=False) is RecordingStep.HOLD_BACK
    told = replace(REGISTERED, held_back_at=DELETE_AT)
    assert step(DELETE_AT + timedelta(days=9), adjusted=False, recording=told) is None
    assert step(DELETE_AT + timedelta(days=10), adjusted=True, recording=told) is RecordingStep.DELETE


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (
            "https://contoso.sharepoint.com/:v:/s/x/E1",
            ("https://contoso.sharepoint.com/:v:/s/x/E1", None, None),
        ),
        ("b!drive01 01ITEM7", (None, "b!drive01", "01ITEM7")),
    ],
)
def test_a_recording_is_a_link_or_a_drive_item(given: str, expected: tuple[str | None, ...]) -> None:
    found = parse_recording(given)
    assert (found.link, found.drive_id, found.item_id) == expected


@pytest.mark.parametrize(("given", "code"), [("ftp://x", "recording.bad_link"), ("a b c", "recording.usage")])
def test_anything_else_is_refused(given: str, code: str) -> None:
    with pytest.raises(DomainError, match=code):
        parse_recording(given)


MEETING = Meeting(5, datetime(2026, 12, 10, 7, 30, tzinfo=UTC), datetime(2026, 12, 10, 9, 0, tzinfo=UTC))
DUE = datetime(2026, 12, 24, 9, 0, tzinfo=UTC)


def test_the_reminder_comes_three_days_before_the_adjustment_deadline_until_it() -> None:
    three_before = datetime(2026, 12, 21, 9, 0, tzinfo=UTC)
    assert not reminder_due(
        DUE, STOCKHOLM, three_before - timedelta(seconds=1), ProtocolState.IN_REVIEW, False
    )
    assert reminder_due(DUE, STOCKHOLM, three_before, ProtocolState.IN_REVIEW, False)
    assert not reminder_due(DUE, STOCKHOLM, three_before, ProtocolState.IN_REVIEW, True)
    assert not reminder_due(DUE, STOCKHOLM, three_before, ProtocolState.ADJUSTED, False)
    assert not reminder_due(DUE, STOCKHOLM, DUE, ProtocolState.DRAFT, False)  # after the deadline: history


@pytest.mark.parametrize(
    ("state", "at", "adjuster", "sections", "code"),
    [
        (ProtocolState.IN_REVIEW, DUE, True, (Section("A", "x"),), "protocol.already_submitted"),
        (ProtocolState.ADJUSTED, DUE, True, (Section("A", "x"),), "protocol.already_adjusted"),
        (ProtocolState.DRAFT, MEETING.ends_at + timedelta(hours=2), True, (Section("A", "x"),),
         "protocol.meeting_not_over"),
        (ProtocolState.DRAFT, DUE, False, (Section("A", "x"),), "protocol.no_adjuster"),
        (ProtocolState.DRAFT, DUE, True, (Section("A", "x"), Section("B")), "protocol.empty_paragraph"),
    ],
)  # fmt: skip
def test_what_must_hold_before_the_protocol_is_handed_over(
    state: ProtocolState, at: datetime, adjuster: bool, sections: tuple[Section, ...], code: str
) -> None:
    with pytest.raises(DomainError, match=code):
        check_submittable(state, MEETING, sections, adjuster, at)
    check_submittable(ProtocolState.CHANGES_REQUESTED, MEETING, (Section("A", "x"),), True, DUE)


def test_a_change_request_must_say_what() -> None:
    assert clean_comment("  Rätta §3.\r\n") == "Rätta §3."
    for empty in (None, "", " \n "):
        with pytest.raises(DomainError, match=r"protocol\.comment_missing"):
            clean_comment(empty)


# --- only a recording of the meeting, confirmed as it was shown

MEETING = Meeting(5, datetime(2026, 12, 10, 7, 30, tzinfo=UTC), datetime(2026, 12, 10, 9, 0, tzinfo=UTC))
DRIVES = frozenset({"b!team", "b!mailbox"})
VIDEO = DriveFile(
    "b!team", "01REC", "möte.mp4", 10, datetime(2026, 12, 10, 7, 31, tzinfo=UTC), '"{A},1"', True, True
)


@pytest.mark.parametrize(
    ("found", "code"),
    [
        (None, "recording.not_found"),
        (replace(VIDEO, is_file=False), "recording.not_a_file"),
        (replace(VIDEO, is_video=False), "recording.not_video"),
        (replace(VIDEO, drive_id="b!elsewhere"), "recording.elsewhere"),
        (
            replace(VIDEO, created_at=MEETING.starts_at - timedelta(hours=1, seconds=1)),
            "recording.outside_meeting",
        ),
        (
            replace(VIDEO, created_at=MEETING.ends_at + timedelta(days=1, seconds=1)),
            "recording.outside_meeting",
        ),
    ],
)
def test_what_is_not_a_video_file_of_the_meeting_in_its_drives_is_refused(
    found: DriveFile | None, code: str
) -> None:
    with pytest.raises(DomainError) as refused:
        check_recording(found, DRIVES, MEETING)
    assert refused.value.code == code


def test_a_video_made_from_an_hour_before_to_a_day_after_the_meeting_is_accepted() -> None:
    for created in (MEETING.starts_at - timedelta(hours=1), MEETING.ends_at + timedelta(days=1)):
        assert check_recording(replace(VIDEO, created_at=created), DRIVES, MEETING).created_at == created
    assert check_recording(replace(VIDEO, drive_id="b!mailbox"), DRIVES, MEETING).drive_id == "b!mailbox"


def test_the_confirmed_file_must_still_carry_the_etag_shown() -> None:
    check_unchanged('"{A},1"', VIDEO)
    with pytest.raises(DomainError, match=r"recording\.changed_since_shown"):
        check_unchanged('"{A},1"', replace(VIDEO, etag='"{A},2"'))


def test_a_recording_can_be_replaced_until_deleted_and_again_when_the_deletion_found_another_file() -> None:
    check_registrable(None)
    check_registrable(REGISTERED)
    ordered = replace(REGISTERED, deletion_ordered_at=DELETE_AT)
    for outcome in (None, DeletionOutcome.DELETED, DeletionOutcome.NOT_FOUND):
        with pytest.raises(DomainError, match=r"recording\.already_deleted"):
            check_registrable(replace(ordered, outcome=outcome))
    check_registrable(replace(ordered, outcome=DeletionOutcome.CHANGED))


@pytest.mark.parametrize(
    ("adjusted", "days_after_the_date", "expire"),
    [(True, 0, True), (True, 3, True), (True, -1, False), (False, 0, False), (False, 30, False)],
)
def test_excerpts_without_a_recording_go_at_its_date_and_never_before_the_adjustment(
    adjusted: bool, days_after_the_date: int, expire: bool
) -> None:
    date = datetime(2027, 2, 10, 7, 30, tzinfo=UTC)
    assert excerpts_expire(date, adjusted, date + timedelta(days=days_after_the_date)) is expire
