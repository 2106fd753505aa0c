"""The protocol's draft: made from what the bot knows, completed by the secretary, paragraph or whole.

The first draft's words (§1 Mötets öppnande, §2 Utse justerare …) come from the chat layer
as `FirstDraft`, so no sentence is written here. Every edit is a new version: approvals of
the old one are voided (`protocol.revise`), and a protocol under review goes back to draft.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from bot.domain.adjustment import ProtocolState, check_draftable, check_editable
from bot.domain.deadlines import Deadlines, deadlines_for, to_utc
from bot.domain.errors import DomainError
from bot.domain.items import AgendaItem
from bot.domain.meetings import Meeting
from bot.domain.permissions import Action, actor
from bot.domain.protocol import Approval, ApprovalsVoided, Protocol, revise
from bot.domain.protocol_text import (
    SECTIONS_MAX,
    Section,
    edit_section,
    export_text,
    fill_empty,
    parse_text,
    place_new_votes,
)
from bot.services.context import Context
from bot.services.meeting_day import meeting_by_id
from bot.services.meeting_record import MeetingRecord, meeting_record
from bot.services.ports.delivery import RetryLater
from bot.services.ports.protocol import ChangeRequest, StoredProtocol
from bot.services.ports.store import UnitOfWork
from bot.services.posts import refresh_reviews
from bot.services.protocol_record import content_of, questions, snapshot, version_of, vote_ids

FirstDraft = Callable[[MeetingRecord, list[AgendaItem]], tuple[Section, ...]]


@dataclass(frozen=True)
class ProtocolView:
    meeting: Meeting
    state: ProtocolState
    sections: tuple[Section, ...]
    record: dict[str, Any]  # live while the secretary writes, frozen from submission on
    version: str
    approvals: tuple[Approval, ...]  # of this version
    deadlines: Deadlines
    change_request: ChangeRequest | None = None
    submitted_at: datetime | None = None
    adjusted_at: datetime | None = None

    def _aad(self, role: str) -> str | None:
        named = self.record.get(role)
        return str(named["aad_id"]) if named else None

    @property
    def adjuster_id(self) -> str | None:
        return self._aad("adjuster")

    @property
    def chair_id(self) -> str | None:
        return self._aad("chair")

    def protocol(self) -> Protocol:
        content = content_of(self.record, self.sections)
        return Protocol(self.meeting.id, content, self.adjuster_id, self.chair_id, self.approvals)

    def approval_of(self, aad_id: str | None) -> Approval | None:
        return next(
            (a for a in self.approvals if aad_id and a.approver.casefold() == aad_id.casefold()), None
        )


def _frozen(state: ProtocolState) -> bool:
    return state in (ProtocolState.IN_REVIEW, ProtocolState.ADJUSTED)


def view(ctx: Context, meeting: Meeting, stored: StoredProtocol, live: dict[str, Any]) -> ProtocolView:
    record = stored.record if _frozen(stored.state) and stored.record else live
    sections = stored.sections or ()
    version = version_of(record, sections)
    return ProtocolView(
        meeting, stored.state, sections, record, version,
        tuple(a for a in stored.approvals if a.version == version),
        deadlines_for(meeting, ctx.group.rules, ctx.tz),
        stored.change_request, stored.submitted_at, stored.adjusted_at,
    )  # fmt: skip


async def live_record(ctx: Context, meeting_id: int) -> tuple[MeetingRecord, dict[str, Any]]:
    record = await meeting_record(ctx, meeting_id)
    return record, snapshot(ctx.group, record)


async def meeting_for(ctx: Context, day: date | None) -> Meeting:
    """The meeting of `day`, or the latest that has begun: its protocol is the one being written."""
    now = ctx.clock.now()
    async with ctx.uow() as uow:
        held = [m for m in await uow.meetings.all() if not m.is_cancelled and m.starts_at <= now]
    if day is not None:
        found = [m for m in held if m.starts_at.astimezone(ctx.tz).date() == day]
        if not found:
            raise DomainError("protocol.no_meeting_that_day", day=day.isoformat())
        return found[0]
    if not held:
        raise DomainError("protocol.no_meeting")
    return max(held, key=lambda m: (m.starts_at, m.id))


async def protocol_of(ctx: Context, meeting_id: int) -> ProtocolView | None:
    """The protocol as it stands (for the bot's own posts and pages, so no actor); None before a draft."""
    _, live = await live_record(ctx, meeting_id)
    async with ctx.uow() as uow:
        meeting = await meeting_by_id(uow, meeting_id)
        stored = await uow.protocols.get(meeting_id)
    if stored is None or stored.sections is None:
        return None
    return view(ctx, meeting, stored, live)


async def _draft(
    ctx: Context,
    uow: UnitOfWork,
    meeting: Meeting,
    record: MeetingRecord,
    live: dict[str, Any],
    first: FirstDraft,
) -> StoredProtocol:
    """The stored protocol, locked; made from the meeting when there is none, with new votes placed."""
    check_draftable(meeting, ctx.clock.now())
    await uow.protocols.lock(meeting.id)
    stored = await uow.protocols.get(meeting.id)
    assert stored is not None  # lock() made the row
    if stored.sections is not None and _frozen(stored.state):
        return stored
    fresh = first(record, await uow.items.for_meeting(meeting.id))
    sections = fresh if stored.sections is None else stored.sections
    if not _frozen(stored.state):
        sections = place_new_votes(sections, vote_ids(live), questions(live))
        # What the bot learnt since the draft was made (e.g. the adjuster) fills the empty paragraphs.
        sections = fill_empty(sections, fresh)
    if sections != stored.sections:
        await uow.protocols.save_sections(meeting.id, sections, stored.state)
        stored = await uow.protocols.get(meeting.id)
        assert stored is not None
    return stored


async def open_protocol(ctx: Context, actor_id: str, day: date | None, first: FirstDraft) -> ProtocolView:
    """`protokoll`: the latest meeting's protocol, its first draft made if there is none yet."""
    actor(ctx.group, actor_id, Action.READ)
    meeting = await meeting_for(ctx, day)
    return await _opened(ctx, meeting, first)


async def _opened(ctx: Context, meeting: Meeting, first: FirstDraft) -> ProtocolView:
    record, live = await live_record(ctx, meeting.id)
    async with ctx.uow() as uow:
        stored = await _draft(ctx, uow, meeting, record, live, first)
        await uow.commit()
    return view(ctx, meeting, stored, live)


async def _change(
    ctx: Context, meeting_id: int, first: FirstDraft, write: Callable[[ProtocolView], tuple[Section, ...]]
) -> tuple[ProtocolView, bool]:
    """One edit in one transaction: a new version, the old one's approvals voided; and whether it
    changed anything (the same text again is the same version, and nothing happens)."""
    record, live = await live_record(ctx, meeting_id)
    async with ctx.uow() as uow:
        meeting = await meeting_by_id(uow, meeting_id)
        before = view(ctx, meeting, await _draft(ctx, uow, meeting, record, live, first), live)
        check_editable(before.state)
        sections = write(before)
        protocol = before.protocol()
        rules = ctx.group.rules
        revised, events = revise(
            protocol, content_of(live, sections), chair_must_approve=rules.chair_must_approve
        )
        if any(isinstance(e, ApprovalsVoided) for e in events):
            await uow.protocols.clear_approvals(meeting_id)
        if revised is not protocol:
            # Under review, an edit withdraws the protocol: the secretary submits the new version.
            state = ProtocolState.DRAFT if before.state is ProtocolState.IN_REVIEW else before.state
            await uow.protocols.save_sections(meeting_id, sections, state)
            if before.state is ProtocolState.IN_REVIEW:
                await refresh_reviews(ctx, uow.outbox, meeting_id, ctx.clock.now())
        stored = await uow.protocols.get(meeting_id)
        await uow.commit()
    assert stored is not None
    return view(ctx, meeting, stored, live), revised is not protocol


async def edit_paragraph(
    ctx: Context, actor_id: str, meeting_id: int, number: int, fields: tuple[str, str, str], first: FirstDraft
) -> ProtocolView:
    """The card's form: one paragraph's title, text and decision; one past the last adds one."""
    actor(ctx.group, actor_id, Action.SUBMIT_PROTOCOL)
    title, text, decision = fields
    edited, _ = await _change(
        ctx, meeting_id, first, lambda v: edit_section(v.sections, number, title, text, decision)
    )
    return edited


async def import_text(
    ctx: Context, actor_id: str, meeting_id: int, raw: str, first: FirstDraft
) -> tuple[ProtocolView, bool]:
    """The whole text at once, in the format of `export`; nothing changes unless all of it is read.
    With it, whether it changed the protocol: an unchanged export read back does not."""
    actor(ctx.group, actor_id, Action.SUBMIT_PROTOCOL)

    def read(v: ProtocolView) -> tuple[Section, ...]:
        most = max(SECTIONS_MAX, len(v.sections))
        return parse_text(raw, vote_ids(v.record), questions(v.record), sections_max=most)

    return await _change(ctx, meeting_id, first, read)


async def export(ctx: Context, actor_id: str, meeting_id: int, first: FirstDraft) -> tuple[ProtocolView, str]:
    """The whole text in the format `import_text` reads."""
    actor(ctx.group, actor_id, Action.SUBMIT_PROTOCOL)
    opened = await open_protocol_of(ctx, actor_id, meeting_id, first)
    return opened, export_text(opened.sections, vote_ids(opened.record), questions(opened.record))


async def adjusted_protocols(ctx: Context) -> list[ProtocolView]:
    """Every adjusted protocol, the latest first: what the public pages show (and nothing else)."""
    async with ctx.uow() as uow:
        meetings = {m.id: m for m in await uow.meetings.all()}
        stored = await uow.protocols.adjusted()
    return [view(ctx, meetings[s.meeting_id], s, s.record or {}) for s in stored if s.sections is not None]


async def adjusted_protocol_on(ctx: Context, day: date) -> ProtocolView | None:
    """The adjusted protocol of the meeting on `day` (its local date), as the public page names it;
    of two, the one adjusted last. Read from that day's meetings, not from every protocol."""
    start = to_utc(day, time(0), ctx.tz)
    async with ctx.uow() as uow:
        that_day = [
            m for m in await uow.meetings.ending_after(start) if m.starts_at.astimezone(ctx.tz).date() == day
        ]
        stored = [(m, s) for m in that_day if (s := await uow.protocols.get(m.id)) is not None]
    adjusted = [(m, s) for m, s in stored if s.state is ProtocolState.ADJUSTED and s.sections is not None]
    if not adjusted:
        return None
    meeting, latest = max(adjusted, key=lambda found: (found[1].adjusted_at or start, found[0].id))
    return view(ctx, meeting, latest, latest.record or {})


async def submitted_protocol(ctx: Context, meeting_id: int) -> ProtocolView | None:
    """The protocol as last submitted (its record frozen), without reading the meeting day again."""
    async with ctx.uow() as uow:
        meeting = await meeting_by_id(uow, meeting_id)
        stored = await uow.protocols.get(meeting_id)
    if stored is None or stored.sections is None or stored.record is None:
        return None
    return view(ctx, meeting, stored, stored.record)


async def open_protocol_of(ctx: Context, actor_id: str, meeting_id: int, first: FirstDraft) -> ProtocolView:
    """The protocol of the meeting a card names (for its buttons)."""
    actor(ctx.group, actor_id, Action.READ)
    async with ctx.uow() as uow:
        meeting = await meeting_by_id(uow, meeting_id)
    return await _opened(ctx, meeting, first)


async def stored_pdf(ctx: Context, meeting_id: int, version: str) -> bytes:
    """The rendered PDF; not there yet means its render has not been delivered: later."""
    async with ctx.uow() as uow:
        pdf = await uow.protocols.pdf(meeting_id, version)
    if pdf is None:
        raise RetryLater(
            f"the PDF of protocol {meeting_id} ({version[:8]}) is not rendered yet", retry_after=5
        )
    return pdf
