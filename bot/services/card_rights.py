"""What the card-rights table needs to know about the meeting, vote or item a card names.

One short read before the verb's handler runs; the handler reads again under its own lock,
so a change between the two is caught there. A subject that does not exist is refused here.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.adjustment import ProtocolState
from bot.domain.card_rights import NO_PROTOCOL, CardFacts, CardRule, ProtocolPhase, Subject
from bot.domain.errors import DomainError
from bot.domain.meetings import Meeting
from bot.domain.votes import Vote
from bot.services.chairing import chair_id_of
from bot.services.context import Context
from bot.services.meeting_day import going_on
from bot.services.ports.store import UnitOfWork

_FROZEN = (ProtocolState.IN_REVIEW, ProtocolState.ADJUSTED)
_UNKNOWN = {
    Subject.MEETING: "meeting.not_found",
    Subject.VOTE: "vote.not_found",
    Subject.ITEM: "item.not_yours",
}


async def card_facts(ctx: Context, rule: CardRule, subject_id: int | None) -> CardFacts:
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        found = await _subject(uow, rule.subject, subject_id)
        meeting = await uow.meetings.get(found.meeting_id) if found.meeting_id is not None else None
        if rule.subject is Subject.MEETING and meeting is None:
            raise DomainError(_UNKNOWN[Subject.MEETING])
        # Only where the card must belong to the meeting going on now.
        current = await going_on(uow, now) if rule.needs_current else None
        protocol, adjuster, submitted = (
            await _protocol(uow, meeting) if rule.needs_protocol else (NO_PROTOCOL, None, False)
        )
        chairing = await _chairing(ctx, uow, meeting) if rule.needs_chairing else None
    return CardFacts(
        now, meeting, current.id if current else None, protocol, adjuster, submitted,
        found.vote, found.submitter, chairing,
    )  # fmt: skip


@dataclass(frozen=True)
class _Found:
    meeting_id: int | None = None
    vote: Vote | None = None
    submitter: str | None = None


async def _subject(uow: UnitOfWork, subject: Subject, subject_id: int | None) -> _Found:
    """The subject's meeting id, and the vote or the item's submitter that relations are judged on."""
    if subject is Subject.MEETING:
        return _Found(subject_id)
    if subject is Subject.VOTE and subject_id is not None:
        vote = await uow.votes.get(subject_id)
        if vote is None:
            raise DomainError(_UNKNOWN[subject])
        return _Found(vote.meeting_id, vote=vote)
    if subject is Subject.ITEM and subject_id is not None:
        item = await uow.items.get(subject_id)
        if item is None:
            raise DomainError(_UNKNOWN[subject])
        return _Found(item.meeting_id, submitter=item.submitted_by)
    return _Found()


async def _chairing(ctx: Context, uow: UnitOfWork, meeting: Meeting | None) -> str | None:
    """Who chairs the meeting; once its protocol is handed over, the chair the protocol names."""
    if meeting is None:
        return None
    stored = await uow.protocols.get(meeting.id)
    if stored is not None and stored.state in _FROZEN and stored.record:
        named = stored.record.get("chair")
        return str(named["aad_id"]) if named else None
    return await chair_id_of(ctx, uow, meeting.id)


async def _protocol(uow: UnitOfWork, meeting: Meeting | None) -> tuple[ProtocolPhase, str | None, bool]:
    """The protocol's state, its adjuster (the submitted record's, else the meeting day's), and
    whether it has been handed over for adjustment (reservations close then)."""
    if meeting is None:
        return NO_PROTOCOL, None, False
    stored = await uow.protocols.get(meeting.id)
    day = await uow.meeting_days.get(meeting.id)
    submitted = day is not None and day.submitted_for_adjustment_at is not None
    if stored is not None and stored.state in _FROZEN and stored.record:
        named = stored.record.get("adjuster")
        return stored.state, str(named["aad_id"]) if named else None, submitted
    adjuster = day.adjuster.aad_id if day is not None and day.adjuster is not None else None
    drafted = stored is not None and stored.sections is not None
    return (stored.state if stored is not None and drafted else NO_PROTOCOL), adjuster, submitted
