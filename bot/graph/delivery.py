"""The delivery ports (calendar, mail, files, transcripts) and the meeting's artifacts, built for a
tenant (Graph) or for a machine without one (folders)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.graph.local import (
    LOCAL_DOMAIN,
    RECORDINGS_FOLDER,
    EmlMailer,
    FolderFiles,
    FolderTranscripts,
    IcsCalendar,
)
from bot.graph.local_artifacts import SAMPLE_TRANSCRIPT, LocalMeetingArtifacts
from bot.graph.settings import GraphSettings, InlineRetry
from bot.services.ports.delivery import Calendar, Files, Mailer
from bot.services.ports.meeting_artifacts import MeetingArtifacts
from bot.services.ports.store import Clock
from bot.services.ports.transcripts import Transcripts

STOCKHOLM = ZoneInfo("Europe/Stockholm")


async def _nothing_to_close() -> None:
    return None


@dataclass(frozen=True)
class Delivery:
    calendar: Calendar
    mailer: Mailer
    files: Files
    aclose: Callable[[], Awaitable[None]] = _nothing_to_close
    artifacts: MeetingArtifacts | None = None  # the Teams meeting's attendance report; None: not read
    transcripts: Transcripts | None = None  # None: no source of transcripts


def graph_delivery(
    settings: GraphSettings,
    group_mailbox: str,
    drive_id: str,
    inline_retry: InlineRetry | None = None,
    domain: str | None = None,
) -> Delivery:
    """Meetings in the group mailbox's calendar, mail from it, files in the team's drive; the
    meetings' attendance reports, recordings and transcripts read as the mailbox's (the organizer's).

    `domain`, the public host's, is the right half of each mail's Message-ID.
    """
    # The SDK is imported only for a tenant: msgraph-sdk, kiota and azure-identity took a bot on
    # the local stand-ins some 0.2 s and 11 MB at start.
    from bot.graph.calendar import GraphCalendar
    from bot.graph.client import connect
    from bot.graph.files import GraphFiles
    from bot.graph.mail import GraphMailer
    from bot.graph.meeting_artifacts import GraphMeetingArtifacts, GraphTranscripts

    connection = connect(settings, inline_retry)
    artifacts = GraphMeetingArtifacts(connection.client, group_mailbox)
    return Delivery(
        calendar=GraphCalendar(connection.client, group_mailbox),
        mailer=GraphMailer(connection.client, group_mailbox, domain),
        files=GraphFiles(connection.client, drive_id, group_mailbox),
        aclose=connection.aclose,
        artifacts=artifacts,
        transcripts=GraphTranscripts(artifacts),
    )


def local_delivery(
    folder: Path,
    clock: Clock | None = None,
    mail_delay: float = 0.0,
    domain: str = LOCAL_DOMAIN,
    tz: tzinfo = STOCKHOLM,
) -> Delivery:
    """`folder`/calendar (.ics), `folder`/mail (.eml) and `folder`/files, e.g. under var/; every
    meeting's attendance report and transcript are the samples'; a transcript of its own read from
    `folder`/transcripts/<the meeting's date, in `tz`>.vtt; each meeting's sample recording placed
    in, and found in, `folder`/files/Recordings.

    `domain` is the public host's: Message-IDs and calendar UIDs are on it.
    """
    calendar = IcsCalendar(folder / "calendar", clock=clock, domain=domain)
    return Delivery(
        calendar=calendar,
        mailer=EmlMailer(folder / "mail", clock=clock, delay=mail_delay, domain=domain),
        files=FolderFiles(folder / "files"),
        artifacts=LocalMeetingArtifacts(calendar, folder / "files" / RECORDINGS_FOLDER),
        transcripts=FolderTranscripts(folder / "transcripts", tz, SAMPLE_TRANSCRIPT),
    )
