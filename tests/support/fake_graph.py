"""A fake Microsoft Graph v1.0 on loopback: just the calls bot.graph makes, answered as Graph answers them."""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer
from azure.core.credentials import AccessToken

from bot.graph.client import InlineRetry

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# The routes a test can make fail, by name.
CREATE_EVENT = "events.create"
LIST_EVENTS = "events.list"
UPDATE_EVENT = "events.update"
CANCEL_EVENT = "events.cancel"
CREATE_MESSAGE = "messages.create"
LIST_MESSAGES = "messages.list"
SEND_MESSAGE = "messages.send"
UPLOAD = "files.upload"
DELETE_ITEM = "files.delete"  # to the recycle bin: the bot must never call it for a recording
GET_ITEM = "files.get"
PERMANENT_DELETE = "files.permanent_delete"
RESOLVE_SHARE = "shares.drive_item"
USER_DRIVE = "users.drive"
GET_EVENT = "events.get"
LIST_ONLINE_MEETINGS = "online_meetings.list"
LIST_ATTENDANCE_REPORTS = "attendance_reports.list"
GET_ATTENDANCE_REPORT = "attendance_reports.get"
LIST_TRANSCRIPTS = "transcripts.list"
TRANSCRIPT_CONTENT = "transcripts.content"
LIST_RECORDINGS = "recordings.list"
LIST_CHILDREN = "files.children"

_EXTENDED_FILTER = re.compile(r"ep/id eq '(?P<id>(?:[^']|'')*)' and ep/value eq '(?P<value>(?:[^']|'')*)'")
_JOIN_URL_FILTER = re.compile(r"^JoinWebUrl eq '(?P<url>(?:[^']|'')*)'$")
_UPLOAD_PATH = re.compile(r"^(?P<parent>[^:/]+):/(?P<name>.+):/content$")


@dataclass
class Recorded:
    route: str
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes
    json: Any


@dataclass
class StoredEvent:
    id: str
    mailbox: str
    data: dict[str, Any]
    cancelled: bool = False
    cancel_comment: str | None = None


@dataclass
class StoredMessage:
    """A message in a mailbox: a draft in Drafts until sent, then in Sent Items."""

    id: str
    mailbox: str
    data: dict[str, Any]
    folder: str = "drafts"

    @property
    def is_draft(self) -> bool:
        return self.folder == "drafts"


@dataclass
class StoredFile:
    drive_id: str
    item_id: str
    parent_id: str
    name: str
    content: bytes
    content_type: str
    web_url: str | None = None
    created: str = "2026-12-10T07:35:12Z"
    size: int | None = None  # a recording's size, without holding its bytes; else len(content)
    folder: bool = False
    version: int = 1  # part of the eTag: every change raises it, as Graph's does

    @property
    def etag(self) -> str:
        return f'"{{{self.item_id.upper()}-0000-4000-8000-000000000000}},{self.version}"'

    def item(self) -> dict[str, Any]:
        """The driveItem as Graph answers it: the file or folder facet, and video for a video."""
        item: dict[str, Any] = {
            "id": self.item_id,
            "name": self.name,
            "size": self.size if self.size is not None else len(self.content),
            "createdDateTime": self.created,
            "lastModifiedDateTime": self.created,
            "eTag": self.etag,
            "cTag": self.etag.replace('"{', '"c:{'),
            "webUrl": self.web_url or f"https://contoso.sharepoint.com/sites/styrgrupp/{self.name}",
            "parentReference": {"driveId": self.drive_id, "driveType": "business", "id": self.parent_id},
        }
        if self.folder:
            return item | {"folder": {"childCount": 0}}
        item["file"] = {"mimeType": self.content_type, "hashes": {"quickXorHash": "AAAA"}}
        if self.content_type.startswith("video/"):
            item["video"] = {"duration": 3_600_000, "height": 1080, "width": 1920}
        return item


@dataclass
class StoredOnlineMeeting:
    """The Teams meeting Graph makes for an event created with isOnlineMeeting, and its reports."""

    id: str
    mailbox: str
    join_url: str
    subject: str
    reports: list[dict[str, Any]] = field(default_factory=list)  # each with its attendanceRecords
    transcripts: list[tuple[dict[str, Any], str]] = field(default_factory=list)  # (callTranscript, its VTT)
    recordings: list[dict[str, Any]] = field(default_factory=list)  # callRecording

    def meeting(self) -> dict[str, Any]:
        """As `onlineMeetings` answers it (shortened, as the docs' examples are)."""
        return {
            "id": self.id,
            "creationDateTime": "2026-11-27T09:00:02.1930000Z",
            "startDateTime": "2026-12-10T07:30:00Z",
            "endDateTime": "2026-12-10T09:00:00Z",
            "joinWebUrl": self.join_url,
            "subject": self.subject,
            "participants": {"organizer": {"upn": self.mailbox, "role": "presenter"}, "attendees": []},
        }


def attendance_record(
    aad_id: str | None, name: str, email: str | None, seconds: int, role: str = "Attendee", joined: str = ""
) -> dict[str, Any]:
    """One attendanceRecord as Graph's documentation shows it."""
    joined = joined or "2026-12-10T07:31:04.512Z"
    return {
        "emailAddress": email,
        "totalAttendanceInSeconds": seconds,
        "role": role,
        "identity": {"id": aad_id, "displayName": name, "tenantId": None},
        "attendanceIntervals": [
            {
                "joinDateTime": joined,
                "leaveDateTime": "2026-12-10T09:00:41.502Z",
                "durationInSeconds": seconds,
            }
        ],
    }


@dataclass
class _Failure:
    status: int
    retry_after: str | None
    after: bool = False  # the request is carried out, and only its answer is the failure


@dataclass
class FakeGraph:
    requests: list[Recorded] = field(default_factory=list)
    events: dict[str, StoredEvent] = field(default_factory=dict)
    messages: dict[str, StoredMessage] = field(default_factory=dict)  # every mailbox's, by id
    mails: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # each send: (sender, message)
    send_delay: float = 0.0  # seconds a send takes to be answered, after it has gone out
    _sent: asyncio.Condition = field(default_factory=asyncio.Condition)
    files: dict[tuple[str, str], StoredFile] = field(default_factory=dict)  # (drive, item) → file
    user_drives: dict[str, str] = field(default_factory=dict)  # mailbox → its OneDrive's drive id
    online_meetings: dict[str, StoredOnlineMeeting] = field(default_factory=dict)  # by id
    server: TestServer | None = None
    _failures: dict[str, list[_Failure]] = field(default_factory=dict)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    @property
    def base_url(self) -> str:
        assert self.server is not None, "start it with FakeGraph.running()"
        return str(self.server.make_url("/v1.0"))

    @classmethod
    @asynccontextmanager
    async def running(cls) -> AsyncIterator[FakeGraph]:
        graph = cls()
        graph.server = TestServer(graph.app(), host="127.0.0.1")
        await graph.server.start_server()
        try:
            yield graph
        finally:
            await graph.server.close()

    def fail_next(self, route: str, status: int, times: int = 1, retry_after: str | None = None) -> None:
        """The next `times` calls to `route` get `status` (with that Retry-After header, if given)."""
        self._failures.setdefault(route, []).extend(_Failure(status, retry_after) for _ in range(times))

    def lose_next_answer(self, route: str, status: int = 504) -> None:
        """The next call to `route` is carried out, but its caller gets `status` (a gateway timeout)."""
        self._failures.setdefault(route, []).append(_Failure(status, None, after=True))

    @property
    def tokens(self) -> list[str]:
        """The bearer token of every request, in order."""
        return [r.headers.get("Authorization", "").removeprefix("Bearer ") for r in self.requests]

    def calls(self, route: str) -> list[Recorded]:
        return [r for r in self.requests if r.route == route]

    def add_file(
        self, drive_id: str, item_id: str, name: str = "inspelning.mp4", web_url: str | None = None, **kw: Any
    ) -> StoredFile:
        """A file (by default a recording of the meeting of 10 December 2026); folder=True: a folder;
        parent="Recordings": in that folder of the drive's root, as Teams puts its recordings."""
        parent, content_type = kw.pop("parent", "root"), kw.pop("content_type", "video/mp4")
        stored = StoredFile(drive_id, item_id, parent, name, b"...", content_type, web_url, **kw)
        self.files[(drive_id, item_id)] = stored
        return stored

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._record, self._authenticate, self._inject_failures])
        add, base = app.router.add_route, "/v1.0"
        add("POST", base + "/users/{user}/events", self._create_event, name=CREATE_EVENT)
        add("GET", base + "/users/{user}/events", self._list_events, name=LIST_EVENTS)
        add("PATCH", base + "/users/{user}/events/{event}", self._update_event, name=UPDATE_EVENT)
        add("POST", base + "/users/{user}/events/{event}/cancel", self._cancel_event, name=CANCEL_EVENT)
        add("POST", base + "/users/{user}/messages", self._create_message, name=CREATE_MESSAGE)
        add("GET", base + "/users/{user}/messages", self._list_messages, name=LIST_MESSAGES)
        add("POST", base + "/users/{user}/messages/{message}/send", self._send_message, name=SEND_MESSAGE)
        add("PUT", base + "/drives/{drive}/items/{rest:.+}", self._upload, name=UPLOAD)
        add("DELETE", base + "/drives/{drive}/items/{item}", self._delete_item, name=DELETE_ITEM)
        add("GET", base + "/drives/{drive}/items/{item}", self._get_item, name=GET_ITEM)
        add(
            "POST",
            base + "/drives/{drive}/items/{item}/permanentDelete",
            self._permanent_delete,
            name=PERMANENT_DELETE,
        )
        add("GET", base + "/shares/{share}/driveItem", self._resolve_share, name=RESOLVE_SHARE)
        add("GET", base + "/users/{user}/drive", self._user_drive, name=USER_DRIVE)
        add("GET", base + "/users/{user}/events/{event}", self._get_event, name=GET_EVENT)
        meetings = base + "/users/{user}/onlineMeetings"
        add("GET", meetings, self._list_online_meetings, name=LIST_ONLINE_MEETINGS)
        reports = meetings + "/{meeting}/attendanceReports"
        add("GET", reports, self._list_attendance_reports, name=LIST_ATTENDANCE_REPORTS)
        add("GET", reports + "/{report}", self._get_attendance_report, name=GET_ATTENDANCE_REPORT)
        transcripts = meetings + "/{meeting}/transcripts"
        add("GET", transcripts, self._list_transcripts, name=LIST_TRANSCRIPTS)
        add("GET", transcripts + "/{transcript}/content", self._transcript_content, name=TRANSCRIPT_CONTENT)
        add("GET", meetings + "/{meeting}/recordings", self._list_recordings, name=LIST_RECORDINGS)
        add("GET", base + "/drives/{drive}/root:/{folder}:/children", self._children, name=LIST_CHILDREN)
        return app

    # --- middlewares: record everything, then play Graph's gatekeeper

    @web.middleware
    async def _record(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        body = await request.read()
        route = request.match_info.route.name or "unknown"
        parsed = json.loads(body) if body and request.content_type == "application/json" else None
        self.requests.append(
            Recorded(
                route, request.method, request.path, dict(request.query), dict(request.headers), body, parsed
            )
        )
        return await handler(request)

    @web.middleware
    async def _authenticate(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not request.headers.get("Authorization", "").startswith("Bearer "):
            return _error(401, "InvalidAuthenticationToken", "Access token is empty.")
        return await handler(request)

    @web.middleware
    async def _inject_failures(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        queue = self._failures.get(request.match_info.route.name or "")
        if not queue:
            return await handler(request)
        failure = queue.pop(0)
        if failure.after:
            await handler(request)
        headers = {"Retry-After": failure.retry_after} if failure.retry_after is not None else {}
        return _error(failure.status, "InjectedFailure", f"told to fail with {failure.status}", headers)

    # --- calendar

    async def _create_event(self, request: web.Request) -> web.Response:
        data, mailbox = await request.json(), request.match_info["user"]
        transaction = data.get("transactionId")
        for event in self.events.values():
            if transaction and event.mailbox == mailbox and event.data.get("transactionId") == transaction:
                return web.json_response(event.data, status=201)  # Graph's de-duplication
        event_id = f"AAMkAD-event-{next(self._ids)}"
        data |= {"id": event_id, "webLink": f"https://outlook.office365.com/owa/?itemid={event_id}"}
        if data.get("isOnlineMeeting"):
            join_url = f"https://teams.microsoft.com/l/meetup-join/19%3ameeting_{event_id}%40thread.v2/0"
            data["onlineMeeting"] = {"joinUrl": join_url}
            meeting_id = f"MSp{base64.urlsafe_b64encode(event_id.encode()).decode().rstrip('=')}"
            self.online_meetings[meeting_id] = StoredOnlineMeeting(
                meeting_id, mailbox, join_url, str(data.get("subject", ""))
            )
        self.events[event_id] = StoredEvent(event_id, mailbox, data)
        return web.json_response(data, status=201)

    async def _list_events(self, request: web.Request) -> web.Response:
        mailbox = request.match_info["user"]
        matches = [e for e in self.events.values() if e.mailbox == mailbox and _matches(request, e.data)]
        return web.json_response({"value": [{"id": e.id} for e in matches]})

    async def _update_event(self, request: web.Request) -> web.Response:
        event = self.events.get(request.match_info["event"])
        if event is None:
            return _error(404, "ErrorItemNotFound", "The specified object was not found in the store.")
        event.data |= await request.json()
        return web.json_response(event.data)

    async def _cancel_event(self, request: web.Request) -> web.Response:
        event = self.events.get(request.match_info["event"])
        if event is None:
            return _error(404, "ErrorItemNotFound", "The specified object was not found in the store.")
        event.cancelled, event.cancel_comment = True, (await request.json()).get("Comment")
        return web.Response(status=202)

    async def _get_event(self, request: web.Request) -> web.Response:
        """One event; `$select` narrows it to those properties (and its id), as Graph's does."""
        event = self.events.get(request.match_info["event"])
        if event is None or event.mailbox != request.match_info["user"]:
            return _error(404, "ErrorItemNotFound", "The specified object was not found in the store.")
        selected = [name for name in request.query.get("$select", "").split(",") if name]
        data = {k: v for k, v in event.data.items() if k in selected} if selected else dict(event.data)
        context = f"https://graph.microsoft.com/v1.0/$metadata#users('{event.mailbox}')/events(onlineMeeting)/$entity"
        return web.json_response(
            {"@odata.context": context, "@odata.etag": 'W/"DwAAABYAAAA"', "id": event.id} | data
        )

    # --- online meetings and their attendance reports

    def online_meeting_of(self, event_id: str) -> StoredOnlineMeeting:
        join_url = self.events[event_id].data["onlineMeeting"]["joinUrl"]
        [found] = [m for m in self.online_meetings.values() if m.join_url == join_url]
        return found

    def add_attendance_report(
        self,
        event_id: str,
        records: list[dict[str, Any]],
        start: str = "2026-12-10T07:25:40.118Z",
        end: str = "2026-12-10T09:02:11.904Z",
    ) -> str:
        """A session's report for the event's Teams meeting, as Teams makes it when the meeting ends."""
        meeting = self.online_meeting_of(event_id)
        report_id = f"c9b6db1c-d5eb-427d-a5c0-{next(self._ids):012d}"
        meeting.reports.append(
            {
                "id": report_id,
                "totalParticipantCount": len(records),
                "meetingStartDateTime": start,
                "meetingEndDateTime": end,
                "attendanceRecords": records,
            }
        )
        return report_id

    def _artifact(self, meeting: StoredOnlineMeeting, kind: str) -> dict[str, Any]:
        """A callTranscript or callRecording as the docs show it (its content apart)."""
        artifact_id = f"MSMjMCMj{kind}-{next(self._ids)}"
        url = (
            f"https://graph.microsoft.com/v1.0/users/{meeting.mailbox}/onlineMeetings/{meeting.id}"
            f"/{kind}s/{artifact_id}/content"
        )
        return {
            "id": artifact_id,
            "meetingId": meeting.id,
            "callId": "af630fe0-04d3-4559-8cf9-91fe45e36296",
            "contentCorrelationId": "bc842d7a-2f6e-4b18-a1c7-73ef91d5c8e3",
            f"{kind}ContentUrl": url,
            "meetingOrganizer": {
                "application": None,
                "device": None,
                "user": {
                    "id": "ba321e0d-79ee-478d-8e28-85a19507f456",
                    "displayName": None,
                    "userIdentityType": "aadUser",
                    "tenantId": "cd6d0f8e-2a7c-4a4d-b1f2-1d3a3a4a5a6a",
                },
            },
        }

    def add_transcript(
        self, event_id: str, vtt: str, created: str = "2026-12-10T07:40:00.5000000Z", end: str = ""
    ) -> str:
        """A transcript of the event's Teams meeting, its cues counted from `created`."""
        meeting = self.online_meeting_of(event_id)
        transcript = self._artifact(meeting, "transcript") | {
            "createdDateTime": created,
            "endDateTime": end or "2026-12-10T08:02:25.2346000Z",
        }
        meeting.transcripts.append((transcript, vtt))
        return str(transcript["id"])

    def add_recording(
        self, event_id: str, created: str = "2026-12-10T07:40:03.1200000Z", end: str = ""
    ) -> str:
        """A recording of the event's Teams meeting (what Teams says of it; its file is apart)."""
        meeting = self.online_meeting_of(event_id)
        recording = self._artifact(meeting, "recording") | {
            "createdDateTime": created,
            "endDateTime": end or "2026-12-10T08:02:25.2346000Z",
        }
        meeting.recordings.append(recording)
        return str(recording["id"])

    async def _list_transcripts(self, request: web.Request) -> web.Response:
        meeting = self._meeting(request)
        if meeting is None:
            return _error(404, "NotFound", "The requested resource was not found.")
        context = (
            f"https://graph.microsoft.com/v1.0/$metadata#users('{meeting.mailbox}')"
            f"/onlineMeetings('{meeting.id}')/transcripts"
        )
        value = [t for t, _ in meeting.transcripts]
        return web.json_response({"@odata.context": context, "@odata.count": len(value), "value": value})

    async def _transcript_content(self, request: web.Request) -> web.Response:
        """WebVTT only when asked for it (`Accept: text/vtt`); else Graph's default, a .docx."""
        meeting = self._meeting(request)
        found = (
            [v for t, v in meeting.transcripts if t["id"] == request.match_info["transcript"]]
            if meeting
            else []
        )
        if not found:
            return _error(404, "NotFound", "The requested resource was not found.")
        if "text/vtt" not in request.headers.get("Accept", ""):
            docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            return web.Response(body=b"PK\x03\x04", content_type=docx)
        return web.Response(body=found[0].encode("utf-8"), content_type="text/vtt")

    async def _list_recordings(self, request: web.Request) -> web.Response:
        meeting = self._meeting(request)
        if meeting is None:
            return _error(404, "NotFound", "The requested resource was not found.")
        context = (
            f"https://graph.microsoft.com/v1.0/$metadata#users('{meeting.mailbox}')"
            f"/onlineMeetings('{meeting.id}')/recordings"
        )
        return web.json_response({"@odata.context": context, "value": meeting.recordings})

    async def _children(self, request: web.Request) -> web.Response:
        """`drives/{id}/root:/{folder}:/children`: the files whose parent is that folder of the root."""
        drive, folder = request.match_info["drive"], request.match_info["folder"]
        found = [f.item() for f in self.files.values() if f.drive_id == drive and f.parent_id == folder]
        if not found:
            return _error(404, "itemNotFound", "The resource could not be found.")
        return web.json_response({"value": found})

    async def _list_online_meetings(self, request: web.Request) -> web.Response:
        """Only by join URL, as Graph lists a user's online meetings: `$filter=JoinWebUrl eq '…'`."""
        found = _JOIN_URL_FILTER.match(request.query.get("$filter", ""))
        if found is None:
            return _error(400, "InvalidArgument", "Filter by JoinWebUrl is required.")
        url, mailbox = found["url"].replace("''", "'"), request.match_info["user"]
        matches = [
            m.meeting() for m in self.online_meetings.values() if m.mailbox == mailbox and m.join_url == url
        ]
        context = f"https://graph.microsoft.com/v1.0/$metadata#users('{mailbox}')/onlineMeetings"
        return web.json_response({"@odata.context": context, "value": matches})

    def _meeting(self, request: web.Request) -> StoredOnlineMeeting | None:
        meeting = self.online_meetings.get(request.match_info["meeting"])
        return meeting if meeting is not None and meeting.mailbox == request.match_info["user"] else None

    async def _list_attendance_reports(self, request: web.Request) -> web.Response:
        """The reports without their records (a navigation property, not returned by default)."""
        meeting = self._meeting(request)
        if meeting is None:
            return _error(404, "NotFound", "The requested resource was not found.")
        listed = [{k: v for k, v in r.items() if k != "attendanceRecords"} for r in meeting.reports]
        context = (
            f"https://graph.microsoft.com/v1.0/$metadata#users('{meeting.mailbox}')"
            f"/onlineMeetings('{meeting.id}')/attendanceReports"
        )
        return web.json_response({"@odata.context": context, "value": listed})

    async def _get_attendance_report(self, request: web.Request) -> web.Response:
        """One report; its attendanceRecords only with `$expand=attendanceRecords`."""
        meeting = self._meeting(request)
        report = (
            next((r for r in meeting.reports if r["id"] == request.match_info["report"]), None)
            if meeting
            else None
        )
        if meeting is None or report is None:
            return _error(404, "NotFound", "The requested resource was not found.")
        expanded = "attendanceRecords" in request.query.get("$expand", "").split(",")
        body = report if expanded else {k: v for k, v in report.items() if k != "attendanceRecords"}
        context = (
            f"https://graph.microsoft.com/v1.0/$metadata#users('{meeting.mailbox}')"
            f"/onlineMeetings('{meeting.id}')/attendanceReports('{report['id']}')"
        )
        return web.json_response({"@odata.context": context} | body)

    # --- mail and files

    async def _create_message(self, request: web.Request) -> web.Response:
        data, mailbox = await request.json(), request.match_info["user"]
        for header in data.get("internetMessageHeaders") or []:  # as Graph refuses any other
            if not header["name"].lower().startswith("x-"):
                text = f"The internet message header name '{header['name']}' should start with 'x-' or 'X-'."
                return _error(400, "InvalidInternetMessageHeader", text)
        message_id = f"AAMkAD-message-{next(self._ids)}"
        data |= {"id": message_id, "isDraft": True}
        self.messages[message_id] = StoredMessage(message_id, mailbox, data)
        return web.json_response(data, status=201)

    async def _list_messages(self, request: web.Request) -> web.Response:
        """Every folder of the mailbox, as `users/{id}/messages` is; `$filter` on an extended property."""
        mailbox = request.match_info["user"]
        found = [m for m in self.messages.values() if m.mailbox == mailbox and _matches(request, m.data)]
        top = int(request.query.get("$top", "10"))
        return web.json_response({"value": [{"id": m.id, "isDraft": m.is_draft} for m in found[:top]]})

    async def _send_message(self, request: web.Request) -> web.Response:
        """Sends a draft and moves it to Sent Items; a message no longer in Drafts cannot be sent."""
        message = self.messages.get(request.match_info["message"])
        if message is None or message.mailbox != request.match_info["user"] or not message.is_draft:
            return _error(404, "ErrorItemNotFound", "The specified object was not found in the store.")
        message.folder = "sentitems"
        message.data["isDraft"] = False
        self.mails.append((message.mailbox, message.data))
        async with self._sent:
            self._sent.notify_all()
        if self.send_delay:
            # Gone out already: a client that stops waiting now misses only the answer.
            await asyncio.sleep(self.send_delay)
        return web.Response(status=202)

    async def until_sent(self, count: int) -> None:
        """Returns once `count` mails have gone out in all."""
        async with self._sent:
            await self._sent.wait_for(lambda: len(self.mails) >= count)

    def sends_to(self) -> dict[str, int]:
        """How many mails each address was sent."""
        counts: dict[str, int] = {}
        for _, message in self.mails:
            for recipient in message.get("toRecipients", []):
                address = recipient["emailAddress"]["address"]
                counts[address] = counts.get(address, 0) + 1
        return counts

    async def _upload(self, request: web.Request) -> web.Response:
        drive, path = request.match_info["drive"], _UPLOAD_PATH.match(request.match_info["rest"])
        if path is None:
            return _error(400, "invalidRequest", "Expected items/{parent}:/{name}:/content")
        item_id = f"01ITEM{next(self._ids)}"
        content_type = request.headers.get("Content-Type", "")
        stored = StoredFile(drive, item_id, path["parent"], path["name"], await request.read(), content_type)
        self.files[(drive, item_id)] = stored
        web_url = f"https://contoso.sharepoint.com/sites/styrgrupp/{path['parent']}/{path['name']}"
        item = {"id": item_id, "name": stored.name, "size": len(stored.content), "webUrl": web_url}
        return web.json_response(item, status=201)

    async def _resolve_share(self, request: web.Request) -> web.Response:
        """`shares/u!{base64url of the link}/driveItem`: the file whose web URL is that link."""
        share = request.match_info["share"]
        encoded = share.removeprefix("u!")
        link = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode("utf-8")
        found = next((f for f in self.files.values() if f.web_url == link), None)
        if not share.startswith("u!") or found is None:
            return _error(404, "itemNotFound", "The resource could not be found.")
        return web.json_response(found.item())

    async def _get_item(self, request: web.Request) -> web.Response:
        found = self.files.get((request.match_info["drive"], request.match_info["item"]))
        if found is None:
            return _error(404, "itemNotFound", "The resource could not be found.")
        return web.json_response(found.item())

    async def _permanent_delete(self, request: web.Request) -> web.Response:
        """204 and gone for good; 404 for an unknown item; 412 when If-Match is not its eTag."""
        key = (request.match_info["drive"], request.match_info["item"])
        found = self.files.get(key)
        if found is None:
            return _error(404, "itemNotFound", "The resource could not be found.")
        wanted = request.headers.get("If-Match")
        if wanted is not None and wanted not in ("*", found.etag):
            return _error(412, "resourceModified", "ETag does not match current item's value")
        del self.files[key]
        return web.Response(status=204)

    async def _user_drive(self, request: web.Request) -> web.Response:
        drive_id = self.user_drives.get(request.match_info["user"])
        if drive_id is None:
            return _error(404, "ResourceNotFound", "User's mysite not found.")
        return web.json_response({"id": drive_id, "driveType": "business", "name": "OneDrive"})

    async def _delete_item(self, request: web.Request) -> web.Response:
        if self.files.pop((request.match_info["drive"], request.match_info["item"]), None) is None:
            return _error(404, "itemNotFound", "The resource could not be found.")
        return web.Response(status=204)


def _matches(request: web.Request, data: dict[str, Any]) -> bool:
    """Whether an item passes `$filter=singleValueExtendedProperties/Any(ep: ep/id eq … and ep/value eq …)`;
    no filter passes everything."""
    found = _EXTENDED_FILTER.search(request.query.get("$filter", ""))
    if found is None:
        return True
    wanted_id, wanted_value = found["id"].replace("''", "'"), found["value"].replace("''", "'")
    return any(  # Graph compares the value regardless of case
        p.get("id") == wanted_id and str(p.get("value", "")).casefold() == wanted_value.casefold()
        for p in data.get("singleValueExtendedProperties", [])
    )


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> web.Response:
    return web.json_response({"error": {"code": code, "message": message}}, status=status, headers=headers)


TOKEN = "token-from-the-fake-credential"


class FixedCredential:
    """A TokenCredential that hands out one token and remembers the scopes asked for."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.scopes: list[tuple[str, ...]] = []

    def get_token(self, *scopes: str, **options: Any) -> AccessToken:
        self.scopes.append(scopes)
        return AccessToken(self.token, int(time.time()) + 3600)


# Short enough that a test never sleeps noticeably, long enough to be retried in place.
FAST_INLINE_RETRY = InlineRetry(max_retries=1, max_wait=0.05)
