"""Övriga frågor: submitting an item, and the agenda it lands on."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.deadlines import Deadlines, deadlines_for
from bot.domain.errors import DomainError
from bot.domain.items import (
    AgendaItem,
    ItemState,
    clean_item,
    is_open_for_items,
    place_item,
    upcoming_meetings,
)
from bot.domain.meetings import Meeting
from bot.domain.permissions import Action, actor
from bot.services.context import Context
from bot.services.ports.items import NewItem


@dataclass(frozen=True)
class ItemAdded:
    item: AgendaItem
    meeting: Meeting
    deadlines: Deadlines


@dataclass(frozen=True)
class ItemTooLate:
    """Refused for `late_for` (its deadline has passed), kept, and offered for `offered_for`."""

    item: AgendaItem
    late_for: Meeting
    late_deadlines: Deadlines
    offered_for: Meeting | None
    offered_deadlines: Deadlines | None


@dataclass(frozen=True)
class AgendaView:
    meeting: Meeting
    deadlines: Deadlines
    items: list[AgendaItem]
    open_for_items: bool


async def submit_item(ctx: Context, actor_id: str, raw_text: str) -> ItemAdded | ItemTooLate:
    person = actor(ctx.group, actor_id, Action.SUBMIT_ITEM)
    title, text = clean_item(raw_text, ctx.group.rules)
    now = ctx.clock.now()
    rules, tz = ctx.group.rules, ctx.tz
    async with ctx.uow() as uow:
        placement = place_item(await uow.meetings.ending_after(now), rules, tz, now)
        target, late_for = placement.meeting, placement.late_for
        item = await uow.items.add(
            NewItem(
                meeting_id=target.id if target else None,
                late_for_meeting_id=late_for.id if late_for else None,
                title=title,
                text=text,
                submitted_by=person.aad_id,
                submitted_at=now,
                state=ItemState.OFFERED if late_for else ItemState.ON_AGENDA,
            )
        )
        await uow.commit()
    if late_for is None:
        assert target is not None
        return ItemAdded(item, target, deadlines_for(target, rules, tz))
    return ItemTooLate(
        item,
        late_for,
        deadlines_for(late_for, rules, tz),
        target,
        deadlines_for(target, rules, tz) if target else None,
    )


async def next_agenda(ctx: Context, actor_id: str) -> AgendaView:
    actor(ctx.group, actor_id, Action.READ)
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        upcoming = [m for m in await uow.meetings.ending_after(now) if not m.is_cancelled]
        if not upcoming:
            raise DomainError("agenda.no_meeting")
        meeting = upcoming[0]
        items = await uow.items.for_meeting(meeting.id)
    return AgendaView(
        meeting,
        deadlines_for(meeting, ctx.group.rules, ctx.tz),
        items,
        is_open_for_items(meeting, ctx.group.rules, ctx.tz, now),
    )


@dataclass(frozen=True)
class OfferAccepted:
    item: AgendaItem
    meeting: Meeting
    deadlines: Deadlines


async def accept_offer(ctx: Context, actor_id: str, item_id: int) -> OfferAccepted:
    """The one click that moves a late item onto the meeting it was offered for."""
    person = actor(ctx.group, actor_id, Action.SUBMIT_ITEM)
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        item = await uow.items.get(item_id)
        if item is None or item.submitted_by.casefold() != person.aad_id.casefold():
            raise DomainError("item.not_yours")
        if item.state is not ItemState.OFFERED or item.meeting_id is None:
            raise DomainError("item.not_offered")
        meeting = await uow.meetings.get(item.meeting_id)
        if meeting is None or not is_open_for_items(meeting, ctx.group.rules, ctx.tz, now):
            raise DomainError("item.offer_closed")
        await uow.items.move(item.id, meeting.id, ItemState.ON_AGENDA)
        await uow.commit()
    return OfferAccepted(item, meeting, deadlines_for(meeting, ctx.group.rules, ctx.tz))


async def agenda_of(ctx: Context, meeting_id: int) -> AgendaView:
    """The agenda of one meeting as it stands now (for the bot's own posts, so no actor)."""
    async with ctx.uow() as uow:
        meeting = await uow.meetings.get(meeting_id)
        if meeting is None:
            raise DomainError("agenda.no_meeting")
        items = await uow.items.for_meeting(meeting.id)
    rules, tz = ctx.group.rules, ctx.tz
    return AgendaView(
        meeting,
        deadlines_for(meeting, rules, tz),
        items,
        is_open_for_items(meeting, rules, tz, ctx.clock.now()),
    )


async def withdraw_item(ctx: Context, actor_id: str, item_id: int) -> ItemAdded:
    """The submitter takes their own item back, as long as the agenda is still open."""
    person = actor(ctx.group, actor_id, Action.SUBMIT_ITEM)
    async with ctx.uow() as uow:
        item = await uow.items.get(item_id)
        if item is None or item.submitted_by.casefold() != person.aad_id.casefold():
            raise DomainError("item.not_yours")
        if item.state is not ItemState.ON_AGENDA or item.meeting_id is None:
            raise DomainError("item.not_on_agenda")
        meeting = await uow.meetings.get(item.meeting_id)
        if meeting is None or not is_open_for_items(meeting, ctx.group.rules, ctx.tz, ctx.clock.now()):
            raise DomainError("item.withdraw_closed")
        await uow.items.move(item.id, item.meeting_id, ItemState.WITHDRAWN)
        await uow.commit()
    return ItemAdded(item, meeting, deadlines_for(meeting, ctx.group.rules, ctx.tz))


async def next_open_meeting(ctx: Context) -> Meeting | None:
    """The meeting a new item would go to now: the next one still open for items."""
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        meetings = await uow.meetings.ending_after(now)
    for meeting in upcoming_meetings(meetings, now):
        if is_open_for_items(meeting, ctx.group.rules, ctx.tz, now):
            return meeting
    return None
