"""The group's meetings as Teams meetings in the organizer's (the group mailbox's) Outlook calendar."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kiota_abstractions.base_request_configuration import RequestConfiguration
from msgraph import GraphServiceClient
from msgraph.generated.models.attendee import Attendee
from msgraph.generated.models.attendee_type import AttendeeType
from msgraph.generated.models.body_type import BodyType
from msgraph.generated.models.date_time_time_zone import DateTimeTimeZone
from msgraph.generated.models.email_address import EmailAddress
from msgraph.generated.models.event import Event
from msgraph.generated.models.item_body import ItemBody
from msgraph.generated.models.location import Location
from msgraph.generated.models.online_meeting_provider_type import OnlineMeetingProviderType
from msgraph.generated.models.single_value_legacy_extended_property import (
    SingleValueLegacyExtendedProperty,
)
from msgraph.generated.users.item.events.events_request_builder import EventsRequestBuilder
from msgraph.generated.users.item.events.item.cancel.cancel_post_request_body import CancelPostRequestBody

from bot.graph.errors import delivery_errors
from bot.services.ports.delivery import CalendarEvent, DeliveryError

# A named property of our own on each event, holding the outbox key, so that the event can be
# found again by key. The GUID is this bot's namespace: never change it, or old events are lost.
KEY_PROPERTY = "String {87cca511-0ac1-4063-9494-ff8b13252377} Name StyrgruppOutboxKey"

ListQuery = EventsRequestBuilder.EventsRequestBuilderGetQueryParameters


class GraphCalendar:
    """Implements the Calendar port on `users/{organizer}/events`.

    Creation is idempotent twice over: the event carries the key in `transactionId`, which Graph
    uses to drop a repeated POST, and in an extended property that is looked up before posting,
    which holds however long the outbox waited between two attempts.
    """

    def __init__(self, client: GraphServiceClient, organizer_mailbox: str) -> None:
        self._events = client.users.by_user_id(organizer_mailbox).events
        self._organizer = organizer_mailbox

    async def create_event(self, key: str, event: CalendarEvent) -> str:
        existing = await self._find(key)
        if existing is not None:
            return existing
        body = _event(event)
        body.transaction_id = key
        body.single_value_extended_properties = [
            SingleValueLegacyExtendedProperty(id=KEY_PROPERTY, value=key)
        ]
        with delivery_errors(f"create event {key!r} in {self._organizer}"):
            created = await self._events.post(body)
        if created is None or not created.id:
            raise DeliveryError(f"create event {key!r}: Graph answered without an id")
        return created.id

    async def update_event(self, event_id: str, event: CalendarEvent) -> None:
        """Attendees get the update; added ones are invited, removed ones get a cancellation."""
        with delivery_errors(f"update event {event_id}"):
            await self._events.by_event_id(event_id).patch(_event(event))

    async def cancel_event(self, event_id: str, comment: str) -> None:
        """Graph sends the cancellation, with the comment, to every attendee (organizer only)."""
        with delivery_errors(f"cancel event {event_id}"):
            await self._events.by_event_id(event_id).cancel.post(CancelPostRequestBody(comment=comment))

    async def _find(self, key: str) -> str | None:
        quoted = key.replace("'", "''")  # an OData string literal doubles its quotes
        match = f"ep/id eq '{KEY_PROPERTY}' and ep/value eq '{quoted}'"
        query = ListQuery(
            filter=f"singleValueExtendedProperties/Any(ep: {match})",
            select=["id"],
            top=1,
        )
        with delivery_errors(f"look up event {key!r} in {self._organizer}"):
            found = await self._events.get(RequestConfiguration(query_parameters=query))
        events = (found.value if found else None) or []
        return events[0].id if events else None


def _event(event: CalendarEvent) -> Event:
    online = OnlineMeetingProviderType.TeamsForBusiness if event.online_meeting else None
    return Event(
        subject=event.subject,
        body=ItemBody(content_type=BodyType.Html, content=event.body_html),
        start=_local(event.starts_at, event.time_zone),
        end=_local(event.ends_at, event.time_zone),
        location=Location(display_name=event.location),
        attendees=[
            Attendee(
                email_address=EmailAddress(address=who.address, name=who.name or None),
                type=AttendeeType.Required,
            )
            for who in event.attendees
        ],
        is_online_meeting=event.online_meeting,
        online_meeting_provider=online,
    )


def _local(moment: datetime, time_zone: str) -> DateTimeTimeZone:
    """Graph wants the wall-clock time and the zone's name, so a meeting stays at 08:30 across DST."""
    if moment.tzinfo is None:
        raise DeliveryError(f"event time {moment} has no time zone")
    try:
        zone = ZoneInfo(time_zone)
    except (ValueError, ZoneInfoNotFoundError) as error:
        raise DeliveryError(f"unknown time zone {time_zone!r}") from error
    wall = moment.astimezone(zone).replace(tzinfo=None)
    return DateTimeTimeZone(date_time=wall.isoformat(timespec="seconds"), time_zone=time_zone)
