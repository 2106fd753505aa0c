"""The stand-ins for a machine without a tenant write what Graph would have sent, readable by others."""

from __future__ import annotations

import email
import email.policy
import json
import re
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from bot.domain.recording import DeletionOutcome, RecordingFile
from bot.graph.ics import fold
from bot.graph.local import EmlMailer, FolderFiles, IcsCalendar, sent_mails
from bot.services.ports.delivery import Address, Attachment, DeliveryError, MailMessage
from tests.graph.test_graph_adapters import PDF, a_meeting
from tests.support.clock import FixedClock

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
LONG_SUBJECT = "Styrgruppsmöte; budget, äldreomsorg\\skola och ärenden från Ale, Alingsås, Borås och Vårgårda"


def unfold(text: str) -> list[str]:
    """RFC 5545 §3.1: a CRLF followed by one space or tab is removed."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")[:-1]


def properties(text: str) -> dict[str, list[str]]:
    """Property name → its values (parameters dropped, TEXT unescaped), in file order."""
    found: dict[str, list[str]] = {}
    for line in unfold(text):
        name_and_params, _, value = line.partition(":")
        value = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)
        found.setdefault(name_and_params.split(";")[0], []).append(value)
    return found


def ics_texts(folder: Path) -> list[str]:
    """Each .ics file's text, oldest version first, line ends as written (read_text would alter them)."""
    paths = sorted(folder.glob("*.ics"), key=lambda p: int(p.stem.split("-")[-2]))
    return [p.read_bytes().decode("utf-8") for p in paths]


@pytest.fixture
def calendar(tmp_path: Path) -> IcsCalendar:
    return IcsCalendar(
        tmp_path,
        organizer=Address("styrgrupp@kommunerna.se", "Styrgruppen E-arkiv Mitt"),
        clock=FixedClock(NOW),
        domain="protokoll.sater.se",
    )


async def test_an_invitation_is_an_ics_request_a_calendar_can_read(
    calendar: IcsCalendar, tmp_path: Path
) -> None:
    await calendar.create_event(
        "meeting-7", a_meeting(subject=LONG_SUBJECT, body_html="<p>Rad ett</p><p>Rad två</p>")
    )

    [text] = ics_texts(tmp_path)
    found = properties(text)
    assert found["METHOD"] == ["REQUEST"]
    assert found["SEQUENCE"] == ["0"]
    assert found["STATUS"] == ["CONFIRMED"]
    assert found["DTSTART"] == ["20260926T063000Z"] and found["DTEND"] == ["20260926T080000Z"]
    assert found["DTSTAMP"] == ["20261127T100000Z"]
    assert found["SUMMARY"] == [LONG_SUBJECT]
    assert found["DESCRIPTION"] == ["Rad ett\n\nRad två"]  # paragraphs parted by a blank line
    assert found["LOCATION"] == ["Kommunhuset, sal 3"]
    assert found["ORGANIZER"] == ["mailto:styrgrupp@kommunerna.se"]
    assert found["ATTENDEE"] == ["mailto:anna@alingsas.se", "mailto:bo@borås.se"]
    unfolded = unfold(text)
    assert 'ORGANIZER;CN="Styrgruppen E-arkiv Mitt":mailto:styrgrupp@kommunerna.se' in unfolded
    assert [line.split(":mailto:")[0] for line in unfolded if line.startswith("ATTENDEE")] == [
        'ATTENDEE;CN="Anna Åberg";CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE',
        "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE",
    ]
    assert re.fullmatch(r"[0-9a-f]{32}@protokoll\.sater\.se", found["UID"][0])  # on the public host
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    assert "SUMMARY:Styrgruppsmöte\\; budget\\, äldreomsorg\\\\skola" in "".join(unfold(text))


async def test_creating_twice_with_one_key_gives_one_uid_and_one_file(
    calendar: IcsCalendar, tmp_path: Path
) -> None:
    first = await calendar.create_event("meeting-7", a_meeting())
    again = await calendar.create_event("meeting-7", a_meeting(subject="Annat"))

    assert again == first
    assert len(ics_texts(tmp_path)) == 1


async def test_updates_and_the_cancellation_keep_the_uid_and_raise_the_sequence(
    calendar: IcsCalendar, tmp_path: Path
) -> None:
    event_id = await calendar.create_event("meeting-7", a_meeting())
    await calendar.update_event(event_id, a_meeting(subject="Styrgruppsmöte (flyttat)"))
    await calendar.cancel_event(event_id, "Inga ärenden anmälda, mötet ställs in.")

    versions = [properties(text) for text in ics_texts(tmp_path)]
    assert [v["METHOD"][0] for v in versions] == ["REQUEST", "REQUEST", "CANCEL"]
    assert [v["SEQUENCE"][0] for v in versions] == ["0", "1", "2"]
    assert len({v["UID"][0] for v in versions}) == 1
    cancel = versions[-1]
    assert cancel["STATUS"] == ["CANCELLED"]
    assert cancel["COMMENT"] == ["Inga ärenden anmälda, mötet ställs in."]
    assert cancel["SUMMARY"] == ["Styrgruppsmöte (flyttat)"]
    assert cancel["ATTENDEE"] == ["mailto:anna@alingsas.se", "mailto:bo@borås.se"]


async def test_an_unknown_event_cannot_be_cancelled(calendar: IcsCalendar) -> None:
    with pytest.raises(DeliveryError):
        await calendar.cancel_event("no-such-event", "Inställt")


def test_folding_never_splits_a_character() -> None:
    line = "SUMMARY:" + "å" * 100

    pieces = fold(line).split("\r\n")

    # "SUMMARY:" and 33 two-octet å make 74: a 34th would split across the 75th octet.
    # Each continuation line is the space and 37 å (75), then the remaining 30 (61).
    assert [len(p.encode("utf-8")) for p in pieces] == [74, 75, 61]
    assert all(p.startswith(" ") for p in pieces[1:])
    assert "".join(p.removeprefix(" ") for p in pieces) == line


def a_mail(to: str, subject: str, body: str) -> MailMessage:
    return MailMessage(to=(Address(to),), subject=subject, body_html=body)


def read_emls(folder: Path) -> list[EmailMessage]:
    parsed = [
        email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in folder.glob("*.eml")
    ]
    assert all(isinstance(mail, EmailMessage) for mail in parsed)
    return parsed  # type: ignore[return-value]


def remove_emls(folder: Path) -> None:
    for path in folder.glob("*.eml"):
        path.unlink()


async def test_a_mail_is_an_eml_with_its_html_and_attachment(tmp_path: Path) -> None:
    message = MailMessage(
        to=(Address("registrator@alingsas.se", "Alingsås"), Address("kommun@borås.se")),
        subject="Justerat protokoll – styrgruppsmöte 26 september",
        body_html="<p>Hej! Protokollet är justerat.</p>",
        attachments=(Attachment("protokoll-2026-09-26.pdf", "application/pdf", PDF),),
        sender_name="Styrgruppen E-arkiv Mitt",
    )
    mailer = EmlMailer(tmp_path, sender="styrgrupp@kommunerna.se", clock=FixedClock(NOW), domain="sater.se")

    await mailer.send("protocol:3:v1:mail:registrator@alingsas.se", message)

    [mail] = read_emls(tmp_path)
    assert mail["From"] == "Styrgruppen E-arkiv Mitt <styrgrupp@kommunerna.se>"
    assert [a.display_name for a in mail["To"].addresses] == ["Alingsås", ""]
    assert mail["Auto-Submitted"] == "auto-generated"
    assert re.fullmatch(r"<[0-9a-f]{32}@sater\.se>", mail["Message-ID"])
    assert sent_mails(tmp_path)[0]["message_id"] == mail["Message-ID"]
    raw = mail.as_bytes()
    assert b"protocol:3" not in raw and b"X-Outbox" not in raw  # the key stays in the log
    # An internationalised domain travels in its ASCII (IDNA) form.
    assert [a.addr_spec for a in mail["To"].addresses] == [
        "registrator@alingsas.se",
        "kommun@xn--bors-soa.se",
    ]
    assert mail["Subject"] == message.subject
    body = mail.get_body(preferencelist=("html",))
    assert body is not None and body.get_content().strip() == "<p>Hej! Protokollet är justerat.</p>"
    [pdf] = mail.iter_attachments()
    assert pdf.get_filename() == "protokoll-2026-09-26.pdf"
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_content() == PDF


async def test_an_event_stored_before_attendees_had_names_is_updated_with_them(
    calendar: IcsCalendar, tmp_path: Path
) -> None:
    event_id = await calendar.create_event("meeting-7", a_meeting())
    [state] = (tmp_path / ".state").glob("*.json")
    old = json.loads(state.read_text("utf-8"))
    old["event"]["attendees"] = ["anna@alingsas.se"]  # as written before
    state.write_text(json.dumps(old), "utf-8")

    await calendar.cancel_event(event_id, "Inställt")

    assert properties(ics_texts(tmp_path)[-1])["ATTENDEE"] == ["mailto:anna@alingsas.se"]


async def test_a_key_is_sent_once_and_every_send_is_counted(tmp_path: Path) -> None:
    mailer = EmlMailer(tmp_path)
    await mailer.send("notice:alingsas", a_mail("a@alingsas.se", "Första", "1"))
    await mailer.send("notice:alingsas", a_mail("a@alingsas.se", "Andra", "2"))
    await mailer.send("notice:boras", a_mail("b@boras.se", "Tredje", "3"))

    assert [(m["key"], m["to"], m["subject"]) for m in sent_mails(tmp_path)] == [
        ("notice:alingsas", ["a@alingsas.se"], "Första"),
        ("notice:boras", ["b@boras.se"], "Tredje"),
    ]
    assert sorted(mail["Subject"] for mail in read_emls(tmp_path)) == ["Första", "Tredje"]


async def test_a_send_cut_short_before_its_copy_gets_the_copy_and_no_second_send(tmp_path: Path) -> None:
    mailer = EmlMailer(tmp_path)
    message = a_mail("a@alingsas.se", "Kallelse", "1")
    await mailer.send("notice:alingsas", message)
    remove_emls(tmp_path)  # as if killed between the send and writing the copy

    await mailer.send("notice:alingsas", message)

    assert len(sent_mails(tmp_path)) == 1
    assert [mail["Subject"] for mail in read_emls(tmp_path)] == ["Kallelse"]


async def test_an_upload_is_a_file_with_a_file_url(tmp_path: Path) -> None:
    files = FolderFiles(tmp_path)

    url = await files.upload("Protokoll", "protokoll 2026-09-26.pdf", PDF, "application/pdf")

    stored = tmp_path / "Protokoll" / "protokoll 2026-09-26.pdf"
    assert url == stored.resolve().as_uri() and url.startswith("file://")
    assert stored.read_bytes() == PDF


def _recording(root: Path, name: str = "Inspelningar/möte 2026-12-10.mp4", content: bytes = b"mp4") -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


async def test_a_local_recording_is_found_as_graph_would_and_deleted_once(tmp_path: Path) -> None:
    files, path = FolderFiles(tmp_path), _recording(tmp_path)

    found = await files.find(RecordingFile(path.resolve().as_uri(), None, None))

    assert found is not None and await files.recording_drives() == {found.drive_id} == {"local"}
    assert (found.item_id, found.name, found.size) == ("Inspelningar/möte 2026-12-10.mp4", path.name, 3)
    assert found.is_file and found.is_video
    assert found.created_at == datetime.fromtimestamp(path.stat().st_mtime, UTC)
    assert await files.find(RecordingFile(None, "local", found.item_id)) == found
    assert await files.delete_for_good("local", found.item_id, found.etag) is DeletionOutcome.DELETED
    assert not path.exists()
    assert await files.delete_for_good("local", found.item_id, found.etag) is DeletionOutcome.NOT_FOUND


async def test_a_local_recording_rewritten_since_it_was_found_is_not_deleted(tmp_path: Path) -> None:
    files, path = FolderFiles(tmp_path), _recording(tmp_path)
    found = await files.find(RecordingFile(path.as_uri(), None, None))
    assert found is not None

    path.write_bytes(b"another recording")

    assert await files.delete_for_good("local", found.item_id, found.etag) is DeletionOutcome.CHANGED
    assert path.read_bytes() == b"another recording"


async def test_a_local_folder_a_document_and_a_file_elsewhere_are_told_apart(tmp_path: Path) -> None:
    files = FolderFiles(tmp_path / "files")
    (tmp_path / "files" / "Inspelningar").mkdir(parents=True)
    document = _recording(tmp_path / "files", "protokoll.pdf")
    elsewhere = _recording(tmp_path, "annan.mp4")

    folder = await files.find(RecordingFile(None, "local", "Inspelningar"))
    pdf = await files.find(RecordingFile(document.as_uri(), None, None))

    assert folder is not None and not folder.is_file
    assert pdf is not None and pdf.is_file and not pdf.is_video
    assert await files.find(RecordingFile(elsewhere.as_uri(), None, None)) is None
    assert await files.find(RecordingFile("https://contoso.sharepoint.com/x", None, None)) is None
    assert await files.find(RecordingFile(None, "local", "../annan.mp4")) is None


async def test_an_upload_cannot_leave_the_folder(tmp_path: Path) -> None:
    with pytest.raises(DeliveryError):
        await FolderFiles(tmp_path / "files").upload("..", "elsewhere.pdf", PDF, "application/pdf")
