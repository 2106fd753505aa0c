"""Which files of the organizer's Recordings folder are the meeting's, and when the bot looks."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.artifact_looks import Artifact, ArtifactLook, LookOutcome, look_due, recording_files
from bot.domain.recording import DriveFile
from tests.domain.builders import a_meeting

MEETING = a_meeting()  # 2 April 2026, 08:30–10:00 in Stockholm
SUBJECT = "Styrgruppen E-arkiv Mitt: möte torsdag 2 april 2026"


def recording(name: str, after_start: timedelta, video: bool = True) -> DriveFile:
    created = MEETING.starts_at + after_start
    return DriveFile("b!onedrive", name, name, 1000, created, '"1"', is_file=True, is_video=video)


def test_the_meetings_recordings_are_its_videos_named_after_its_subject_and_made_at_it() -> None:
    own = recording(
        "Styrgruppen E-arkiv Mitt möte torsdag 2 april 2026-20260402_084003-Mötesinspelning.mp4",
        timedelta(minutes=10),
    )
    files = [
        recording("Annat möte-20260402_084003-Meeting Recording.mp4", timedelta(minutes=10)),
        recording(own.name.replace(".mp4", ".vtt"), timedelta(minutes=10), video=False),
        recording(own.name.replace("20260402", "20260301"), -timedelta(days=32)),
        own,
    ]

    assert recording_files(MEETING, SUBJECT, files) == (own,)


def test_the_file_nearest_the_recording_teams_reports_comes_first() -> None:
    first = recording(f"{SUBJECT.replace(':', '')}-1.mp4", timedelta(minutes=5))
    second = recording(f"{SUBJECT.replace(':', '')}-2.mp4", timedelta(minutes=50))

    assert recording_files(MEETING, SUBJECT, [second, first]) == (first, second)
    assert recording_files(
        MEETING, SUBJECT, [first, second], [MEETING.starts_at + timedelta(minutes=48)]
    ) == (
        second,
        first,
    )


def test_the_looks_are_the_attendance_reports_and_end_when_settled() -> None:
    end = MEETING.ends_at
    assert not look_due(MEETING, None, end + timedelta(minutes=14))
    assert look_due(MEETING, None, end + timedelta(minutes=15))
    once = ArtifactLook(MEETING.id, Artifact.TRANSCRIPT, 1, end + timedelta(minutes=45))
    assert not look_due(MEETING, once, end + timedelta(minutes=30))
    assert look_due(MEETING, once, end + timedelta(minutes=45))
    settled = ArtifactLook(MEETING.id, Artifact.TRANSCRIPT, 1, None, LookOutcome.FOUND)
    assert not look_due(MEETING, settled, end + timedelta(hours=2))
