"""Calendar, mail and files through the real msgraph-sdk, checked on what reaches (a fake) Graph."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import re
from datetime import UTC, datetime

import pytest
from msgraph import GraphServiceClient

from bot.domain.recording import DeletionOutcome, DriveFile, RecordingFile
from bot.graph.calendar import KEY_PROPERTY, GraphCalendar
from bot.graph.files import GraphFiles, share_id
from bot.graph.mail import AUTO_SUBMITTED_PROPERTY, GraphMailer
from bot.services.ports.delivery import (
    Address,
    Attachment,
    CalendarEvent,
    DeliveryError,
    MailMessage,
    RetryLater,
)
from tests.support.fake_graph import (
    CREATE_EVENT,
    CREATE_MESSAGE,
    DELETE_ITEM,
    GET_ITEM,
    PERMANENT_DELETE,
    RESOLVE_SHARE,
    SEND_MESSAGE,
    TOKEN,
    UPLOAD,
    USER_DRIVE,
    FakeGraph,
    FixedCredential,
)

GROUP_MAILBOX = "styrgrupp@kommunerna.se"
DRIVE = "b!drive-of-the-team"
A_MAIL = MailMessage(
    to=(Address("registrator@alingsas.se"),), subject="Kallelse", body_html="<p>Välkomna</p>"
)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


def a_meeting(**changes: object) -> CalendarEvent:
    fields: dict[str, object] = {
        "subject": "Styrgruppsmöte",
        "body_html": "<p>Dagordning följer.</p>",
        "starts_at": datetime(2026, 9, 26, 6, 30, tzinfo=UTC),  # 08:30 in Stockholm (summer time)
        "ends_at": datetime(2026, 9, 26, 8, 0, tzinfo=UTC),
        "time_zone": "Europe/Stockholm",
        "location": "Kommunhuset, sal 3",
        "attendees": (Address("anna@alingsas.se", "Anna Åberg"), Address("bo@borås.se")),
    }
    return CalendarEvent(**(fields | changes))  # type: ignore[arg-type]


# --- calendar


async def test_a_meeting_becomes_a_teams_meeting_in_the_group_mailboxs_calendar(
    client: GraphServiceClient, graph: FakeGraph, credential: FixedCredential
) -> None:
    event_id = await GraphCalendar(client, GROUP_MAILBOX).create_event("meeting-7", a_meeting())

    [post] = graph.calls(CREATE_EVENT)
    assert post.path == f"/v1.0/users/{GROUP_MAILBOX}/events"
    sent = post.json
    assert sent["subject"] == "Styrgruppsmöte"
    assert sent["body"] == {"contentType": "html", "content": "<p>Dagordning följer.</p>"}
    assert sent["start"] == {"dateTime": "2026-09-26T08:30:00", "timeZone": "Europe/Stockholm"}
    assert sent["end"] == {"dateTime": "2026-09-26T10:00:00", "timeZone": "Europe/Stockholm"}
    assert sent["location"]["displayName"] == "Kommunhuset, sal 3"
    assert [(a["emailAddress"], a["type"]) for a in sent["attendees"]] == [
        ({"address": "anna@alingsas.se", "name": "Anna Åberg"}, "required"),
        ({"address": "bo@borås.se"}, "required"),
    ]
    assert sent["isOnlineMeeting"] is True
    assert sent["onlineMeetingProvider"] == "teamsForBusiness"
    assert sent["transactionId"] == "meeting-7"
    assert {"id": KEY_PROPERTY, "value": "meeting-7"} in sent["singleValueExtendedProperties"]
    assert graph.events[event_id].mailbox == GROUP_MAILBOX
    assert post.headers["Authorization"] == f"Bearer {TOKEN}"
    assert credential.scopes[0] == ("https://graph.microsoft.com/.default",)


async def test_a_winter_meeting_keeps_its_local_time(client: GraphServiceClient, graph: FakeGraph) -> None:
    winter = a_meeting(
        starts_at=datetime(2026, 12, 8, 7, 30, tzinfo=UTC), ends_at=datetime(2026, 12, 8, 9, tzinfo=UTC)
    )
    await GraphCalendar(client, GROUP_MAILBOX).create_event("meeting-8", winter)

    assert graph.calls(CREATE_EVENT)[0].json["start"]["dateTime"] == "2026-12-08T08:30:00"


async def test_creating_twice_with_one_key_gives_one_event(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    calendar = GraphCalendar(client, GROUP_MAILBOX)

    first = await calendar.create_event("meeting-7", a_meeting())
    again = await calendar.create_event("meeting-7", a_meeting())

    assert again == first
    assert list(graph.events) == [first]
    assert len(graph.calls(CREATE_EVENT)) == 1, "the second create found the event by its key"


async def test_graph_drops_a_repeated_post_with_the_same_transaction_id(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    calendar = GraphCalendar(client, GROUP_MAILBOX)
    first = await calendar.create_event("meeting-7", a_meeting())
    # The lookup misses (e.g. a replica behind), so the adapter posts again with the same key.
    graph.events[first].data["singleValueExtendedProperties"] = []

    assert await calendar.create_event("meeting-7", a_meeting()) == first
    assert len(graph.calls(CREATE_EVENT)) == 2
    assert len(graph.events) == 1


async def test_different_keys_give_different_events(client: GraphServiceClient, graph: FakeGraph) -> None:
    calendar = GraphCalendar(client, GROUP_MAILBOX)

    ids = {await calendar.create_event(key, a_meeting()) for key in ("meeting-7", "meeting-8")}

    assert len(ids) == 2 == len(graph.events)


async def test_an_update_patches_the_event(client: GraphServiceClient, graph: FakeGraph) -> None:
    calendar = GraphCalendar(client, GROUP_MAILBOX)
    event_id = await calendar.create_event("meeting-7", a_meeting())

    moved = a_meeting(subject="Styrgruppsmöte (flyttat)", starts_at=datetime(2026, 9, 27, 6, 30, tzinfo=UTC))
    await calendar.update_event(event_id, moved)

    [patch] = [r for r in graph.requests if r.method == "PATCH"]
    assert patch.path == f"/v1.0/users/{GROUP_MAILBOX}/events/{event_id}"
    assert "transactionId" not in patch.json
    stored = graph.events[event_id].data
    assert stored["subject"] == "Styrgruppsmöte (flyttat)"
    assert stored["start"]["dateTime"] == "2026-09-27T08:30:00"


async def test_a_cancellation_carries_the_comment_to_the_attendees(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    calendar = GraphCalendar(client, GROUP_MAILBOX)
    event_id = await calendar.create_event("meeting-7", a_meeting())

    await calendar.cancel_event(event_id, "Inga ärenden anmälda; mötet ställs in.")

    assert graph.events[event_id].cancelled
    assert graph.events[event_id].cancel_comment == "Inga ärenden anmälda; mötet ställs in."


async def test_a_time_without_a_zone_is_refused_before_calling_graph(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    naive = a_meeting(starts_at=datetime(2026, 9, 26, 8, 30))

    with pytest.raises(DeliveryError, match="no time zone"):
        await GraphCalendar(client, GROUP_MAILBOX).create_event("meeting-7", naive)
    assert graph.calls(CREATE_EVENT) == []


# --- mail


async def test_a_mail_with_a_pdf_goes_from_the_group_mailbox(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    message = MailMessage(
        to=(Address("registrator@alingsas.se", "Alingsås"), Address("kommun@boras.se")),
        subject="Justerat protokoll 2026-09-26",
        body_html="<p>Hej! Protokollet är justerat.</p>",
        attachments=(Attachment("protokoll-2026-09-26.pdf", "application/pdf", PDF),),
        sender_name="Styrgruppen E-arkiv Mitt",
    )

    await GraphMailer(client, GROUP_MAILBOX).send("protocol-3:registrator", message)

    [(sender, mail)] = graph.mails
    assert sender == GROUP_MAILBOX
    [stored] = graph.messages.values()
    assert stored.folder == "sentitems"  # the sent copy stays in the group mailbox
    assert mail["subject"] == "Justerat protokoll 2026-09-26"
    assert mail["body"] == {"contentType": "html", "content": "<p>Hej! Protokollet är justerat.</p>"}
    assert [r["emailAddress"] for r in mail["toRecipients"]] == [
        {"address": "registrator@alingsas.se", "name": "Alingsås"},
        {"address": "kommun@boras.se"},
    ]
    assert mail["from"] == {"emailAddress": {"address": GROUP_MAILBOX, "name": "Styrgruppen E-arkiv Mitt"}}
    [pdf] = mail["attachments"]
    assert pdf["@odata.type"] == "#microsoft.graph.fileAttachment"
    assert (pdf["name"], pdf["contentType"]) == ("protokoll-2026-09-26.pdf", "application/pdf")
    assert base64.b64decode(pdf["contentBytes"]) == PDF


async def test_a_mail_is_made_a_draft_carrying_its_key_and_that_draft_is_sent(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    await GraphMailer(client, GROUP_MAILBOX).send("protocol:3:v1:mail:o'hara@mora.se", A_MAIL)

    [created] = graph.calls(CREATE_MESSAGE)
    assert created.path == f"/v1.0/users/{GROUP_MAILBOX}/messages"
    key = {"id": KEY_PROPERTY, "value": "protocol:3:v1:mail:o'hara@mora.se"}
    assert key in created.json["singleValueExtendedProperties"]
    [draft] = graph.messages
    [sent] = graph.calls(SEND_MESSAGE)
    assert sent.path == f"/v1.0/users/{GROUP_MAILBOX}/messages/{draft}/send"


async def test_a_mail_asks_for_auto_submitted_and_carries_no_key_in_its_headers(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    """The key only in the bot's own property; the Message-ID on the public host; no auto-replies."""
    key = "protocol:3:v1:mail:registrator@alingsas.se"
    await GraphMailer(client, GROUP_MAILBOX, "protokoll.sater.se").send(key, A_MAIL)

    [created] = graph.calls(CREATE_MESSAGE)
    message_id = created.json["internetMessageId"]
    assert re.fullmatch(r"<[0-9a-f]{32}@protokoll\.sater\.se>", message_id)
    assert created.json["internetMessageHeaders"] == [{"name": "X-Auto-Response-Suppress", "value": "All"}]
    assert {"id": AUTO_SUBMITTED_PROPERTY, "value": "auto-generated"} in created.json[
        "singleValueExtendedProperties"
    ]
    assert "protocol:3" not in str(created.json["internetMessageHeaders"]) + message_id
    assert graph.sends_to() == {"registrator@alingsas.se": 1}


async def test_a_mail_whose_answer_was_lost_is_not_sent_again(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    graph.send_delay = 5.0
    mailer = GraphMailer(client, GROUP_MAILBOX)
    first = asyncio.create_task(mailer.send("notice:alingsas", A_MAIL))
    await graph.until_sent(1)
    first.cancel()  # as a process killed while Graph answers: sent, but the bot never heard so
    with contextlib.suppress(asyncio.CancelledError):
        await first

    await mailer.send("notice:alingsas", A_MAIL)

    assert graph.sends_to() == {"registrator@alingsas.se": 1}
    assert len(graph.calls(CREATE_MESSAGE)) == 1 and len(graph.calls(SEND_MESSAGE)) == 1


async def test_a_draft_left_by_an_attempt_cut_short_is_sent_rather_than_made_again(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    mailer = GraphMailer(client, GROUP_MAILBOX)
    graph.fail_next(SEND_MESSAGE, 503, times=2)
    with pytest.raises(RetryLater):
        await mailer.send("notice:alingsas", A_MAIL)
    assert graph.mails == [] and len(graph.messages) == 1

    await mailer.send("notice:alingsas", A_MAIL)

    assert len(graph.calls(CREATE_MESSAGE)) == 1 and len(graph.messages) == 1
    assert graph.sends_to() == {"registrator@alingsas.se": 1}


async def test_each_key_is_its_own_mail(client: GraphServiceClient, graph: FakeGraph) -> None:
    mailer = GraphMailer(client, GROUP_MAILBOX)
    await mailer.send("notice:alingsas", A_MAIL)
    await mailer.send("notice:alingsas:again", A_MAIL)

    assert graph.sends_to() == {"registrator@alingsas.se": 2}


async def test_a_mail_without_recipients_is_refused(client: GraphServiceClient, graph: FakeGraph) -> None:
    with pytest.raises(DeliveryError, match="no recipients"):
        await GraphMailer(client, GROUP_MAILBOX).send("k", MailMessage(to=(), subject="s", body_html="b"))
    assert graph.requests == []


async def test_attachments_too_big_for_send_mail_are_refused(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    huge = Attachment("inspelning.mp4", "video/mp4", bytes(3 * 1024 * 1024 + 1))
    message = MailMessage(to=("a@b.se",), subject="s", body_html="b", attachments=(huge,))

    with pytest.raises(DeliveryError, match="exceed"):
        await GraphMailer(client, GROUP_MAILBOX).send("k", message)
    assert graph.requests == []


# --- files


async def test_an_upload_lands_in_the_folder_and_gives_its_web_address(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    name = "Protokoll 2026-09-26 – justerat.pdf"

    url = await GraphFiles(client, DRIVE).upload("01FOLDER", name, PDF, "application/pdf")

    [put] = graph.calls(UPLOAD)
    assert put.path == f"/v1.0/drives/{DRIVE}/items/01FOLDER:/{name}:/content"
    [stored] = graph.files.values()
    assert (stored.parent_id, stored.name, stored.content) == ("01FOLDER", name, PDF)
    assert url.startswith("https://contoso.sharepoint.com/") and url.endswith(name)


async def test_a_file_of_4_mb_or_more_is_refused(client: GraphServiceClient, graph: FakeGraph) -> None:
    with pytest.raises(DeliveryError, match="under 4 MB"):
        await GraphFiles(client, DRIVE).upload("01FOLDER", "stor.mp4", bytes(4 * 1024 * 1024), "video/mp4")
    assert graph.calls(UPLOAD) == []


# --- the recording: found as Graph describes it, deleted for good only while unchanged

LINK = "https://contoso.sharepoint.com/:v:/s/styrgrupp/EaBcInspelning"


async def test_a_link_is_resolved_to_the_file_with_its_facets(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    stored = graph.add_file(DRIVE, "01RECORDING", "Möte-20261210.mp4", web_url=LINK, size=412_345_678)

    found = await GraphFiles(client, DRIVE).find(RecordingFile(LINK, None, None))

    [resolve] = graph.calls(RESOLVE_SHARE)
    assert resolve.path == f"/v1.0/shares/{share_id(LINK)}/driveItem"
    assert found == DriveFile(
        DRIVE, "01RECORDING", "Möte-20261210.mp4", 412_345_678, datetime(2026, 12, 10, 7, 35, 12, tzinfo=UTC),
        stored.etag, is_file=True, is_video=True,
    )  # fmt: skip


async def test_ids_are_read_as_the_item_and_a_folder_or_a_document_is_told_apart(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    graph.add_file(DRIVE, "01FOLDER", "Recordings", folder=True)
    graph.add_file(DRIVE, "01DOC", "Minnesanteckningar.docx", content_type="application/msword")
    files = GraphFiles(client, DRIVE)

    folder = await files.find(RecordingFile(None, DRIVE, "01FOLDER"))
    document = await files.find(RecordingFile(None, DRIVE, "01DOC"))

    assert folder is not None and not folder.is_file
    assert document is not None and document.is_file and not document.is_video
    assert [c.path for c in graph.calls(GET_ITEM)] == [
        f"/v1.0/drives/{DRIVE}/items/01FOLDER",
        f"/v1.0/drives/{DRIVE}/items/01DOC",
    ]


async def test_a_link_or_an_item_that_leads_nowhere_finds_nothing(client: GraphServiceClient) -> None:
    files = GraphFiles(client, DRIVE)

    assert await files.find(RecordingFile(LINK, None, None)) is None
    assert await files.find(RecordingFile(None, DRIVE, "01GONE")) is None


async def test_a_recording_may_be_in_the_teams_drive_or_the_mailboxs_onedrive_read_once(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    graph.user_drives[GROUP_MAILBOX] = "b!onedrive-of-the-mailbox"
    files = GraphFiles(client, DRIVE, GROUP_MAILBOX)

    assert await files.recording_drives() == {DRIVE, "b!onedrive-of-the-mailbox"}
    assert await files.recording_drives() == {DRIVE, "b!onedrive-of-the-mailbox"}
    [read] = graph.calls(USER_DRIVE)
    assert read.path == f"/v1.0/users/{GROUP_MAILBOX}/drive"


async def test_a_mailbox_without_onedrive_leaves_the_teams_drive_until_it_has_one(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    files = GraphFiles(client, DRIVE, GROUP_MAILBOX)

    assert await files.recording_drives() == {DRIVE}
    graph.user_drives[GROUP_MAILBOX] = "b!provisioned-later"
    assert await files.recording_drives() == {DRIVE, "b!provisioned-later"}


async def test_the_recording_is_deleted_for_good_with_if_match_never_to_the_recycle_bin(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    etag = graph.add_file(DRIVE, "01RECORDING").etag

    outcome = await GraphFiles(client, DRIVE).delete_for_good(DRIVE, "01RECORDING", etag)

    assert outcome is DeletionOutcome.DELETED
    [delete] = graph.calls(PERMANENT_DELETE)
    assert (delete.method, delete.path) == ("POST", f"/v1.0/drives/{DRIVE}/items/01RECORDING/permanentDelete")
    assert delete.headers["If-Match"] == etag
    assert graph.calls(DELETE_ITEM) == [] and (DRIVE, "01RECORDING") not in graph.files


async def test_a_file_changed_since_it_was_confirmed_is_not_deleted(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    stored = graph.add_file(DRIVE, "01RECORDING")
    confirmed = stored.etag
    stored.version += 1  # edited, or replaced under the same name

    outcome = await GraphFiles(client, DRIVE).delete_for_good(DRIVE, "01RECORDING", confirmed)

    assert outcome is DeletionOutcome.CHANGED
    assert graph.calls(PERMANENT_DELETE) == [] and (DRIVE, "01RECORDING") in graph.files


async def test_a_change_between_the_read_and_the_delete_is_refused_by_if_match(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    etag = graph.add_file(DRIVE, "01RECORDING").etag
    graph.fail_next(PERMANENT_DELETE, 412)

    outcome = await GraphFiles(client, DRIVE).delete_for_good(DRIVE, "01RECORDING", etag)

    assert outcome is DeletionOutcome.CHANGED and (DRIVE, "01RECORDING") in graph.files


async def test_a_file_already_gone_is_not_found_not_deleted(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    outcome = await GraphFiles(client, DRIVE).delete_for_good(DRIVE, "01GONE", '"{X},1"')

    assert outcome is DeletionOutcome.NOT_FOUND
    assert graph.calls(PERMANENT_DELETE) == [] and graph.calls(DELETE_ITEM) == []


async def test_a_file_gone_between_the_read_and_the_delete_is_not_found(
    client: GraphServiceClient, graph: FakeGraph
) -> None:
    etag = graph.add_file(DRIVE, "01RECORDING").etag
    graph.fail_next(PERMANENT_DELETE, 404)

    assert (
        await GraphFiles(client, DRIVE).delete_for_good(DRIVE, "01RECORDING", etag)
        is DeletionOutcome.NOT_FOUND
    )
