"""The Teams meeting of an event and its attendance reports, through the real msgraph-sdk on a fake Graph."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from msgraph import GraphServiceClient

from bot.graph.calendar import GraphCalendar
from bot.graph.local import IcsCalendar
from bot.graph.local_artifacts import LocalMeetingArtifacts
from bot.graph.meeting_artifacts import GraphMeetingArtifacts
from bot.services.ports.delivery import CalendarEvent, RetryLater
from bot.services.ports.meeting_artifacts import NotAvailable, NotPermitted
from tests.support.fake_graph import (
    GET_ATTENDANCE_REPORT,
    GET_EVENT,
    LIST_ATTENDANCE_REPORTS,
    LIST_ONLINE_MEETINGS,
    FakeGraph,
    attendance_record,
)

MAILBOX = "styrgrupp@earkivmitt.se"
MEETING = CalendarEvent(
    "Styrgruppsmöte", "<p>Dagordning följer.</p>",
    datetime(2026, 12, 10, 7, 30, tzinfo=UTC), datetime(2026, 12, 10, 9, 0, tzinfo=UTC),
    "Europe/Stockholm", "Teams", (),
)  # fmt: skip


async def an_event(client: GraphServiceClient) -> str:
    return await GraphCalendar(client, MAILBOX).create_event("calendar:1:create", MEETING)


async def test_the_event_leads_to_its_online_meeting_by_its_join_url(
    graph: FakeGraph, client: GraphServiceClient
) -> None:
    event_id = await an_event(client)

    found = await GraphMeetingArtifacts(client, MAILBOX).online_meeting(event_id)

    stored = graph.online_meeting_of(event_id)
    assert found is not None and (found.id, found.join_url) == (stored.id, stored.join_url)
    [event] = graph.calls(GET_EVENT)
    assert event.query["$select"] == "onlineMeeting"
    [listed] = graph.calls(LIST_ONLINE_MEETINGS)
    assert listed.path == f"/v1.0/users/{MAILBOX}/onlineMeetings"
    assert listed.query["$filter"] == f"JoinWebUrl eq '{stored.join_url}'"


async def test_the_reports_come_with_their_records_as_graph_gives_them(
    graph: FakeGraph, client: GraphServiceClient
) -> None:
    event_id = await an_event(client)
    meeting_id = graph.online_meeting_of(event_id).id
    later = graph.add_attendance_report(
        event_id, [attendance_record("aad-2", "Minna Snabb", "minna.snabb@bollnas.se", 600)],
        start="2026-12-10T08:40:00Z", end="2026-12-10T08:50:00Z",
    )  # fmt: skip
    first = graph.add_attendance_report(
        event_id,
        [
            attendance_record("aad-1", "Marika Lyman", "marika.lyman@avesta.se", 5291, "Presenter"),
            attendance_record(None, "Gäst (ej verifierad)", None, 120),
        ],
        start="2026-12-10T07:25:40.118Z",
    )

    reports = await GraphMeetingArtifacts(client, MAILBOX).attendance_reports(meeting_id)

    assert [r.id for r in reports] == [first, later]  # oldest first
    marika, guest = reports[0].records
    assert (marika.aad_id, marika.name, marika.email, marika.role, marika.seconds) == (
        "aad-1", "Marika Lyman", "marika.lyman@avesta.se", "Presenter", 5291,
    )  # fmt: skip
    assert marika.intervals[0].joined_at == datetime(2026, 12, 10, 7, 31, 4, 512000, tzinfo=UTC)
    assert (guest.aad_id, guest.email) == (None, None)
    assert reports[0].started_at == datetime(2026, 12, 10, 7, 25, 40, 118000, tzinfo=UTC)
    assert reports[0].participants == 2
    assert [c.query.get("$expand") for c in graph.calls(GET_ATTENDANCE_REPORT)] == ["attendanceRecords"] * 2
    assert graph.calls(LIST_ATTENDANCE_REPORTS)[0].path == (
        f"/v1.0/users/{MAILBOX}/onlineMeetings/{meeting_id}/attendanceReports"
    )


async def test_a_meeting_not_ended_has_no_reports(graph: FakeGraph, client: GraphServiceClient) -> None:
    event_id = await an_event(client)
    meeting_id = graph.online_meeting_of(event_id).id
    assert await GraphMeetingArtifacts(client, MAILBOX).attendance_reports(meeting_id) == ()


@pytest.mark.parametrize(
    ("route", "status", "error"),
    [
        (LIST_ONLINE_MEETINGS, 403, NotPermitted),  # no OnlineMeetings.Read.All, or no access policy
        (GET_EVENT, 404, NotAvailable),
        (LIST_ATTENDANCE_REPORTS, 403, NotPermitted),  # no OnlineMeetingArtifact.Read.All
        (LIST_ATTENDANCE_REPORTS, 503, RetryLater),
    ],
)
async def test_a_refusal_is_told_apart_from_what_may_pass(
    graph: FakeGraph, client: GraphServiceClient, route: str, status: int, error: type[Exception]
) -> None:
    event_id = await an_event(client)
    artifacts = GraphMeetingArtifacts(client, MAILBOX)
    graph.fail_next(route, status, times=3)
    with pytest.raises(error):
        found = await artifacts.online_meeting(event_id)
        assert found is not None
        await artifacts.attendance_reports(found.id)


async def test_the_local_stand_in_serves_the_sample_report_at_the_events_time(tmp_path: object) -> None:
    calendar = IcsCalendar(tmp_path / "calendar")  # type: ignore[operator]
    later = CalendarEvent(**{**MEETING.__dict__, "starts_at": datetime(2027, 2, 11, 7, 30, tzinfo=UTC)})
    event_id = await calendar.create_event("calendar:2:create", later)
    artifacts = LocalMeetingArtifacts(calendar)

    found = await artifacts.online_meeting(event_id)
    assert found is not None
    [report] = await artifacts.attendance_reports(found.id)

    assert report.started_at == datetime(2027, 2, 11, 7, 25, 40, 118000, tzinfo=UTC)
    assert "Marika Lyman" in {r.name for r in report.records}
    with pytest.raises(NotAvailable):
        await artifacts.online_meeting("no-such-event")
