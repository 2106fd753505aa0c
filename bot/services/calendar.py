"""The group's calendar follows the year plan: one Teams meeting per meeting, through the outbox.

Each meeting's calendar messages share one outbox target, so the event is created before
it is updated and updated before it is cancelled, whatever fails in between.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from bot.services.ports.delivery import Calendar, CalendarEvent, DeliveryError, RetryLater
from bot.services.ports.outbox import Outgoing, Pending

BuildEvent = Callable[[int], Awaitable[CalendarEvent]]
Lookup = Callable[[str], Awaitable[dict[str, Any] | None]]


def _target(meeting_id: int) -> str:
    return f"calendar:{meeting_id}"


def _created(meeting_id: int) -> str:
    return f"calendar:{meeting_id}:create"


def event_created_key(meeting_id: int) -> str:
    """The outbox key whose result holds the meeting's calendar event id (`{"event_id": …}`)."""
    return _created(meeting_id)


def create_event(meeting_id: int) -> Outgoing:
    return Outgoing(
        _created(meeting_id), "calendar", "create_event", _target(meeting_id), {"meeting_id": meeting_id}
    )


def update_event(meeting_id: int, why: str) -> Outgoing:
    """`why` makes the key (e.g. "agenda", "notice", "moved-<n>"): each reason updates once."""
    payload = {"meeting_id": meeting_id, "replaces": _created(meeting_id)}
    return Outgoing(
        f"calendar:{meeting_id}:update:{why}", "calendar", "update_event", _target(meeting_id), payload
    )


def cancel_event(meeting_id: int, comment: str) -> Outgoing:
    payload = {"meeting_id": meeting_id, "replaces": _created(meeting_id), "comment": comment}
    return Outgoing(f"calendar:{meeting_id}:cancel", "calendar", "cancel_event", _target(meeting_id), payload)


class CalendarDeliverer:
    """Builds the event from the meeting as it is at delivery, and hands it to the Calendar port."""

    def __init__(self, calendar: Calendar, build: BuildEvent, results: Lookup) -> None:
        self._calendar, self._build, self._results = calendar, build, results

    async def deliver(self, message: Pending) -> dict[str, Any] | None:
        meeting_id = int(message.payload["meeting_id"])
        if message.operation == "create_event":
            return {"event_id": await self._calendar.create_event(message.key, await self._build(meeting_id))}
        created = await self._results(str(message.payload["replaces"]))
        if created is None:
            raise RetryLater("the calendar event has not been created yet", retry_after=5)
        if message.operation == "update_event":
            await self._calendar.update_event(created["event_id"], await self._build(meeting_id))
        elif message.operation == "cancel_event":
            await self._calendar.cancel_event(created["event_id"], str(message.payload.get("comment", "")))
        else:
            raise DeliveryError(f"unknown calendar operation {message.operation!r}")
        return created
